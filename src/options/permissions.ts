/**
 * Optional permissions the options page asks for and gives back. Every `request` here must be
 * called straight from a click handler: browsers only show the prompt during a user gesture.
 */
import browser from '../shared/browser';

/** Every site, for the floating selection button (the manifest's optional host permission). */
export const ALL_SITES = '*://*/*';

/** Whether the manifest lists `name` as optional (proxy is optional on Firefox, required on Chrome). */
export function isOptionalPermission(name: string): boolean {
  const optional = browser.runtime.getManifest().optional_permissions as string[] | undefined;
  return optional?.includes(name) ?? false;
}

export function requestOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

/** Gives back host access; required hosts cannot be removed, which is fine. */
export async function releaseOrigins(origins: string[]): Promise<void> {
  await browser.permissions.remove({ origins }).catch(() => false);
}

/** Asks for the proxy permission where it is optional; elsewhere the manifest already grants it. */
export async function requestProxy(): Promise<boolean> {
  if (!isOptionalPermission('proxy')) return true;
  return browser.permissions.request({ permissions: ['proxy'] });
}

export async function releaseProxy(): Promise<void> {
  if (!isOptionalPermission('proxy')) return;
  await browser.permissions.remove({ permissions: ['proxy'] }).catch(() => false);
}

export function isFirefox(): boolean {
  return typeof navigator !== 'undefined' && /\bFirefox\//.test(navigator.userAgent);
}

/** Checks of the proxy form's fields, so a bad port or host never turns the proxy on. */
import browser from '../shared/browser';
import { isOptionalPermission } from './permissions';

/** A whole number 1–65535 as typed, else null (99999, 0, 80.5, "80a" are all refused). */
export function parsePort(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= 65535 ? value : null;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** A host name, an IPv4 address or a bracketed IPv6 address; no scheme, port, path or spaces. */
export function isProxyHost(text: string): boolean {
  const host = text.trim();
  if (IPV6.test(host)) return host.includes(':');
  // All digits and dots: it must be a real IPv4 address (999.1.1.1 is not a name either).
  if (/^[\d.]+$/.test(host)) return IPV4.test(host);
  return HOST_NAME.test(host);
}

/** Whether this build can use a proxy: Chrome's default package has no `proxy` permission. */
export function proxyAvailable(): boolean {
  const permissions = (browser.runtime.getManifest().permissions ?? []) as string[];
  return permissions.includes('proxy') || isOptionalPermission('proxy');
}

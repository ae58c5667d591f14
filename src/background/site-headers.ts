/**
 * Keeps the browser's session rules (site-header-rules.ts) in step with the configured chat
 * sites: replaced whenever the settings are applied (worker start, every settings change), and
 * extended on the spot for a site asked before its settings change arrived (a self-test right
 * after "Add site", an old conversation's site). Writes run one after another; never throws.
 */
import browser from '../shared/browser';
import type { Settings } from '../shared/settings';
import { log } from './log';
import { sitePages, siteHeaderRules } from './site-header-rules';

let configured: string[] = [];
let extras: string[] = [];
let chain: Promise<void> = Promise.resolve();

/** Our own host as a request's initiator: the extension id (Chrome), the add-on's UUID (Firefox). */
function initiator(): string {
  return new URL(browser.runtime.getURL('')).host;
}

async function write(): Promise<void> {
  const dnr = browser.declarativeNetRequest as typeof browser.declarativeNetRequest | undefined;
  if (!dnr?.updateSessionRules) return;
  const old = await dnr.getSessionRules();
  await dnr.updateSessionRules({
    removeRuleIds: old.map((rule) => rule.id),
    addRules: siteHeaderRules([...configured, ...extras], initiator()),
  });
}

function enqueue(): Promise<void> {
  chain = chain
    .then(write)
    .catch((error: unknown) => log('could not set the chat sites’ request headers', error));
  return chain;
}

/** The rules for exactly the sites in the settings. */
export function applySiteHeaders(settings: Pick<Settings, 'sites' | 'defaultSite'>): Promise<void> {
  configured = [settings.defaultSite, ...settings.sites.map((site) => site.url)];
  extras = [];
  return enqueue();
}

/** Resolves once `site` has its rules (added if the settings do not list it). */
export function ensureSiteHeaders(site: string): Promise<void> {
  const [wanted] = sitePages([site]);
  if (wanted === undefined) return chain;
  const known = sitePages([...configured, ...extras]).some((s) => s.origin === wanted.origin);
  if (known) return chain;
  extras.push(site);
  return enqueue();
}

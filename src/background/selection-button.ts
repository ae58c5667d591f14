/**
 * The opt-in floating "Ask" button: a tiny script registered with scripting.registerContentScripts
 * only while settings.selectionButton is on (the options page asks for the all-sites permission),
 * and unregistered when it is turned off. Sites in the deny list become excludeMatches, so the
 * script never even loads there.
 */
import browser, { type Scripting } from '../shared/browser';
import { SELECTION_BUTTON_STOP } from '../shared/messages';
import type { Settings } from '../shared/settings';

export const SELECTION_BUTTON_SCRIPT_ID = 'chatgptt-selection-button';
const SCRIPT_FILE = 'content/selection-button.js';
const MATCHES = ['http://*/*', 'https://*/*'];

let queue: Promise<void> = Promise.resolve();

/**
 * Makes the registered script match the settings: registers, updates (deny list) or unregisters
 * it. Call it when the worker starts and whenever settings change. Calls are serialized, so
 * overlapping calls cannot register the same id twice. Never throws.
 */
export function syncSelectionButton(
  settings: Pick<Settings, 'selectionButton' | 'selectionDenyList'>,
): Promise<void> {
  queue = queue
    .then(() => apply(settings))
    .catch((error: unknown) => {
      console.warn('selection button: could not sync the registered script', error);
    });
  return queue;
}

async function apply(
  settings: Pick<Settings, 'selectionButton' | 'selectionDenyList'>,
): Promise<void> {
  const registered = await browser.scripting.getRegisteredContentScripts({
    ids: [SELECTION_BUTTON_SCRIPT_ID],
  });
  const isRegistered = registered.length > 0;
  if (!settings.selectionButton) {
    if (!isRegistered) return;
    await browser.scripting.unregisterContentScripts({ ids: [SELECTION_BUTTON_SCRIPT_ID] });
    // Buttons already running in open tabs leave when told (they cannot read storage).
    const tabs = await browser.tabs.query({});
    await Promise.all(
      tabs.map(
        (tab) =>
          tab.id === undefined
            ? undefined
            : browser.tabs
                .sendMessage(tab.id, { type: SELECTION_BUTTON_STOP }, { frameId: 0 })
                .catch(() => undefined), // No button in that tab.
      ),
    );
    return;
  }
  const script: Scripting.RegisteredContentScript = {
    id: SELECTION_BUTTON_SCRIPT_ID,
    js: [SCRIPT_FILE],
    matches: MATCHES,
    runAt: 'document_idle',
    allFrames: false,
  };
  const exclude = denyListToExcludeMatches(settings.selectionDenyList);
  if (exclude.length > 0) script.excludeMatches = exclude;
  if (isRegistered) {
    // updateContentScripts keeps an old excludeMatches when the key is absent: send [] explicitly.
    await browser.scripting.updateContentScripts([{ ...script, excludeMatches: exclude }]);
  } else {
    await browser.scripting.registerContentScripts([script]);
    await attachToOpenTabs(exclude);
  }
}

/**
 * Hostnames (or URLs someone pasted) → match patterns for the host and its subdomains.
 * Entries that are not hostnames are dropped: one bad pattern would fail the whole registration.
 */
export function denyListToExcludeMatches(denyList: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const entry of denyList) {
    const host = toHostname(entry);
    if (!host) continue;
    patterns.add(`*://${host}/*`);
    patterns.add(`*://*.${host}/*`);
  }
  return [...patterns];
}

function toHostname(entry: string): string | null {
  let value = entry.trim().toLowerCase();
  if (!value) return null;
  if (value.startsWith('*.')) value = value.slice(2);
  try {
    const host = new URL(value.includes('://') ? value : `http://${value}`).hostname;
    return /^[a-z0-9.-]+$/.test(host) && !host.startsWith('.') ? host : null;
  } catch {
    return null;
  }
}

/**
 * Registered scripts only reach pages loaded afterwards; pages already open (where the
 * permission allows) get it at once. The script guards against running twice.
 */
async function attachToOpenTabs(exclude: readonly string[]): Promise<void> {
  const denied = exclude.map((pattern) => pattern.slice('*://'.length, -'/*'.length));
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url || !/^https?:/.test(tab.url)) return;
      const host = new URL(tab.url).hostname;
      if (denied.some((d) => (d.startsWith('*.') ? host.endsWith(d.slice(1)) : host === d))) return;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id }, files: [SCRIPT_FILE] })
        .catch(() => undefined); // No permission for that tab: it gets the script on reload.
    }),
  );
}

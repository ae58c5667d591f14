/**
 * Trust tiers (src/background/README.md#trust-tiers): who sent a message decides what it may ask. The browser fills in
 * the sender; a web page cannot forge its URL or tab.
 *   extension – our own page in its own window or tab (popup, options, onboarding): anything;
 *   sidebar   – our page framed inside a web page's tab (the sidebar): anything a page may do,
 *               plus taking the pending request of its own tab;
 *   content   – our content script in a web page: only open/close the sidebar of its own tab
 *               (with its selection or a quick action) and read what the toolbar shows;
 *   untrusted – anything else: refused.
 */
import type { RequestType } from '../../shared/messages';

export type Tier = 'extension' | 'sidebar' | 'content' | 'untrusted';

/** The parts of runtime.MessageSender the router looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface Caller {
  tier: Tier;
  /** The tab the sender lives in (content scripts and the sidebar act on their own tab only). */
  tabId?: number;
}

function isOurs(url: string | undefined, origin: string): boolean {
  return url !== undefined && url.startsWith(origin);
}

/** `origin` is `runtime.getURL('')`, e.g. `chrome-extension://<id>/`. */
export function classifySender(sender: SenderInfo, extensionId: string, origin: string): Caller {
  if (sender.id !== extensionId) return { tier: 'untrusted' };
  const tabId = sender.tab?.id;
  const withTab = tabId === undefined ? {} : { tabId };
  if (isOurs(sender.url, origin)) {
    // Our page in a sub-frame of some tab: the sidebar iframe inside a web page.
    const framed = sender.tab !== undefined && sender.frameId !== undefined && sender.frameId !== 0;
    return { tier: framed ? 'sidebar' : 'extension', ...withTab };
  }
  if (sender.tab !== undefined && tabId !== undefined && tabId >= 0)
    return { tier: 'content', tabId };
  return { tier: 'untrusted' };
}

const CONTENT_ALLOWED: ReadonlySet<RequestType> = new Set<RequestType>([
  'sidebar/open',
  'sidebar/closed',
  'content/settings',
  'content/sidebarWidth',
  'content/actions',
  'content/toolbar',
]);

/** Whether a caller of `tier` may send a request of `type`. */
export function mayRequest(tier: Tier, type: RequestType): boolean {
  switch (tier) {
    case 'extension':
    case 'sidebar':
      return true;
    case 'content':
      return CONTENT_ALLOWED.has(type);
    case 'untrusted':
      return false;
  }
}

/** Whether a caller may open a `turn` or `watch` port (views only). */
export function mayConnect(tier: Tier): boolean {
  return tier === 'extension' || tier === 'sidebar';
}

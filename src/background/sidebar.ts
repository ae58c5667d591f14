/**
 * The worker's side of the in-page sidebar: injecting the host into a tab through activeTab +
 * scripting, toggling it, and handing the sidebar page its pending request.
 *
 * Flow: the worker budgets the request, stores it in storage.session under a fresh random token
 * (per tab), injects content/sidebar-host.js (idempotent) and tells it to show/toggle with that
 * token. The host puts the token in the iframe's URL hash; the sidebar page trades it for the
 * request through `sidebar/takePending`. storage.session is not readable by content scripts, and
 * the token never reaches the page (closed shadow root, cross-origin iframe).
 */
import browser, { type Tabs } from '../shared/browser';
import { languageOf, tIn } from '../shared/i18n';
import type { ContentCommand, SidebarRequest } from '../shared/messages';
import { budgetText, selectionContext } from '../shared/prompt';
import { getSettings } from '../shared/settings-storage';
import { randomHex } from '../shared/random-hex';
import { fieldSelectionText, visibleSelectionText } from '../content/selection/visible-text';
import {
  type VideoState,
  summarizePrompt,
  videoNotice,
  videoSource,
  videoState,
} from '../shared/video-page';

const HOST_SCRIPT = 'content/sidebar-host.js';
// From the root: the side panel and the popup inject it too, and Firefox resolves a relative
// path against the calling page (panel/content/… does not exist; Chrome uses the root).
const READABLE_SCRIPT = '/content/readable-page.js';
/** storage.session key of the note the popup shows when it was opened instead of the sidebar. */
export const POPUP_NOTE_KEY = 'popupNote';

/** What storage.session keeps per tab (key `sidebar:<tabId>`). */
interface PendingEntry {
  token: string;
  /** The request, until the sidebar page takes it; after that an empty request. */
  request: SidebarRequest;
}

/** The note for the popup: why it opened instead of the sidebar. */
export interface PopupNote {
  message: string;
  at: number;
}

const pendingKey = (tabId: number): string => `sidebar:${tabId}`;

/** Opens the sidebar in `tab` with `request` (selection, quick action…); falls back to the popup where nothing can be injected. */
export async function openSidebar(tab: Tabs.Tab, request: SidebarRequest): Promise<void> {
  const settings = await getSettings();
  await deliver(tab, budgetRequest(request, settings.contextBudget), 'sidebar/show');
}

/**
 * The shortcut: toggles the sidebar in `tab` (with the page's selection, if any). The selection
 * and the settings are read while the host is injected and the frame loads (issue 18): the frame
 * needs the request only when it trades its token, ~100 ms later, and takePending waits for it.
 */
export async function toggleSidebar(tab: Tabs.Tab): Promise<void> {
  if (tab.id === undefined) return;
  if (!canInject(tab.url)) return openPopupInstead();
  const tabId = tab.id;
  const request = Promise.all([readSelection(tabId), getSettings()]).then(([selection, settings]) =>
    budgetRequest(
      selection.trim() ? { context: selectionContext(tab, selection) } : {},
      settings.contextBudget,
    ),
  );
  await deliver(tab, request, 'sidebar/toggle');
}

/** "Summarize this page": extracts the readable text of `tab` and opens the sidebar asking for a summary. */
export async function summarizePage(tab: Tabs.Tab): Promise<void> {
  if (tab.id === undefined) return;
  if (!canInject(tab.url)) return openPopupInstead();
  const settings = await getSettings();
  const language = languageOf(settings.language);
  let page: ReadablePage | null;
  try {
    page = await extractReadable(tab.id, [language]);
  } catch {
    return openPopupInstead();
  }
  // A video with no captions to read: say so, send nothing.
  const notice = videoNotice(language, page?.video);
  if (notice) return deliver(tab, { notice }, 'sidebar/show');
  const request: SidebarRequest = {
    context: {
      title: page?.title || tab.title || '',
      url: tab.url ?? '',
      text: page?.text ?? '',
      kind: 'page',
      ...videoSource(page?.video),
    },
    prompt: summarizePrompt(language, page?.video),
    autoSend: true,
    // Whole: a long page is summarized in parts, never cut (shared/page-parts.ts).
    summarize: true,
  };
  await deliver(tab, budgetRequest(request, settings.contextBudget), 'sidebar/show');
}

/**
 * Pending entries still being written, per tab: the shortcut shows the sidebar before its request
 * (the selection) is read, so the page's trade waits for the write instead of finding nothing.
 */
const writes = new Map<number, Promise<unknown>>();

/** The sidebar page asks for what it was opened for; `token` proves it was injected by us. */
export async function takePending(tabId: number, token: string): Promise<SidebarRequest | null> {
  await writes.get(tabId);
  const key = pendingKey(tabId);
  const entry = (await browser.storage.session.get(key))[key] as PendingEntry | undefined;
  if (!entry || typeof token !== 'string' || !constantTimeEqual(entry.token, token)) return null;
  // One-shot: a reload of the sidebar page must not send the quick action again, but the token
  // stays valid (an empty request still means "opened by us", see sidebar/main.tsx).
  await browser.storage.session.set({ [key]: { token: entry.token, request: {} } });
  return entry.request;
}

/**
 * The sidebar was closed in `tabId` (its content script reports it), or its page asks for it to
 * be (the fallback of sidebar/close.ts): forget the pending request and make sure the host is
 * gone. Telling a host that already closed to close again is harmless.
 */
export async function sidebarClosed(tabId: number): Promise<void> {
  await browser.storage.session.remove(pendingKey(tabId));
  const command: ContentCommand = { type: 'sidebar/close' };
  await browser.tabs.sendMessage(tabId, command, { frameId: 0 }).catch(() => undefined);
}

// ---- Pure helpers (exported for unit tests) -----------------------------------------------

/** Schemes and hosts where the browser lets no extension run scripts. */
const RESTRICTED_PREFIXES = [
  'chrome:',
  'chrome-extension:',
  'chrome-search:',
  'chrome-untrusted:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'about:',
  'moz-extension:',
  'resource:',
  'view-source:',
  'data:',
  'blob:',
  'https://chrome.google.com/webstore',
  'https://chromewebstore.google.com',
  'https://microsoftedge.microsoft.com/addons',
  'https://addons.mozilla.org',
  'https://accounts-static.cdn.mozilla.net',
];

/**
 * Whether the sidebar can be injected into a page at `url`. Unknown URLs (no `tabs` permission
 * and no activeTab grant) are tried; the injection itself is the final judge.
 */
export function canInject(url: string | undefined): boolean {
  if (!url) return true;
  const lower = url.toLowerCase();
  if (RESTRICTED_PREFIXES.some((prefix) => lower.startsWith(prefix))) return false;
  // Chrome's and Firefox's PDF viewers replace the document; nothing of ours can run there.
  try {
    if (new URL(lower).pathname.endsWith('.pdf')) return false;
  } catch {
    return false;
  }
  return true;
}

/**
 * Cuts the context text to `budget` characters and says how much was cut. When anything was cut
 * the request no longer sends by itself: the user sees the warning first (issue 6).
 */
export function budgetRequest(request: SidebarRequest, budget: number): SidebarRequest {
  // A page summary takes the whole page, in parts when it is long: nothing to cut or warn about.
  if (request.summarize) return request;
  const original = request.context?.text;
  const { text, cut } = budgetText(original ?? '', Math.max(1, budget));
  // A request stashed earlier may carry a count already: those characters count too.
  const truncated = (request.truncatedChars ?? 0) + cut;
  if (truncated === 0 || !request.context || !original) return request;
  const prompt =
    cut > 0 && request.prompt?.includes(original)
      ? request.prompt.replace(original, () => text)
      : request.prompt;
  return {
    ...request,
    context: { ...request.context, text },
    ...(prompt === undefined ? {} : { prompt }),
    autoSend: false,
    truncatedChars: truncated,
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// ---- Talking to the tab -------------------------------------------------------------------

async function deliver(
  tab: Tabs.Tab,
  request: SidebarRequest | Promise<SidebarRequest>,
  type: 'sidebar/show' | 'sidebar/toggle',
): Promise<void> {
  const tabId = tab.id;
  if (tabId === undefined) return;
  if (!canInject(tab.url)) return openPopupInstead();
  const token = randomHex(16);
  const stored = Promise.resolve(request).then((ready) => {
    const entry: PendingEntry = { token, request: ready };
    return browser.storage.session.set({ [pendingKey(tabId)]: entry });
  });
  // Handled here too: a request that fails while the host is injected is no unhandled rejection.
  const written = stored.catch(() => undefined);
  writes.set(tabId, written);
  const command: ContentCommand = { type, token };
  let reply: unknown;
  try {
    await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      files: [HOST_SCRIPT],
    });
    reply = await browser.tabs.sendMessage(tabId, command, { frameId: 0 });
    // A selection that cannot be read is a page we cannot script: the popup, as before.
    await stored;
  } catch {
    await sidebarClosed(tabId);
    return openPopupInstead();
  } finally {
    if (writes.get(tabId) === written) writes.delete(tabId);
  }
  // The toggle closed an open sidebar: nothing is pending any more.
  if ((reply as { open?: boolean } | undefined)?.open === false) await sidebarClosed(tabId);
}

/**
 * The tab's selected text: the top page's, else the first frame with one (an article in an
 * iframe, an embedded editor). A selection inside a text field first; else only the visible
 * part of the page's selection (hidden text in it is dropped, issue 22.5). Frames we may not
 * script are skipped by the browser; if the whole call is refused, the top frame alone is
 * asked, which throws where nothing can run.
 */
export async function readSelection(tabId: number): Promise<string> {
  return (
    (await firstFrameText(tabId, fieldSelectionText)) || firstFrameText(tabId, visibleSelectionText)
  );
}

async function firstFrameText(tabId: number, func: () => string): Promise<string> {
  let results: Array<{ frameId?: number; result?: unknown }>;
  try {
    results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func });
  } catch {
    results = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func });
  }
  const texts = results
    .slice()
    .sort((a, b) => (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : 0))
    .map((r) => (typeof r.result === 'string' ? r.result : ''));
  return texts.find((text) => text.trim() !== '') ?? '';
}

export interface ReadablePage {
  title: string;
  text: string;
  /** On a video page: the text is its transcript, or why there is none (video-page.ts). */
  video?: VideoState;
}

/**
 * The readable text of the tab's top page; on a video page its captions, in the first of
 * `languages` the video has (content/readable/youtube.ts).
 */
export async function extractReadable(
  tabId: number,
  languages: string[] = [],
): Promise<ReadablePage | null> {
  const target = { tabId, frameIds: [0] };
  await browser.scripting.executeScript({ target, files: [READABLE_SCRIPT] });
  // The bundle leaves its extractor on the isolated world's global (see entries/readable-page.ts).
  const [result] = await browser.scripting.executeScript({
    target,
    args: [languages],
    // The reader is async on a video page (it fetches the captions): the browser awaits it.
    func: (wanted: string[]) => {
      const scope = globalThis as {
        chatgpttExtractReadable?: (wanted: string[]) => Promise<unknown>;
      };
      // Own property only: a page element with that id shows through as a window property.
      return Object.hasOwn(scope, 'chatgpttExtractReadable')
        ? (scope.chatgpttExtractReadable?.(wanted) ?? null)
        : null;
    },
  });
  const page = result?.result as { title?: unknown; text?: unknown; video?: unknown } | null;
  if (!page || typeof page.text !== 'string') return null;
  const video = videoState(page.video);
  return {
    title: typeof page.title === 'string' ? page.title : '',
    text: page.text,
    ...(video ? { video } : {}),
  };
}

/** Where nothing can be injected, the shortcut opens the popup with a short note why. */
export async function openPopupInstead(): Promise<void> {
  const settings = await getSettings();
  const message = tIn(languageOf(settings.language), 'sidebar_popup_note');
  const note: PopupNote = { message, at: Date.now() };
  await browser.storage.session.set({ [POPUP_NOTE_KEY]: note });
  try {
    await browser.action.openPopup();
  } catch {
    // No focused window or no user gesture (Firefox): the note waits for the next popup.
  }
}

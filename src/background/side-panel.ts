/**
 * The browser's own side panel (Chrome `sidePanel`, Firefox `sidebar_action`), showing the same
 * chat as the in-page sidebar (src/panel). It opens where ours cannot go (PDFs, browser pages,
 * the web stores) and everywhere when the user chose it in Appearance.
 *
 * Both browsers open it only inside a user gesture, and the gesture ends at the first `await`:
 * the listener must decide and call `open()` synchronously. So what that decision needs is kept
 * in memory here: the chosen surface (loaded at start and on every settings change) and which
 * windows have the panel open (the panel page holds a port named `panel`).
 *
 * A worker woken by the very shortcut has not read its settings yet. For that moment Chrome keeps
 * the answer for us: our panel is enabled only while the user chose it (or one is open), see
 * gatePanel. A cold worker calls open() anyway; where the panel is disabled the call fails
 * unseen and the shortcut goes in-page once the settings are read (panel-route.ts 'panel-try').
 *
 * Between our open() and the page's port there is a gap (the page loads, reads its window, then
 * connects: hundreds of ms, seconds on a busy machine). A second press in that gap must close
 * the panel, so the window counts as open from the moment open() is called until the call fails,
 * the panel closes (Chrome's sidePanel.onClosed, ≥ 142) or OPENING_GRACE_MS pass without a port.
 *
 * The request (the quoted selection) goes to storage.session under PANEL_REQUEST_KEY after the
 * panel was asked to open; the panel page takes it from there (extension pages may read
 * storage.session, content scripts may not).
 */
import type { Runtime } from '../shared/browser';
import type { SidebarRequest } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { randomHex } from '../shared/random-hex';

export const PANEL_PORT = 'panel';
export const PANEL_REQUEST_KEY = 'panelRequest';

/** What the panel page reads from storage.session: a fresh id per request, so each one applies once. */
export interface PanelRequestEntry {
  id: string;
  tabId: number;
  request: SidebarRequest;
  /** "Summarize this page" on a tab no script of ours can read (a PDF): the panel reads it. */
  summarizeTab?: boolean;
}

interface PanelEvent {
  addListener(listener: (info: { windowId?: number }) => void): void;
}
interface ChromeSidePanel {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
  close?(options: { windowId?: number }): Promise<void>;
  setOptions?(options: { enabled?: boolean; path?: string }): Promise<void>;
  /** Chrome ≥ 141 and ≥ 142. */
  onOpened?: PanelEvent;
  onClosed?: PanelEvent;
}
interface ChromeContexts {
  getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>;
}

/** The panel page (the manifest's side_panel.default_path). */
const PANEL_PATH = 'panel/panel.html';
/** How long after our own open() the panel counts as wanted if its page has not connected yet. */
const OPENING_GRACE_MS = 10_000;
interface FirefoxSidebarAction {
  open(): Promise<void>;
  close(): Promise<void>;
  /** Firefox ≥ 73. */
  toggle?(): Promise<void>;
  isOpen?(details: { windowId?: number }): Promise<boolean>;
}

/**
 * Firefox's background is an event page with a DOM, so it has localStorage, which is read
 * synchronously: the chosen surface is mirrored there, and an event page woken by the very press
 * knows it before the gesture ends (storage.local can only be awaited). Chrome's worker has no
 * localStorage; gatePanel covers its cold press.
 */
const SURFACE_CACHE_KEY = 'chatgptt.sidebarSurface';
function surfaceCache(): Storage | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return undefined;
  }
}
function cachedSurface(): Settings['sidebarSurface'] | undefined {
  try {
    const value = surfaceCache()?.getItem(SURFACE_CACHE_KEY);
    return value === 'page' || value === 'panel' ? value : undefined;
  } catch {
    return undefined;
  }
}

function chromePanel(): ChromeSidePanel | undefined {
  return (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}
function firefoxSidebar(): FirefoxSidebarAction | undefined {
  return (globalThis as { browser?: { sidebarAction?: FirefoxSidebarAction } }).browser
    ?.sidebarAction;
}

/** Whether this browser has a side panel we can open. */
export function hasBrowserPanel(): boolean {
  return Boolean(chromePanel()?.open ?? firefoxSidebar()?.open);
}

/**
 * Whether a failed open() is invisible here: Chrome's panel can be disabled (setOptions), and a
 * disabled panel neither opens nor shows. Firefox's sidebar_action cannot be, so a cold
 * Firefox worker follows the URL alone.
 */
export function panelGated(): boolean {
  return Boolean(chromePanel()?.setOptions);
}

let surface: Settings['sidebarSurface'] | undefined = cachedSurface();
const openWindows = new Map<number, Runtime.Port>();
/** Windows whose panel is opening (or open) but whose page has not connected: when it began. */
const opening = new Map<number, number>();
let openedAt = Number.NEGATIVE_INFINITY;

function isOpening(windowId: number): boolean {
  const since = opening.get(windowId);
  if (since === undefined) return false;
  if (Date.now() - since < OPENING_GRACE_MS) return true;
  // Never connected (closed before its page loaded, on a Chrome without onClosed): forget it.
  opening.delete(windowId);
  return false;
}

export function rememberSurface(settings: Pick<Settings, 'sidebarSurface'>): void {
  surface = settings.sidebarSurface;
  try {
    surfaceCache()?.setItem(SURFACE_CACHE_KEY, surface);
  } catch {
    // Storage refused (private window rules, quota): the next cold press reads settings late.
  }
}

/** The chosen surface; `undefined` while a cold worker has not read its settings yet. */
export function surfaceKnown(): Settings['sidebarSurface'] | undefined {
  return surface;
}

/** Open in `windowId`: its page is connected, or our open() there is still on its way to it. */
export function panelOpenIn(windowId: number | undefined): boolean {
  return windowId !== undefined && (openWindows.has(windowId) || isOpening(windowId));
}

/**
 * Chrome's own open and close events (≥ 141 / ≥ 142), wired at the worker's top level: a panel
 * the user opened from Chrome's menu counts as open before its page connects, and one closed by
 * its X before connecting stops counting at once.
 */
export function watchPanelEvents(): void {
  const chrome = chromePanel();
  chrome?.onOpened?.addListener(({ windowId }) => {
    if (windowId !== undefined && !openWindows.has(windowId)) opening.set(windowId, Date.now());
  });
  chrome?.onClosed?.addListener(({ windowId }) => {
    if (windowId !== undefined) opening.delete(windowId);
  });
}

/** The panel page connects with its window id as the port's only message. */
export function trackPanelPort(port: Runtime.Port): void {
  let windowId: number | undefined;
  port.onMessage.addListener((message: unknown) => {
    const id = (message as { windowId?: unknown } | null)?.windowId;
    if (typeof id === 'number') {
      windowId = id;
      openWindows.set(id, port);
      opening.delete(id);
      // Tracked by its port from now on: the grace after our open() has done its job.
      openedAt = Number.NEGATIVE_INFINITY;
    }
  });
  port.onDisconnect.addListener(() => {
    if (windowId !== undefined && openWindows.get(windowId) === port) openWindows.delete(windowId);
    // The last panel closed on a page-sidebar setup: off again, so a cold press stays in-page.
    if (openWindows.size === 0 && surface === 'page') gatePanel('page').catch(() => undefined);
  });
}

async function panelPagesOpen(): Promise<number> {
  const runtime = (globalThis as { chrome?: { runtime?: ChromeContexts } }).chrome?.runtime;
  const contexts = await runtime?.getContexts?.({ contextTypes: ['SIDE_PANEL'] });
  return Math.max(contexts?.length ?? 0, openWindows.size);
}

/**
 * Chrome: our panel is enabled while the user chose it, or while one is open (disabling closes
 * it) or being opened. Chrome keeps this between worker runs, which is what lets a cold worker
 * call open() blindly. The side effect: with the in-page sidebar chosen, our panel is not listed
 * in Chrome's own side-panel menu until something of ours opens it.
 */
export async function gatePanel(wanted: Settings['sidebarSurface']): Promise<void> {
  const chrome = chromePanel();
  if (!chrome?.setOptions) return;
  const enabled =
    wanted === 'panel' || Date.now() - openedAt < OPENING_GRACE_MS || (await panelPagesOpen()) > 0;
  await chrome.setOptions({ path: PANEL_PATH, enabled });
}

/**
 * Opens the panel in `windowId`. MUST be called synchronously from the gesture's listener; the
 * returned promise may be awaited afterwards. `enable` first turns Chrome's panel on (see
 * gatePanel): the two calls reach the browser in order, so open() finds it enabled. Without it
 * (a cold worker's blind try) a disabled panel makes the open fail, as intended.
 */
export function openPanelNow(windowId: number | undefined, enable = true): Promise<void> {
  const chrome = chromePanel();
  if (chrome?.open) {
    if (windowId === undefined) return Promise.reject(new Error('no window for the side panel'));
    if (enable && chrome.setOptions) {
      openedAt = Date.now();
      // Not awaited: an await here would spend the gesture before open().
      chrome.setOptions({ path: PANEL_PATH, enabled: true }).catch(() => undefined);
    }
    const since = Date.now();
    opening.set(windowId, since);
    const opened = chrome.open({ windowId });
    // A refused open (no gesture, panel disabled) leaves nothing open to close.
    void opened.catch(() => {
      if (opening.get(windowId) === since) opening.delete(windowId);
    });
    return opened;
  }
  const firefox = firefoxSidebar();
  if (firefox?.open) return firefox.open();
  return Promise.reject(new Error('this browser has no side panel'));
}

/**
 * Firefox: toggles its sidebar with sidebarAction.toggle(), whatever we believe its state is (a
 * sidebar opened or closed by Firefox's own button, or while the event page slept, is toggled
 * right). MUST be called synchronously from the gesture's listener. Resolves whether the sidebar
 * is open afterwards; `undefined` where there is no such call (Chrome).
 */
export function toggleFirefoxSidebarNow(
  windowId: number | undefined,
): Promise<boolean> | undefined {
  const firefox = firefoxSidebar();
  if (chromePanel() || !firefox?.toggle) return undefined;
  const wasOpen = panelOpenIn(windowId);
  return firefox
    .toggle()
    .then(() =>
      firefox.isOpen ? firefox.isOpen(windowId === undefined ? {} : { windowId }) : !wasOpen,
    );
}

/** Closes the panel of `windowId`: Chrome ≥ 141 has sidePanel.close; else the page closes itself. */
export function closePanelNow(windowId: number | undefined): Promise<void> {
  if (windowId !== undefined) opening.delete(windowId);
  const firefox = firefoxSidebar();
  if (firefox?.close && !chromePanel()) return firefox.close();
  const port = windowId === undefined ? undefined : openWindows.get(windowId);
  const chrome = chromePanel();
  if (chrome?.close && windowId !== undefined) return chrome.close({ windowId });
  // Older Chrome: the panel page calls window.close() on this message.
  port?.postMessage({ type: 'close' });
  return Promise.resolve();
}

/** Hands `request` to the panel page (now or when it loads). */
export async function stashPanelRequest(
  session: { set(items: Record<string, unknown>): Promise<void> },
  tabId: number,
  request: SidebarRequest,
  summarizeTab = false,
): Promise<void> {
  const entry: PanelRequestEntry = {
    id: randomHex(8),
    tabId,
    request,
    ...(summarizeTab ? { summarizeTab } : {}),
  };
  await session.set({ [PANEL_REQUEST_KEY]: entry });
}

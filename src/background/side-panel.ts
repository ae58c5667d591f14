/**
 * The browser's own side panel (Chrome `sidePanel`, Firefox `sidebar_action`), showing the same
 * chat as the in-page sidebar (src/panel). It opens where ours cannot go (PDFs, browser pages,
 * the web stores) and everywhere when the user chose it in Appearance.
 *
 * Both browsers open it only inside a user gesture, and the gesture ends at the first `await`:
 * the listener must decide and call `open()` synchronously. So what that decision needs is kept
 * in memory here: the chosen surface (loaded at start and on every settings change) and which
 * windows have the panel open (the panel page holds a port named `panel`). A worker woken by
 * the very shortcut has not read its settings yet: it follows the URL alone (see surfaceKnown).
 *
 * The request (the quoted selection) goes to storage.session under PANEL_REQUEST_KEY after the
 * panel was asked to open; the panel page takes it from there (extension pages may read
 * storage.session, content scripts may not).
 */
import type { Runtime } from '../shared/browser';
import type { SidebarRequest } from '../shared/messages';
import type { Settings } from '../shared/settings';

export const PANEL_PORT = 'panel';
export const PANEL_REQUEST_KEY = 'panelRequest';

/** What the panel page reads from storage.session: a fresh id per request, so each one applies once. */
export interface PanelRequestEntry {
  id: string;
  tabId: number;
  request: SidebarRequest;
}

interface ChromeSidePanel {
  open(options: { windowId?: number; tabId?: number }): Promise<void>;
  close?(options: { windowId?: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  open(): Promise<void>;
  close(): Promise<void>;
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

let surface: Settings['sidebarSurface'] | undefined;
const openWindows = new Map<number, Runtime.Port>();

export function rememberSurface(settings: Pick<Settings, 'sidebarSurface'>): void {
  surface = settings.sidebarSurface;
}

/** The chosen surface; `undefined` while a cold worker has not read its settings yet. */
export function surfaceKnown(): Settings['sidebarSurface'] | undefined {
  return surface;
}

export function panelOpenIn(windowId: number | undefined): boolean {
  return windowId !== undefined && openWindows.has(windowId);
}

/** The panel page connects with its window id as the port's only message. */
export function trackPanelPort(port: Runtime.Port): void {
  let windowId: number | undefined;
  port.onMessage.addListener((message: unknown) => {
    const id = (message as { windowId?: unknown } | null)?.windowId;
    if (typeof id === 'number') {
      windowId = id;
      openWindows.set(id, port);
    }
  });
  port.onDisconnect.addListener(() => {
    if (windowId !== undefined && openWindows.get(windowId) === port) openWindows.delete(windowId);
  });
}

/**
 * Opens the panel in `windowId`. MUST be called synchronously from the gesture's listener; the
 * returned promise may be awaited afterwards.
 */
export function openPanelNow(windowId: number | undefined): Promise<void> {
  const chrome = chromePanel();
  if (chrome?.open) {
    return windowId === undefined
      ? Promise.reject(new Error('no window for the side panel'))
      : chrome.open({ windowId });
  }
  const firefox = firefoxSidebar();
  if (firefox?.open) return firefox.open();
  return Promise.reject(new Error('this browser has no side panel'));
}

/** Closes the panel of `windowId`: Chrome ≥ 141 has sidePanel.close; else the page closes itself. */
export function closePanelNow(windowId: number | undefined): Promise<void> {
  const firefox = firefoxSidebar();
  if (firefox?.close && !chromePanel()) return firefox.close();
  const port = windowId === undefined ? undefined : openWindows.get(windowId);
  const chrome = chromePanel();
  if (chrome?.close && windowId !== undefined) return chrome.close({ windowId });
  // Older Chrome: the panel page calls window.close() on this message.
  port?.postMessage({ type: 'close' });
  return Promise.resolve();
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Hands `request` to the panel page (now or when it loads). */
export async function stashPanelRequest(
  session: { set(items: Record<string, unknown>): Promise<void> },
  tabId: number,
  request: SidebarRequest,
): Promise<void> {
  const entry: PanelRequestEntry = { id: newId(), tabId, request };
  await session.set({ [PANEL_REQUEST_KEY]: entry });
}

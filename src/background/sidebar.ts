/**
 * The worker's side of the in-page sidebar: injecting the host into a tab through activeTab +
 * scripting, toggling it, and handing the sidebar page its pending request.
 * (Stub: the sidebar work fills this in; the signatures are the contract menus/commands use.)
 */
import type { Tabs } from '../shared/browser';
import type { SidebarRequest } from '../shared/messages';

/** Opens the sidebar in `tab` with `request` (selection, quick action…); falls back to the popup where nothing can be injected. */
export async function openSidebar(_tab: Tabs.Tab, _request: SidebarRequest): Promise<void> {
  throw new Error('openSidebar: not implemented yet');
}

/** The shortcut: toggles the sidebar in `tab` (with the page's selection, if any). */
export async function toggleSidebar(_tab: Tabs.Tab): Promise<void> {
  throw new Error('toggleSidebar: not implemented yet');
}

/** "Summarize this page": extracts the readable text of `tab` and opens the sidebar asking for a summary. */
export async function summarizePage(_tab: Tabs.Tab): Promise<void> {
  throw new Error('summarizePage: not implemented yet');
}

/** The sidebar page asks for what it was opened for; `token` proves it was injected by us. */
export async function takePending(_tabId: number, _token: string): Promise<SidebarRequest | null> {
  return null;
}

/** The content script reports the sidebar closed in its tab. */
export async function sidebarClosed(_tabId: number): Promise<void> {}

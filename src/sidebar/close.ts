/**
 * Closing the sidebar from inside it (Esc, the close button). The sidebar page asks the worker,
 * which knows the page's tab from the message's sender and tells that tab's host content script
 * to close (sidebar/closed → sidebarClosed). A web page cannot forge this, unlike a postMessage
 * to the parent window. (tabs.getCurrent would save a hop, but in Firefox it never settles for
 * an extension page framed inside a web page.)
 */
import browser from '../shared/browser';
import { request } from '../shared/rpc';
import { closeOrphanedSidebar } from '../ui/UpdatedNotice';

export async function closeSidebar(): Promise<void> {
  // Reloaded, updated, turned off or removed under this page: no worker to ask; the old content
  // script listens for its own frame.
  if (!runtimeAlive()) return closeOrphanedSidebar();
  // The runtime may go while the request is out (it then fails): close the same way.
  await request('sidebar/closed', {}).catch((error: unknown) => {
    closeOrphanedSidebar();
    throw error;
  });
}

function runtimeAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

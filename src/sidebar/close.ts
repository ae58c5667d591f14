/**
 * Closing the sidebar from inside it (Esc, the close button). The sidebar page asks the worker,
 * which knows the page's tab from the message's sender and tells that tab's host content script
 * to close (sidebar/closed → sidebarClosed). A web page cannot forge this, unlike a postMessage
 * to the parent window. (tabs.getCurrent would save a hop, but in Firefox it never settles for
 * an extension page framed inside a web page.)
 */
import { request } from '../shared/rpc';

export async function closeSidebar(): Promise<void> {
  await request('sidebar/closed', {});
}

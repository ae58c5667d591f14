/**
 * Closing the sidebar from inside it (Esc, the close button). The sidebar page tells the host
 * content script of its own tab directly: tabs.sendMessage comes only from the extension, so a
 * web page cannot forge it, unlike a postMessage to the parent window. Where the browser does
 * not tell an embedded page its tab, the worker does it for us (sidebar/closed → close).
 */
import browser from '../shared/browser';
import type { ContentCommand } from '../shared/messages';
import { request } from '../shared/rpc';

export async function closeSidebar(): Promise<void> {
  const tab = await browser.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) {
    const command: ContentCommand = { type: 'sidebar/close' };
    const closed = await browser.tabs
      .sendMessage(tab.id, command, { frameId: 0 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
  }
  await request('sidebar/closed', {});
}

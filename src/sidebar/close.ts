/**
 * Closing the sidebar from inside it (Esc, the close button). The sidebar page tells the host
 * content script of its own tab directly: tabs.sendMessage comes only from the extension, so a
 * web page cannot forge it, unlike a postMessage to the parent window.
 */
import browser from '../shared/browser';
import type { ContentCommand } from '../shared/messages';

export async function closeSidebar(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id === undefined) {
    // Opened as a page of its own (not inside a web page): nothing to close but the page.
    window.close();
    return;
  }
  const command: ContentCommand = { type: 'sidebar/close' };
  await browser.tabs.sendMessage(tab.id, command, { frameId: 0 });
}

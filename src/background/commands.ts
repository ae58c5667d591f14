/** Keyboard commands. `_execute_action` (the popup) is the browser's; we handle the sidebar. */
import browser, { type Tabs } from '../shared/browser';

export const TOGGLE_SIDEBAR = 'toggle-sidebar';

export async function handleCommand(
  command: string,
  tab: Tabs.Tab | undefined,
  toggleSidebar: (tab: Tabs.Tab) => Promise<void>,
): Promise<void> {
  if (command !== TOGGLE_SIDEBAR) return;
  // Firefox passes the tab only since 126; ask for the active one otherwise.
  const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined || target.id < 0) return;
  await toggleSidebar(target);
}

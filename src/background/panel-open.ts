/**
 * What follows `openPanelNow()` once the gesture is spent: reading the selection (where the
 * browser lets us) and handing the request to the panel page. The request is stashed whether or
 * not the open succeeded: a panel opened later by hand still shows it, so the selection is kept.
 */
import browser, { type Menus, type Tabs } from '../shared/browser';
import type { SidebarRequest } from '../shared/messages';
import { selectionContext } from '../shared/prompt';
import { getSettings } from '../shared/settings-storage';
import { requestForClick } from './menus';
import { stashPanelRequest } from './side-panel';
import { budgetRequest, canInject, readSelection } from './sidebar';

/** The shortcut opened the panel: quote the tab's selection when the page lets us read it. */
export async function panelForShortcut(tab: Tabs.Tab, opened: Promise<void>): Promise<void> {
  if (tab.id === undefined || !tab.url || !canInject(tab.url)) return opened;
  const selection = await readSelection(tab.id).catch(() => '');
  if (!selection.trim()) return opened;
  const settings = await getSettings();
  const request: SidebarRequest = { context: selectionContext(tab, selection) };
  await stashPanelRequest(
    browser.storage.session,
    tab.id,
    budgetRequest(request, settings.contextBudget),
  );
  await opened;
}

/** A menu click opened the panel: the click's own selection text, or the tab for "Summarize". */
export async function panelForMenu(
  info: Menus.OnClickData,
  tab: Tabs.Tab,
  opened: Promise<void>,
): Promise<void> {
  const settings = await getSettings();
  const what = requestForClick(info, tab, settings);
  if (!what || tab.id === undefined) return;
  if (what.kind === 'summarize') {
    // The panel page reads the tab itself (panel/page-request.ts, with the click's activeTab),
    // as its own Summarize button does: the same request there, a web page's, a video's
    // captions in the user's language (or its plain notice) or a PDF's text.
    await stashPanelRequest(browser.storage.session, tab.id, {}, true);
    return opened;
  }
  const request: SidebarRequest = what.request;
  // Stashed before the open settles: a panel that loads at once finds it.
  await stashPanelRequest(
    browser.storage.session,
    tab.id,
    budgetRequest(request, settings.contextBudget),
  );
  await opened;
}

/**
 * What follows `openPanelNow()` once the gesture is spent: reading the selection (where the
 * browser lets us) and handing the request to the panel page. The request is stashed whether or
 * not the open succeeded: a panel opened later by hand still shows it, so the selection is kept.
 */
import browser, { type Menus, type Tabs } from '../shared/browser';
import { languageOf, tIn } from '../shared/i18n';
import type { SidebarRequest } from '../shared/messages';
import { selectionContext } from '../shared/prompt';
import { getSettings } from '../shared/settings-storage';
import { requestForClick } from './menus';
import { stashPanelRequest } from './side-panel';
import { budgetRequest, canInject, extractReadable, readSelection } from './sidebar';

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

/** A menu click opened the panel: the click's own selection text, or the page for "Summarize". */
export async function panelForMenu(
  info: Menus.OnClickData,
  tab: Tabs.Tab,
  opened: Promise<void>,
): Promise<void> {
  const settings = await getSettings();
  const what = requestForClick(info, tab, settings);
  if (!what || tab.id === undefined) return;
  let request: SidebarRequest | null;
  if (what.kind === 'sidebar') {
    request = what.request;
  } else if (!canInject(tab.url)) {
    // A PDF: the panel page fetches and reads it itself (panel/pdf), as its own button does.
    await stashPanelRequest(browser.storage.session, tab.id, {}, true);
    return opened;
  } else {
    const page = await extractReadable(tab.id).catch(() => null);
    request = page
      ? {
          context: {
            title: page.title || tab.title || '',
            url: tab.url ?? info.pageUrl ?? '',
            text: page.text,
            kind: 'page',
          },
          prompt: tIn(languageOf(settings.language), 'sidebar_summarize_prompt'),
          autoSend: true,
        }
      : null;
  }
  // Stashed before the open settles: a panel that loads at once finds it.
  if (request)
    await stashPanelRequest(
      browser.storage.session,
      tab.id,
      budgetRequest(request, settings.contextBudget),
    );
  await opened;
}

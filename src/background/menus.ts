/**
 * The context menus: on a selection "Ask ChatGptt about “%s”" and one item per quick action
 * (built-in and custom); on a page "Summarize this page". Rebuilt from settings whenever they
 * change. A click opens the sidebar in that tab (activeTab is granted by the click itself).
 *
 * On a YouTube watch page the item should say "Summarize this video". Without the `tabs`
 * permission or site access (we ask for neither) the worker never knows a tab's address before
 * the click, so only the browser can choose the label, through `documentUrlPatterns`. Those
 * patterns can only include, never exclude: a video item limited to watch pages is easy, but no
 * pattern list gives "every page except watch pages" to the page item, so both would show there.
 * Firefox says which of our items it is showing (`menus.onShown`'s `menuIds`, no permission
 * needed): there the video item is added and the page item hidden while a menu with the video
 * item is open. Chrome has no onShown, so Chrome keeps the one "Summarize this page" item on
 * watch pages too (it summarizes the video's captions, and the question it sends says video).
 */
import browser, { type Menus, type Tabs } from '../shared/browser';
import { type Language, languageName, languageOf, tIn } from '../shared/i18n';
import './words';
import type { SidebarRequest } from '../shared/messages';
import { applyQuickAction, selectionContext } from '../shared/prompt';
import { localizeAction } from '../shared/quick-actions';
import type { QuickAction, Settings } from '../shared/settings';

export const MENU_ASK = 'chatgptt-ask';
export const MENU_SUMMARIZE_PAGE = 'chatgptt-summarize-page';
export const MENU_SUMMARIZE_VIDEO = 'chatgptt-summarize-video';
/** YouTube watch pages as match patterns (the hosts of shared/watch-url.ts). */
export const WATCH_PATTERNS = [
  '*://www.youtube.com/watch*',
  '*://youtube.com/watch*',
  '*://m.youtube.com/watch*',
];
export const MENU_ACTION_PREFIX = 'chatgptt-action:';

/** The sidebar contract functions a click may call. */
export interface MenuTargets {
  openSidebar(tab: Tabs.Tab, request: SidebarRequest): Promise<void>;
  summarizePage(tab: Tabs.Tab): Promise<void>;
  /** The visible part of the tab's selection (the browser's selectionText keeps hidden text). */
  readSelection?(tabId: number): Promise<string>;
}

/**
 * A quick action's menu title: built-ins in the UI language, custom ones as the user named them.
 * No "ChatGptt:" prefix: the items already sit under the ChatGptt submenu.
 */
export function actionTitle(action: QuickAction, language: Language): string {
  return localizeAction(action, language).title;
}

let queue: Promise<void> = Promise.resolve();

/**
 * Firefox's menus API with onShown / refresh, or undefined in Chrome (see the top of this file).
 * Reached as `contextMenus`: Firefox gives `browser.menus` only with the "menus" permission, and
 * its `contextMenus` alias has the same onShown.
 */
function shownMenus(): Menus.Static | undefined {
  const menus = browser.contextMenus as Partial<Menus.Static> | undefined;
  return typeof menus?.onShown?.addListener === 'function' ? (menus as Menus.Static) : undefined;
}

function create(properties: Menus.CreateCreatePropertiesType): Promise<void> {
  return new Promise((resolve) => {
    browser.contextMenus.create(properties, () => {
      // Reading lastError marks it handled; a failed item must not stop the others.
      const error = browser.runtime.lastError;
      if (error) console.warn('[chatgptt] menu item not created', properties.id, error.message);
      resolve();
    });
  });
}

/** Replaces every menu item with the ones the settings call for. Calls are serialized. */
export function rebuildMenus(settings: Settings): Promise<void> {
  queue = queue
    .then(async () => {
      const language = languageOf(settings.language);
      await browser.contextMenus.removeAll();
      const ask = tIn(language, 'background_menu_ask');
      await create({ id: MENU_ASK, title: ask, contexts: ['selection'] });
      for (const action of settings.quickActions) {
        await create({
          id: MENU_ACTION_PREFIX + action.id,
          title: actionTitle(action, language),
          contexts: ['selection'],
        });
      }
      await create({
        id: MENU_SUMMARIZE_PAGE,
        title: tIn(language, 'background_menu_summarize_page'),
        contexts: ['page'],
      });
      if (shownMenus()) {
        await create({
          id: MENU_SUMMARIZE_VIDEO,
          title: tIn(language, 'background_menu_summarize_video'),
          contexts: ['page'],
          documentUrlPatterns: WATCH_PATTERNS,
        });
      }
    })
    .catch((error: unknown) => console.warn('[chatgptt] could not build the menus', error));
  return queue;
}

/**
 * Firefox: while a menu shows the video item (a watch page), the page item is hidden, so the
 * page has one "Summarize this video" item; it comes back when the menu closes. Registered at
 * the worker's top level (an event page's listeners must be). No-op in Chrome.
 */
export function listenMenuShown(): void {
  const menus = shownMenus();
  if (!menus) return;
  const setPageItem = (visible: boolean): Promise<void> =>
    menus
      .update(MENU_SUMMARIZE_PAGE, { visible })
      .then(() => (visible ? undefined : menus.refresh()))
      // A rebuild in between removed the item: the new one is visible, as it should be.
      .catch(() => undefined);
  menus.onShown.addListener((info) => {
    if (info.menuIds.map(String).includes(MENU_SUMMARIZE_VIDEO)) void setPageItem(false);
  });
  // Always, not only after a hide: an event page put to sleep while the menu was open would
  // have forgotten that it hid the item.
  menus.onHidden.addListener(() => void setPageItem(true));
}

/** What a menu click asks for; `undefined` when the item is not ours or the action is gone. */
export function requestForClick(
  info: Pick<Menus.OnClickData, 'menuItemId' | 'selectionText'>,
  tab: Tabs.Tab,
  settings: Settings,
): { kind: 'sidebar'; request: SidebarRequest } | { kind: 'summarize' } | undefined {
  const id = String(info.menuItemId);
  if (id === MENU_SUMMARIZE_PAGE || id === MENU_SUMMARIZE_VIDEO) return { kind: 'summarize' };
  const selection = info.selectionText ?? '';
  if (id === MENU_ASK) {
    return { kind: 'sidebar', request: { context: selectionContext(tab, selection) } };
  }
  if (id.startsWith(MENU_ACTION_PREFIX)) {
    const request = actionRequest(id.slice(MENU_ACTION_PREFIX.length), tab, selection, settings);
    return request && { kind: 'sidebar', request };
  }
  return undefined;
}

/**
 * The sidebar request that runs quick action `id` on `selection` at once (a menu item, a button
 * of the selection toolbar); `undefined` when the action is gone.
 */
export function actionRequest(
  id: string,
  tab: Tabs.Tab,
  selection: string,
  settings: Settings,
): SidebarRequest | undefined {
  const action = settings.quickActions.find((a) => a.id === id);
  if (!action) return undefined;
  const language = languageOf(settings.language);
  const template = localizeAction(action, language).prompt;
  const prompt = applyQuickAction(template, selection, languageName(language));
  // Cut on delivery, which cuts the selection inside the prompt too and stops the auto-send.
  const context = selectionContext(tab, selection);
  return { context, prompt, autoSend: true };
}

/** The onClicked listener's work. */
export async function handleMenuClick(
  info: Menus.OnClickData,
  tab: Tabs.Tab | undefined,
  settings: Settings,
  targets: MenuTargets,
): Promise<void> {
  if (!tab || tab.id === undefined || tab.id < 0) return;
  // Text hidden inside the selection must not ride along (issue 22.5): read what the user sees.
  // Nothing visible read (a frame we may not script): the browser's text is all there is.
  if (info.selectionText !== undefined && targets.readSelection) {
    const visible = await targets.readSelection(tab.id).catch(() => '');
    if (visible.trim()) info = { ...info, selectionText: visible };
  }
  const what = requestForClick(info, tab, settings);
  if (!what) return;
  if (what.kind === 'summarize') await targets.summarizePage(tab);
  else await targets.openSidebar(tab, what.request);
}

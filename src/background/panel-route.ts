/**
 * Which surface a shortcut or a menu click goes to, decided synchronously (the side panel may
 * only be opened inside the gesture, see side-panel.ts). Pure, for unit tests.
 */
import type { Settings } from '../shared/settings';
import { canInject } from './sidebar';

export interface RouteState {
  /** The browser has a side panel we can open. */
  hasPanel: boolean;
  /** The chosen surface; undefined while a cold worker has not read its settings. */
  surface: Settings['sidebarSurface'] | undefined;
  /** Our panel is open in the tab's window. */
  panelOpen: boolean;
  /** A failed open() shows nothing: the panel is disabled unless wanted (Chrome, side-panel.ts). */
  gated: boolean;
}

/**
 * 'panel-try': the surface is not known yet (a worker woken by this very press) on a page ours
 * can go to. The panel is opened at once, which succeeds only where the user chose it (it is
 * disabled otherwise), and the in-page sidebar takes over once the settings say 'page'.
 */
export type ShortcutRoute = 'page' | 'panel-open' | 'panel-close' | 'panel-try';
export type MenuRoute = 'page' | 'panel' | 'panel-try';

/**
 * The shortcut. A tab without a URL is one the shortcut's activeTab grant does not reach
 * (chrome://, the web store): the in-page sidebar cannot go there either.
 */
export function shortcutRoute(tab: { url?: string | undefined }, state: RouteState): ShortcutRoute {
  if (!state.hasPanel) return 'page';
  const pageClosed = !tab.url || !canInject(tab.url);
  if (state.surface === 'panel' || pageClosed)
    return state.panelOpen ? 'panel-close' : 'panel-open';
  if (state.surface === undefined && state.gated) return 'panel-try';
  return 'page';
}

/** A menu click: the page's (or the clicked frame's) URL is always in the click's info. */
export function menuRoute(
  info: { pageUrl?: string | undefined; frameUrl?: string | undefined },
  tab: { url?: string | undefined },
  state: RouteState,
): MenuRoute {
  if (!state.hasPanel) return 'page';
  if (state.surface === 'panel') return 'panel';
  const urls = [info.pageUrl ?? tab.url, info.frameUrl].filter((u): u is string => Boolean(u));
  if (urls.length === 0 || urls.some((url) => !canInject(url))) return 'panel';
  return state.surface === undefined && state.gated ? 'panel-try' : 'page';
}

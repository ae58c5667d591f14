/**
 * "Summarize this video" in the context menu (src/background/menus.ts): in Firefox, where
 * `menus.onShown` says which of our items a menu shows, a video item limited to YouTube watch
 * pages is added and the page item hidden while it shows; in Chrome (no onShown) only the page
 * item exists. The real Firefox menu is driven in test/e2e/youtube-summary-firefox.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  listenMenuShown,
  MENU_SUMMARIZE_PAGE,
  MENU_SUMMARIZE_VIDEO,
  rebuildMenus,
  requestForClick,
  WATCH_PATTERNS,
} from '../../../src/background/menus';
import type { Tabs } from '../../../src/shared/browser';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { fakeBrowser, resetFakeBrowser } from '../browser-module';

interface Created {
  id: string;
  title: string;
  contexts: string[];
  documentUrlPatterns?: string[];
}
type Listener = (info: { menuIds: Array<string | number> }) => void;

const settings: Settings = { ...DEFAULT_SETTINGS, language: 'en' };

function install(firefox: boolean) {
  const created: Created[] = [];
  const shown: Listener[] = [];
  const hidden: Array<() => void> = [];
  const update = vi.fn(async (_id: string, _changes: { visible: boolean }) => undefined);
  const refresh = vi.fn(async () => undefined);
  const contextMenus = {
    create: (properties: Created, done: () => void) => {
      created.push(properties);
      done();
    },
    removeAll: async () => {
      created.length = 0;
    },
    // Firefox's contextMenus alias has onShown (its `menus` needs the "menus" permission).
    ...(firefox
      ? {
          onShown: { addListener: (l: Listener) => shown.push(l) },
          onHidden: { addListener: (l: () => void) => hidden.push(l) },
          update,
          refresh,
        }
      : {}),
  };
  Object.assign(fakeBrowser, {
    runtime: { ...(fakeBrowser as { runtime?: object }).runtime, lastError: undefined },
    contextMenus,
  });
  return { created, shown, hidden, update, refresh };
}

describe('the video item of the context menu', () => {
  beforeEach(() => resetFakeBrowser());

  it('Firefox: a video item on watch pages only, next to the page item', async () => {
    const { created } = install(true);
    await rebuildMenus(settings);
    const video = created.find((item) => item.id === MENU_SUMMARIZE_VIDEO);
    expect(video).toEqual({
      id: MENU_SUMMARIZE_VIDEO,
      title: 'Summarize this video',
      contexts: ['page'],
      documentUrlPatterns: WATCH_PATTERNS,
    });
    expect(created.find((item) => item.id === MENU_SUMMARIZE_PAGE)).toMatchObject({
      title: 'Summarize this page',
    });
    expect(created.find((item) => item.id === MENU_SUMMARIZE_PAGE)).not.toHaveProperty(
      'documentUrlPatterns',
    );
    await rebuildMenus({ ...settings, language: 'ru' });
    expect(created.find((item) => item.id === MENU_SUMMARIZE_VIDEO)?.title).toBe(
      'Кратко пересказать видео',
    );
  });

  it('Firefox: a menu showing the video item hides the page item until it closes', async () => {
    const { shown, hidden, update, refresh } = install(true);
    listenMenuShown();
    expect(shown).toHaveLength(1);
    // An ordinary page: nothing changes while it shows.
    shown[0]?.({ menuIds: [MENU_SUMMARIZE_PAGE] });
    await Promise.resolve();
    expect(update).not.toHaveBeenCalled();
    // A watch page: the page item goes, and the open menu is redrawn without it.
    shown[0]?.({ menuIds: [MENU_SUMMARIZE_PAGE, MENU_SUMMARIZE_VIDEO] });
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    expect(update).toHaveBeenLastCalledWith(MENU_SUMMARIZE_PAGE, { visible: false });
    hidden[0]?.();
    expect(update).toHaveBeenLastCalledWith(MENU_SUMMARIZE_PAGE, { visible: true });
  });

  it('Chrome (no onShown): only the page item, and nothing listens', async () => {
    const { created } = install(false);
    await rebuildMenus(settings);
    expect(created.map((item) => item.id)).toContain(MENU_SUMMARIZE_PAGE);
    expect(created.map((item) => item.id)).not.toContain(MENU_SUMMARIZE_VIDEO);
    expect(() => listenMenuShown()).not.toThrow();
  });

  it('a click on the video item summarizes, as the page item does', () => {
    const tab = { id: 3, url: 'https://www.youtube.com/watch?v=Lh0usE_tlk1' } as Tabs.Tab;
    expect(requestForClick({ menuItemId: MENU_SUMMARIZE_VIDEO }, tab, settings)).toEqual({
      kind: 'summarize',
    });
  });
});

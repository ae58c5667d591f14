/** Helpers shared by the sidebar E2E tests: finding the tab, the host and the sidebar frame. */
import type { Frame, Page, Worker } from 'playwright-core';
import { expect } from 'vitest';

/** The subset of chrome.* the tests call inside the worker or an extension page. */
export interface ChromeApi {
  tabs: {
    query(q: object): Promise<Array<{ id?: number; url?: string; title?: string }>>;
  };
  commands: { onCommand: { dispatch(command: string, tab: unknown): void } };
  contextMenus: { onClicked: { dispatch(info: unknown, tab: unknown): void } };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
    session: {
      get(key: string): Promise<Record<string, unknown>>;
      remove(key: string): Promise<void>;
    };
  };
  scripting: {
    executeScript(options: object): Promise<Array<{ result?: unknown }>>;
    getRegisteredContentScripts(filter?: object): Promise<Array<{ id: string }>>;
  };
  runtime: {
    reload(): void;
    getContexts(filter: object): Promise<Array<{ documentUrl?: string }>>;
  };
}

export type Tab = { id?: number; url?: string; title?: string };

/** The tab object the worker sees for `page` (test builds have host access to 127.0.0.1). */
export async function tabOf(sw: Worker, page: Page): Promise<Tab> {
  const url = page.url();
  const tab = await sw.evaluate(async (wanted) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    return (await api.tabs.query({})).find((t) => t.url === wanted) ?? null;
  }, url);
  if (!tab) throw new Error(`no tab for ${url}`);
  return tab;
}

export async function dispatchShortcut(sw: Worker, tab: Tab): Promise<void> {
  await sw.evaluate((t) => {
    (globalThis as unknown as { chrome: ChromeApi }).chrome.commands.onCommand.dispatch(
      'toggle-sidebar',
      t,
    );
  }, tab);
}

export async function dispatchMenu(
  sw: Worker,
  tab: Tab,
  menuItemId: string,
  selectionText?: string,
): Promise<void> {
  await sw.evaluate(
    ({ t, id, text }) => {
      const info = {
        menuItemId: id,
        editable: false,
        pageUrl: t.url,
        frameId: 0,
        ...(text === undefined ? {} : { selectionText: text }),
      };
      (globalThis as unknown as { chrome: ChromeApi }).chrome.contextMenus.onClicked.dispatch(
        info,
        t,
      );
    },
    { t: tab, id: menuItemId, text: selectionText },
  );
}

/** Merges `patch` into the stored settings, from the worker or from an extension page. */
export async function setSettings(from: Pick<Worker, 'evaluate'>, patch: object): Promise<void> {
  await from.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    const current = (await api.storage.local.get('settings')).settings ?? {};
    await api.storage.local.set({ settings: { ...(current as object), ...p } });
  }, patch);
}

export async function getSettingsRaw(sw: Worker): Promise<Record<string, unknown>> {
  return sw.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    return ((await api.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
  });
}

/** How many sidebar hosts the page has (the element is in the light DOM; its root is closed). */
/** Reloads the popup page and waits for its composer (in English or Russian). */
export async function reopenPopup(page: Page): Promise<void> {
  await page.reload();
  await page
    .getByRole('textbox', { name: 'Message' })
    .or(page.getByRole('textbox', { name: 'Сообщение' }))
    .waitFor();
}

export function hostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[data-chatgptt-sidebar]').length);
}

export function sidebarFrame(page: Page, extensionId: string): Frame | undefined {
  return page
    .frames()
    .find((f) => f.url().startsWith(`chrome-extension://${extensionId}/sidebar/sidebar.html`));
}

/** Waits for the sidebar frame and for its page to have rendered something. */
export async function waitForSidebar(page: Page, extensionId: string): Promise<Frame> {
  await expect
    .poll(() => sidebarFrame(page, extensionId) !== undefined, { timeout: 10_000 })
    .toBe(true);
  const frame = sidebarFrame(page, extensionId) as Frame;
  await frame.waitForSelector('#app > *', { timeout: 10_000 });
  return frame;
}

export async function waitForClosed(page: Page, extensionId: string): Promise<void> {
  await expect.poll(() => hostCount(page), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => sidebarFrame(page, extensionId) === undefined).toBe(true);
}

/** The host's box in the page, through the iframe's owner element (works with a closed root). */
export async function frameBox(
  frame: Frame,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const owner = await frame.frameElement();
  const box = await owner.boundingBox();
  if (!box) throw new Error('the sidebar frame has no box (hidden)');
  return box;
}

/** Selects the whole text of the element matching `selector` (as a user would). */
export async function selectText(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const element = document.querySelector(sel);
    if (!element) throw new Error(`no ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return selection?.toString() ?? '';
  }, selector);
}

/** Drags the real mouse across the first line of `selector` (a person's selection). */
export async function dragSelect(page: Page, selector: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  // Let the scroll event of that jump fire first (scrolling hides the Ask button), and start from
  // no selection: pressing on selected text starts a drag-and-drop, not a new selection.
  await page.evaluate(
    () =>
      new Promise((done) => {
        getSelection()?.removeAllRanges();
        requestAnimationFrame(() => requestAnimationFrame(done));
      }),
  );
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  await page.mouse.move(box.x + 2, box.y + 8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 8, { steps: 6 });
  await page.mouse.move(box.x + box.width - 20, box.y + 8, { steps: 6 });
  await page.mouse.up();
}

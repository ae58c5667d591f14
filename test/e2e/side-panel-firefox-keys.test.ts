/**
 * Firefox's own sidebar (sidebar_action) from the real shortcut: Firefox headful under xvfb, the
 * key pressed with xdotool into its focused window, so commands.onCommand runs as a real user
 * action (WebDriver BiDi's key events go to the page and reach no browser shortcut, and
 * sidebarAction.open()/toggle() refuse to run outside a user action). With "the browser's side
 * panel" chosen, the shortcut opens the sidebar and closes it again, also on an event page woken
 * by that very press (it once went in-page then, and the next press did not close the sidebar).
 * Run it with
 *   xvfb-run -a -s "-screen 0 1280x800x24" npx vitest run --project e2e test/e2e/side-panel-firefox-keys.test.ts
 */
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { canRunFirefox, launchFirefoxWithExtension, openExtensionPage } from './firefox';
import { startPages, type PagesServer } from './pages/server';
import { canUseRealInput, focusFirefox } from './real-input';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c5b1';
/** The event page sleeps after this long without events (Firefox's default is 30 s). */
const IDLE_MS = 1500;

const skip = !canRunFirefox ? 'firefox' : !canUseRealInput ? 'realKeys' : undefined;
const TITLE = `Firefox's sidebar from the real shortcut${skipNote(skip !== undefined, skip ?? 'firefox')}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Api {
  sidebarAction: { isOpen(details: object): Promise<boolean> };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
  };
  runtime: { getBackgroundPage(): Promise<Record<string, unknown>> };
}

describe.runIf(skip === undefined)(TITLE, () => {
  let browser: Browser;
  let pages: PagesServer;
  let extensionPage: Page;
  let article: Page;

  beforeAll(async () => {
    pages = await startPages();
    let popup: Page;
    ({ browser, extensionPage: popup } = await launchFirefoxWithExtension(
      UUID,
      { 'extensions.background.idle.timeout': IDLE_MS },
      { headless: false },
    ));
    // The popup keeps a port to the event page (and reconnects it at the user's first key after
    // the page slept, which wakes it): the options page (no port) asks the browser instead.
    extensionPage = await openExtensionPage(browser, UUID, 'options/options.html');
    await popup.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  const sidebarOpen = (): Promise<boolean> =>
    extensionPage.evaluate(() =>
      (globalThis as unknown as { browser: Api }).browser.sidebarAction.isOpen({}),
    );
  const hosts = (): Promise<number> =>
    article.evaluate(() => document.querySelectorAll('[data-chatgptt-sidebar]').length);
  const setSurface = (surface: string): Promise<void> =>
    extensionPage.evaluate(async (value) => {
      const api = (globalThis as unknown as { browser: Api }).browser;
      const current = (await api.storage.local.get('settings')).settings ?? {};
      await api.storage.local.set({ settings: { ...(current as object), sidebarSurface: value } });
    }, surface);
  /** Marks the running event page; the mark is gone once it has slept and woken again. */
  const markBackground = (): Promise<void> =>
    extensionPage.evaluate(async () => {
      const page = await (
        globalThis as unknown as { browser: Api }
      ).browser.runtime.getBackgroundPage();
      page.warmMark = true;
    });
  /** When the event page now running started (epoch ms). */
  const backgroundStarted = (): Promise<number> =>
    extensionPage.evaluate(async () => {
      const page = (await (
        globalThis as unknown as { browser: Api }
      ).browser.runtime.getBackgroundPage()) as unknown as { performance: Performance };
      return page.performance.timeOrigin;
    });
  const backgroundMarked = (): Promise<boolean> =>
    extensionPage.evaluate(async () => {
      const page = await (
        globalThis as unknown as { browser: Api }
      ).browser.runtime.getBackgroundPage();
      return page.warmMark === true;
    });

  /** The real key into Firefox's window, focused first (xvfb has no window manager). */
  async function press(): Promise<void> {
    await article.bringToFront();
    focusFirefox();
    execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+shift+g']);
  }

  it('with the panel chosen, the shortcut opens the sidebar and closes it again', async () => {
    await setSurface('panel');
    article = await browser.newPage();
    await article.goto(`${pages.url}/article.html`);
    expect(await sidebarOpen()).toBe(false);
    await press();
    await expect.poll(sidebarOpen, { timeout: 10_000 }).toBe(true);
    expect(await hosts()).toBe(0);
    await sleep(500);
    await press();
    await expect.poll(sidebarOpen, { timeout: 10_000 }).toBe(false);
    expect(await hosts()).toBe(0);
  });

  it('the first press on a sleeping event page opens the sidebar, the next closes it', async () => {
    await markBackground();
    // Idle well past the timeout: the event page is unloaded (checked by its mark below).
    await sleep(IDLE_MS * 3);
    const pressed = Date.now();
    await press();
    await expect.poll(sidebarOpen, { timeout: 10_000 }).toBe(true);
    expect(await backgroundMarked()).toBe(false);
    // Woken by the press itself: the event page running now started after it.
    expect(await backgroundStarted()).toBeGreaterThan(pressed);
    expect(await hosts()).toBe(0);
    await sleep(500);
    await press();
    await expect.poll(sidebarOpen, { timeout: 10_000 }).toBe(false);
    expect(await hosts()).toBe(0);
  });

  it('with the in-page sidebar chosen, a press on a sleeping event page stays in the page', async () => {
    await setSurface('page');
    await markBackground();
    await sleep(IDLE_MS * 3);
    const pressed = Date.now();
    await press();
    await expect.poll(hosts, { timeout: 10_000 }).toBe(1);
    // Woken by the press itself: the event page running now started after it.
    expect(await backgroundStarted()).toBeGreaterThan(pressed);
    expect(await backgroundMarked()).toBe(false);
    expect(await sidebarOpen()).toBe(false);
  });
});

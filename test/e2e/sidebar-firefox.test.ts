/**
 * Smoke test of the sidebar in Firefox (WebDriver BiDi with puppeteer-core; recipe in
 * test/e2e/README.md#firefox). Firefox has no onCommand.dispatch, so the sidebar is opened the way the
 * floating button does it: a content-script request `sidebar/open` from the tab, which the worker
 * answers by injecting the host. Checks the host docks right, its frame is there and the page's
 * selection is quoted; then Esc inside it closes it.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunFirefox, launchFirefoxWithExtension } from './firefox';
import { SCREENSHOTS } from './harness';
import { startPages, type PagesServer } from './pages/server';
import { skipNote } from '../skips';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4a8';

interface ExtensionPageApi {
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(options: object): Promise<Array<{ result?: unknown }>> };
}

const TITLE = `the sidebar in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  let browser: Browser;
  let pages: PagesServer;
  let extensionPage: Page;

  beforeAll(async () => {
    pages = await startPages();
    ({ browser, extensionPage } = await launchFirefoxWithExtension(UUID));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  it('opens docked right with the selection, and Esc closes it', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const url = `${pages.url}/article.html`;
    await page.goto(url);
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('target') as HTMLElement);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return getSelection()?.toString() ?? '';
    });

    const opened = await extensionPage.evaluate(
      async (wanted, text) => {
        const api = (globalThis as unknown as { browser: ExtensionPageApi }).browser;
        const tab = (await api.tabs.query({})).find((t) => t.url === wanted);
        if (tab?.id === undefined) return 'no tab';
        const [result] = await api.scripting.executeScript({
          target: { tabId: tab.id },
          func: (text: string) =>
            (
              globalThis as unknown as {
                browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
              }
            ).browser.runtime.sendMessage({ type: 'sidebar/open', payload: { selection: text } }),
          args: [text],
        });
        return result?.result;
      },
      url,
      selected,
    );
    expect(opened).toMatchObject({ ok: true });

    await page.waitForFunction(
      () => document.querySelectorAll('[data-chatgptt-sidebar]').length === 1,
      { timeout: 10_000 },
    );
    const box = await page.evaluate(() => {
      const rect = (
        document.querySelector('[data-chatgptt-sidebar]') as HTMLElement
      ).getBoundingClientRect();
      // Docked to the layout viewport's right edge (left of a classic scrollbar).
      return {
        right: rect.right - document.documentElement.clientWidth,
        y: rect.y,
        width: rect.width,
        height: rect.height,
      };
    });
    expect(box).toEqual({ right: 0, y: 0, width: 420, height: 800 });
    expect(selected.length).toBeGreaterThan(20);
    await new Promise((done) => setTimeout(done, 2000));
    // This file may run alone, before any other made the folder.
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'sidebar-firefox.png') });

    // Focus went into the sidebar (its composer); Esc there closes it and focus comes back.
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-chatgptt-sidebar]').length === 0,
      { timeout: 10_000 },
    );
  });
});

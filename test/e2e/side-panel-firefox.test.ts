/**
 * The side panel page in Firefox (the page of `sidebar_action`), opened as a tab: a request
 * handed over in storage.session (as the worker does) is quoted, and the strip follows the tab in
 * front. The real sidebar from the real shortcut is side-panel-firefox-keys.test.ts (xvfb).
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunFirefox, launchFirefoxWithExtension, openExtensionPage } from './firefox';
import { startPages, type PagesServer } from './pages/server';
import { skipNote } from '../skips';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c5a9';

describe.skipIf(!canRunFirefox)(
  `the side panel page in Firefox${skipNote(!canRunFirefox, 'firefox')}`,
  () => {
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

    it('quotes the handed-over selection and follows the tab in front', async () => {
      await extensionPage.evaluate(async () => {
        const api = (
          globalThis as unknown as {
            browser: { storage: { session: { set(i: object): Promise<void> } } };
          }
        ).browser;
        await api.storage.session.set({
          panelRequest: {
            id: 'ff1',
            tabId: 1,
            request: {
              context: {
                title: 'A PDF',
                url: 'https://example.org/a.pdf',
                text: 'Firefox quoted text',
                kind: 'selection',
              },
            },
          },
        });
      });
      const panel = await openExtensionPage(browser, UUID, 'panel/panel.html');
      await panel.waitForFunction(
        () => document.querySelector('.cg-context')?.textContent?.includes('Firefox quoted text'),
        { timeout: 15_000 },
      );
      const article = await browser.newPage();
      await article.goto(`${pages.url}/article.html`);
      await article.bringToFront();
      await panel.waitForFunction(
        () => document.querySelector('.cg-panel-tab-title')?.textContent?.includes('Lighthouses'),
        { timeout: 15_000 },
      );
      const fixed = await browser.newPage();
      await fixed.goto(`${pages.url}/fixed.html`);
      await fixed.bringToFront();
      await panel.waitForFunction(
        () => document.querySelector('.cg-panel-tab-title')?.textContent?.includes('fixed header'),
        { timeout: 15_000 },
      );
      // The quoted selection (the conversation's start) is still there.
      expect(
        await panel.evaluate(() => document.querySelector('.cg-context')?.textContent ?? ''),
      ).toContain('Firefox quoted text');
    });
  },
);

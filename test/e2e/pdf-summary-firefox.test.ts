/**
 * "Summarize this page" on a PDF tab in Firefox (test build: it has 127.0.0.1 access). Firefox's
 * automation cannot open the real sidebar or press its button with a user gesture (WebDriver
 * BiDi presses no browser shortcut; side-panel-firefox.test.ts), so the side panel's page is
 * opened as a tab, as there, and its button clicked by script: the permission request then has
 * no gesture and falls back to the access the build already has. What runs for real: Firefox's
 * own PDF viewer on the tab, the panel's fetch of the PDF, pdf.js and its worker file in a
 * moz-extension page, and the request reaching the test site with the PDF's words.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { canRunFirefox, openExtensionPage } from './firefox';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000d0f1';

describe.skipIf(!canRunFirefox)(
  `summarize a PDF tab in Firefox${skipNote(!canRunFirefox, 'firefox')}`,
  () => {
    let panel: Page;

    const e2e = withFirefoxSite({ uuid: UUID, pages: true });
    beforeAll(async () => {
      panel = await openExtensionPage(e2e.browser, UUID, 'panel/panel.html');
    });

    const sent = (): string[] =>
      e2e.site.log
        .filter((entry) => entry.method === 'POST')
        .map((entry) => Object.values(entry.form).join('\n'))
        .filter((form) => /Page \d\]/.test(form));

    async function summarizeTab(path: string): Promise<void> {
      const pdf = await e2e.browser.newPage();
      await pdf.goto(`${e2e.pages.url}${path}`).catch(() => undefined);
      await pdf.bringToFront();
      const url = `${e2e.pages.url}${path}`;
      await panel.waitForFunction(
        (u) => document.querySelector('.cg-panel-tab-url')?.textContent === u,
        { timeout: 15_000 },
        url,
      );
      await panel.evaluate(() =>
        (document.querySelector('.cg-panel-tab button') as HTMLButtonElement).click(),
      );
    }

    it('reads a PDF with text and sends its words with page markers', async () => {
      e2e.site.clearLog();
      await summarizeTab('/harbour.pdf');
      await expect.poll(() => sent().length, { timeout: 30_000 }).toBeGreaterThan(0);
      const message = sent()[0] as string;
      expect(message).toContain('[Page 2]');
      expect(message).toContain('Second page: the lighthouse keeper');
    });

    it('a PDF without text says so and sends nothing', async () => {
      e2e.site.clearLog();
      await summarizeTab('/scanned.pdf');
      await panel.waitForFunction(
        () => document.querySelector('.cg-panel-note')?.textContent?.includes('no text to read'),
        { timeout: 30_000 },
      );
      expect(e2e.site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
    });
  },
);

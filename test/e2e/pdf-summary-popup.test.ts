/**
 * "Summarize this page" from the real toolbar popup over a PDF tab (test build: 127.0.0.1 access,
 * so the access the click asks for is there already): the popup's starter fetches the PDF,
 * pdf.js reads it in the popup page (loaded on that click, not in the popup's first paint:
 * popup-bundle.test.ts), and the PDF's words reach the site; a PDF without text says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSite } from '../hostile/extension-driver';
import { startSite, type TestSite } from '../site/server';
import { openRealPopup } from './cdp-target';
import { launchExtension, type ExtensionHarness } from './harness';
import { startPages, type PagesServer } from './pages/server';

const STARTER = `[...document.querySelectorAll('.cg-starters button')].find((b) => b.textContent.includes('Summarize this page'))`;

describe('Summarize a PDF from the toolbar popup', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  let pages: PagesServer;
  beforeAll(async () => {
    site = await startSite({ faults: { chunkDelayMs: 0 } });
    pages = await startPages();
    harness = await launchExtension();
    const options = await harness.openPage('options/options.html');
    await useSite(options, site.url);
    await options.close();
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
    await site?.close();
  });

  async function clickStarterOver(path: string) {
    const page = await harness.context.newPage();
    await page.goto(`${pages.url}${path}`);
    await page.bringToFront();
    const popup = await openRealPopup(harness);
    await expect.poll(() => popup.evaluate(`Boolean(${STARTER})`), { timeout: 15_000 }).toBe(true);
    await popup.evaluate(`${STARTER}.click()`);
    return { page, popup };
  }

  // The textless PDF first: a conversation started by the other would hide the starters.
  it('a PDF without text says so and sends nothing', async () => {
    const requests = site.log.filter((entry) => entry.method === 'POST').length;
    const { page, popup } = await clickStarterOver('/scanned.pdf');
    await expect
      .poll(
        () => popup.evaluate(`document.querySelector('.popup-summarize-note')?.textContent ?? ''`),
        { timeout: 30_000 },
      )
      .toContain('This PDF has no text to read — it may be scanned images');
    expect(site.log.filter((entry) => entry.method === 'POST').length).toBe(requests);
    await popup.evaluate('window.close()');
    await popup.detach();
    await page.close();
  });
  it('reads the PDF under the popup and answers about it', async () => {
    const { page, popup } = await clickStarterOver('/harbour.pdf');
    await expect
      .poll(
        () =>
          popup.evaluate(
            `document.querySelector('.cg-message.cg-assistant:last-of-type')?.textContent ?? ''`,
          ),
        { timeout: 30_000 },
      )
      .toMatch(/ECHO.*\[Page 2\].*lighthouse keeper/s);
    await popup.evaluate('window.close()');
    await popup.detach();
    await page.close();
  });
});

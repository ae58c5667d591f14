/**
 * "Summarize this page" from the real toolbar popup over a PDF tab (test build: 127.0.0.1 access,
 * so the access the click asks for is there already): the popup's starter fetches the PDF,
 * pdf.js reads it in the popup page (loaded on that click, not in the popup's first paint:
 * popup-bundle.test.ts), and the PDF's words reach the site; a PDF without text says so.
 */
import { describe, expect, it } from 'vitest';
import { openRealPopup } from './cdp-target';
import { withSite } from './fixtures/with-site';

const STARTER = `[...document.querySelectorAll('.cg-starters button')].find((b) => b.textContent.includes('Summarize this page'))`;

describe('Summarize a PDF from the toolbar popup', () => {
  const e2e = withSite({
    site: { faults: { chunkDelayMs: 0 } },
    pages: true,
    settings: { fallback: false },
  });

  async function clickStarterOver(path: string) {
    const page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}${path}`);
    await page.bringToFront();
    const popup = await openRealPopup(e2e.harness);
    await expect.poll(() => popup.evaluate(`Boolean(${STARTER})`), { timeout: 15_000 }).toBe(true);
    await popup.evaluate(`${STARTER}.click()`);
    return { page, popup };
  }

  // The textless PDF first: a conversation started by the other would hide the starters.
  it('a PDF without text says so and sends nothing', async () => {
    const requests = e2e.site.log.filter((entry) => entry.method === 'POST').length;
    const { page, popup } = await clickStarterOver('/scanned.pdf');
    await expect
      .poll(
        () => popup.evaluate(`document.querySelector('.popup-summarize-note')?.textContent ?? ''`),
        { timeout: 30_000 },
      )
      .toContain('This PDF has no text to read — it may be scanned images');
    expect(e2e.site.log.filter((entry) => entry.method === 'POST').length).toBe(requests);
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

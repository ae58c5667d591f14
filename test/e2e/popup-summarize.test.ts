/**
 * "Summarize this page" from the real toolbar popup: its starter reads the tab the popup was
 * opened over (scripting, on the tab the popup sits on) and sends the page at once; over a page
 * it cannot read (the extension's own page here, like a browser page) it says so.
 */
import { describe, expect, it } from 'vitest';
import { openRealPopup } from './cdp-target';
import { withSite } from './fixtures/with-site';

const STARTER = `[...document.querySelectorAll('.cg-starters button')].find((b) => b.textContent.includes('Summarize this page'))`;

describe('Summarize this page from the toolbar popup', () => {
  const e2e = withSite({
    site: { faults: { chunkDelayMs: 0 } },
    pages: true,
    settings: { fallback: false },
  });

  it('reads the page under the popup and answers about it in one click', async () => {
    const page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/article.html`);
    await page.bringToFront();
    const { evaluate, detach } = await openRealPopup(e2e.harness);
    await expect.poll(() => evaluate(`Boolean(${STARTER})`), { timeout: 15_000 }).toBe(true);
    await evaluate(`${STARTER}.click()`);
    // The site echoes what it was sent: the page's own words came through, with its title.
    await expect
      .poll(
        () =>
          evaluate(
            `document.querySelector('.cg-message.cg-assistant:last-of-type')?.textContent ?? ''`,
          ),
        { timeout: 30_000 },
      )
      .toMatch(/ECHO.*Fresnel/s);
    // The question shows which page it was about.
    const source = (await evaluate(
      `document.querySelector('.cg-message.cg-user .cg-quote-source')?.textContent ?? ''`,
    )) as string;
    expect(source).toContain('Lighthouses');
    await evaluate('window.close()');
    await detach();
    await page.close();
  });

  it('over a page it cannot read, says so and sends nothing', async () => {
    const requests = e2e.site.log.filter((entry) => entry.method === 'POST').length;
    const page = await e2e.harness.openPage('options/options.html');
    await page.bringToFront();
    const { evaluate, detach } = await openRealPopup(e2e.harness);
    // The popup reopens the last conversation (the first test's): a new chat shows the starters.
    await expect
      .poll(() => evaluate(`document.querySelector('.cg-message.cg-assistant') !== null`), {
        timeout: 15_000,
      })
      .toBe(true);
    await evaluate(`document.querySelector('button[aria-label="New chat"]').click()`);
    await expect.poll(() => evaluate(`Boolean(${STARTER})`), { timeout: 15_000 }).toBe(true);
    await evaluate(`${STARTER}.click()`);
    await expect
      .poll(() => evaluate(`document.querySelector('.popup-summarize-note')?.textContent ?? ''`))
      .toContain('ChatGptt cannot read this tab');
    expect(e2e.site.log.filter((entry) => entry.method === 'POST').length).toBe(requests);
    await evaluate('window.close()');
    await detach();
    await page.close();
  });
});

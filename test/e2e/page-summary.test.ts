/**
 * One-click summary of a long article in real Chromium: "Summarize this page" sends at once, the
 * page of five messages' worth goes as five part turns with "Part 2 of 5" progress, Stop halts
 * them, the popup opened mid-way shows the same progress, "Continue the summary" goes on from the
 * stopped part, the final answer is one answer with the parts folded away, and a follow-up
 * question reaches the site with the summary turn as its history.
 */
import type { Frame, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchMenu, tabOf, waitForSidebar } from './pages/helpers';
import { withSite } from './fixtures/with-site';

describe('summarize a long page', () => {
  const e2e = withSite({ pages: true });
  let page: Page;

  afterEach(async () => {
    await page?.close().catch(() => undefined);
  });

  const text = (frame: Frame | Page): Promise<string> =>
    frame.evaluate(() => document.body.innerText).catch(() => '');
  const posts = (): number => e2e.site.log.filter((e) => e.method === 'POST').length;

  it('in parts, with progress, Stop, the popup mid-way, Continue and a follow-up', async () => {
    // Slow enough to watch each part stream (the echo repeats the part).
    e2e.site.configure({ faults: { chunkDelayMs: 4 } });
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/long-article.html`);
    await page.bringToFront();
    e2e.site.clearLog();

    await dispatchMenu(e2e.sw, await tabOf(e2e.sw, page), 'chatgptt-summarize-page');
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    // Sent at once: no warning about cutting, no waiting for Send.
    await expect.poll(() => text(frame), { timeout: 20_000 }).toContain('Part 1 of 5');
    await expect.poll(() => text(frame), { timeout: 30_000 }).toContain('Part 2 of 5');
    expect(await text(frame)).not.toMatch(/will be cut/i);
    await e2e.harness.screenshot(page, 'page-summary-progress');

    // Stop halts every part: the one streaming is kept as it is, no later part starts.
    await frame.click('.cg-stop');
    await expect
      .poll(() => text(frame), { timeout: 10_000 })
      .toContain('Stopped after part 1 of 5');
    const afterStop = posts();
    expect(afterStop).toBe(2);
    await page.waitForTimeout(1500);
    expect(posts()).toBe(afterStop);

    // The popup (opened as a tab) shows the same conversation and can go on.
    const popup = await e2e.harness.openPage('popup/popup.html');
    await expect
      .poll(() => text(popup), { timeout: 10_000 })
      .toContain('Stopped after part 1 of 5');
    await popup.getByRole('button', { name: 'Continue the summary' }).click();
    await expect.poll(() => text(popup), { timeout: 30_000 }).toMatch(/Part [345] of 5/);
    await popup.close(); // closing the popup mid-way loses nothing: the worker goes on

    // The sidebar follows to the end: one answer, the parts folded away.
    await expect.poll(() => frame.locator('details.cg-parts').count(), { timeout: 90_000 }).toBe(1);
    await expect.poll(() => frame.locator('.cg-job').count(), { timeout: 90_000 }).toBe(0);
    // parts 1, 2 (stopped), 2 continued, 3, 4, 5, final.
    expect(posts()).toBe(7);
    const final = await text(frame);
    expect(final).toContain('Summarized in 5 parts');
    expect(final).toMatch(/ECHO\[n=\d+\]: Summarize this page\. The page was too long/);
    expect(
      await frame.locator('details.cg-parts').evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(false);
    await e2e.harness.screenshot(page, 'page-summary-done');

    // The parts open on demand.
    await frame.click('details.cg-parts > summary');
    await expect.poll(() => text(frame)).toContain('Summarize part 3 of 5 of this page');

    // A follow-up: the summary turn is its history (n counts what the model got), no page read again.
    e2e.site.configure({ faults: { chunkDelayMs: 0 } });
    const pageReads = () => e2e.site.log.filter((e) => e.method === 'GET' && e.path === '/').length;
    const readsBefore = pageReads();
    await frame.fill('textarea', 'Which winter was the hardest?');
    await frame.press('textarea', 'Enter');
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toMatch(/ECHO\[n=[3-9]\]: Which winter/);
    expect(pageReads()).toBe(readsBefore);
  }, 240_000);

  it('a worker that dies mid-way loses nothing: the stopped part is kept and Continue finishes', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 4 } });
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/long-article.html`);
    await page.bringToFront();
    await dispatchMenu(e2e.sw, await tabOf(e2e.sw, page), 'chatgptt-summarize-page');
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    await expect.poll(() => text(frame), { timeout: 30_000 }).toContain('Part 2 of 5');

    await e2e.harness.stopWorker();
    // The view reconnects, the restarted worker marks the cut part interrupted (text kept).
    await expect
      .poll(() => text(frame), { timeout: 30_000 })
      .toContain('Stopped after part 1 of 5');
    e2e.site.configure({ faults: { chunkDelayMs: 0 } });
    await frame.getByRole('button', { name: 'Continue the summary' }).click();
    await expect.poll(() => frame.locator('.cg-job').count(), { timeout: 90_000 }).toBe(0);
    expect(await text(frame)).toContain('Summarized in 5 parts');
    expect(await text(frame)).toMatch(/ECHO\[n=\d+\]: Summarize this page\. The page was too long/);
  }, 240_000);
});

/**
 * "Summarize this video" in real Chromium on a YouTube-like watch page served from 127.0.0.1
 * (pages/youtube.ts: inline player data in the real shape, json3 captions from the same server):
 * the request reaching the test site carries the captions with their timestamps and says
 * "video"; after in-page navigation the new video's captions are read; a video without caption
 * tracks shows a plain notice and sends nothing. The page is recognised by its player data, not
 * its host (content/readable/youtube.ts `isVideoPage`), so the release code path runs here.
 */
import type { Frame, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openRealPopup } from './cdp-target';
import { dispatchMenu, setSettings, tabOf, waitForSidebar, type Tab } from './pages/helpers';
import { SECOND, SILENT, TALK, TOKENED } from './pages/youtube';
import { withSite } from './fixtures/with-site';

describe('summarize a video from its captions', () => {
  let page: Page;

  const e2e = withSite({ pages: true, settings: { language: 'en' } });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
  });

  const text = (frame: Frame): Promise<string> =>
    frame.evaluate(() => document.body.innerText).catch(() => '');
  /** Everything the extension posted to the site, each request's fields joined. */
  const posted = (): string[] =>
    e2e.site.log.filter((e) => e.method === 'POST').map((e) => Object.values(e.form).join('\n'));
  const open = async (id: string): Promise<void> => {
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/watch?v=${id}`);
    await page.bringToFront();
    e2e.site.clearLog();
  };
  const summarize = async (): Promise<Frame> => {
    await dispatchMenu(e2e.sw, await tabOf(e2e.sw, page), 'chatgptt-summarize-page');
    return waitForSidebar(page, e2e.harness.extensionId);
  };

  it('sends the transcript with its timestamps, asked as a video, in one message', async () => {
    await open(TALK.id);
    const frame = await summarize();
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toMatch(/ECHO\[n=\d+\]: Summarize this video\./);
    const sent = posted().join('\n');
    expect(sent).toContain('Summarize this video.');
    expect(sent).toContain('[0:01] Good evening, and thank you for coming out in this weather.');
    expect(sent).toContain('[12:34] The last keeper, Ingrid Holm, retired in 1987');
    expect(sent).toContain(TALK.title);
    // The captions, not the page's own text (its comments and description).
    expect(sent).not.toContain('Great talk!');
    expect(sent).not.toContain('auto-generated');
    // The whole echo arrived (it ends with the model's name): the answer can cite [12:34].
    await expect.poll(() => text(frame), { timeout: 20_000 }).toContain('[model=');
    expect(await text(frame)).toContain('[12:34] The last keeper');
    await e2e.harness.screenshot(page, 'youtube-summary');
  }, 90_000);

  it('after in-page navigation reads the new video, not the stale player data', async () => {
    await open(TALK.id);
    // In-page navigation, as YouTube's app does it: the address changes, the document stays.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.click('a[data-spa]');
    await expect.poll(() => page.url()).toContain(SECOND.id);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    let tab: Tab | null = null;
    await expect
      .poll(async () => (tab = await tabOf(e2e.sw, page).catch(() => null)), { timeout: 10_000 })
      .not.toBeNull();
    await dispatchMenu(e2e.sw, tab as unknown as Tab, 'chatgptt-summarize-page');
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toMatch(/ECHO\[n=\d+\]: Summarize this video\./);
    const sent = posted().join('\n');
    expect(sent).toContain('[0:03] зимой маяк заносит снегом по самые окна');
    expect(sent).toContain(SECOND.title);
    expect(sent).not.toContain('Ingrid Holm');
  }, 90_000);

  it("picks the track in the user's language", async () => {
    await setSettings(e2e.sw, { language: 'ru' });
    try {
      await open(TALK.id);
      const frame = await summarize();
      await expect
        .poll(() => text(frame), { timeout: 20_000 })
        .toMatch(/ECHO\[n=\d+\]: Кратко перескажи это видео\./);
      const sent = posted().join('\n');
      expect(sent).toContain('[12:34] Последний смотритель, Ингрид Хольм');
      expect(sent).not.toContain('Good evening');
    } finally {
      await setSettings(e2e.sw, { language: 'en' });
    }
  }, 90_000);

  it('a video without captions says so and sends nothing', async () => {
    await open(SILENT.id);
    const frame = await summarize();
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toContain('This video has no captions, so ChatGptt cannot summarize it. Nothing was sent.');
    await page.waitForTimeout(1000);
    expect(posted()).toEqual([]);
    // A new chat under the notice, not the last conversation's answer (a video's summary).
    expect(await text(frame)).not.toContain('ECHO');
    await e2e.harness.screenshot(page, 'youtube-no-captions');
  }, 90_000);

  it("borrows the player's token when YouTube wants one; without it says how to retry", async () => {
    await open(TOKENED.id); // the player has not fetched captions: no token in the page
    let frame = await summarize();
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toContain('Turn on captions (CC) in the player once, then try again.');
    expect(posted()).toEqual([]);
    await page.close();

    await open(`${TOKENED.id}&cc=1`); // captions on: the player's request carries the token
    await page.waitForLoadState('networkidle');
    frame = await summarize();
    await expect
      .poll(() => text(frame), { timeout: 20_000 })
      .toMatch(/ECHO\[n=\d+\]: Summarize this video\./);
    expect(posted().join('\n')).toContain('[1:01] The diaphone groaned twice a minute.');
  }, 90_000);

  it("from the real toolbar popup: the starter sends the captions; no captions is the popup's note", async () => {
    const STARTER = `[...document.querySelectorAll('.cg-starters button')].find((b) => b.textContent.includes('Summarize this'))`;
    const LAST = `document.querySelector('.cg-message.cg-assistant:last-of-type')?.textContent ?? ''`;
    // Earlier tests left conversations and the popup opens the latest (when it has loaded it):
    // press New chat until the starters show.
    const NEW_CHAT = `document.querySelector('.cg-header button[aria-label="New chat"]')`;
    const fresh = async (target: { evaluate: (e: string) => Promise<unknown> }) => {
      // The latest conversation's id has arrived (ui/trace.ts), so it cannot open after our click.
      await expect
        .poll(() => target.evaluate(`performance.getEntriesByName('cg:latest-id').length`), {
          timeout: 15_000,
        })
        .toBe(1);
      await expect
        .poll(() => target.evaluate(`Boolean(${STARTER}) || (${NEW_CHAT}?.click(), false)`), {
          timeout: 15_000,
          interval: 500,
        })
        .toBe(true);
    };
    await open(TALK.id);
    let popup = await openRealPopup(e2e.harness);
    await fresh(popup);
    await popup.evaluate(`${STARTER}.click()`);
    await expect
      .poll(() => popup.evaluate(LAST), { timeout: 30_000 })
      .toMatch(/ECHO.*Summarize this video\..*\[12:34\] The last keeper/s);
    await popup.evaluate('window.close()');
    await popup.detach();
    await page.close();

    await open(SILENT.id);
    popup = await openRealPopup(e2e.harness);
    await fresh(popup);
    await popup.evaluate(`${STARTER}.click()`);
    await expect
      .poll(() =>
        popup.evaluate(`document.querySelector('.popup-summarize-note')?.textContent ?? ''`),
      )
      .toContain('This video has no captions');
    expect(posted()).toEqual([]);
    await popup.evaluate('window.close()');
    await popup.detach();
  }, 120_000);
});

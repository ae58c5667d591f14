/**
 * The popup and a stopped service worker in real Chromium: an idle popup lets the worker stay
 * stopped (no reconnect loop keeping it alive), and the user's first key in the composer starts
 * it again, before Send is pressed, so the message goes to a running worker. A second view left
 * idle meanwhile is brought back by the started worker's announcement and shows that answer live.
 * Build first: npm run build:test
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSite } from './fixtures/with-site';
import { reopenPopup } from './pages/helpers';

interface VersionsUpdated {
  versions: Array<{ scriptURL: string; runningStatus: string }>;
}

describe('the popup wakes a stopped worker on the first key', () => {
  const e2e = withSite({ settings: { fallback: false } });
  let page: Page;
  let cdp: CDPSession;
  /** Our worker's running status as the browser reports it (ServiceWorker domain). */
  let status = 'unknown';
  const starts: number[] = [];

  beforeAll(async () => {
    page = await e2e.harness.openPage('popup/popup.html');
    await reopenPopup(page);
    cdp = await e2e.harness.context.newCDPSession(page);
    cdp.on('ServiceWorker.workerVersionUpdated', (event: VersionsUpdated) => {
      for (const version of event.versions) {
        if (!version.scriptURL.includes(e2e.harness.extensionId)) continue;
        if (version.runningStatus === 'starting' && status !== 'starting') starts.push(Date.now());
        status = version.runningStatus;
      }
    });
    await cdp.send('ServiceWorker.enable');
  });
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
  });

  it('stays stopped while the popup sits idle; the first key starts it; the send is answered', async () => {
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await expect.poll(() => status, { timeout: 10_000 }).toBe('running');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => status, { timeout: 10_000 }).toBe('stopped');
    const stoppedAt = Date.now();
    // The old watch port reconnected 300 ms after every stop, starting the worker again.
    await page.waitForTimeout(1500);
    expect(status, 'the idle popup left the worker stopped').toBe('stopped');
    expect(starts.filter((at) => at > stoppedAt)).toEqual([]);
    // One key, no Send: the worker is started by the key alone.
    await composer.press('H');
    await expect.poll(() => status, { timeout: 10_000 }).toBe('running');
    expect(starts.filter((at) => at > stoppedAt)).toHaveLength(1);
    // The rest of the message and Send: answered, by that same worker start.
    await composer.pressSequentially('ello after a nap', { delay: 40 });
    await composer.press('Enter');
    const answer = page.locator('.cg-message.cg-assistant').last();
    await expect.poll(() => answer.getAttribute('data-status'), { timeout: 30_000 }).toBe('done');
    expect(starts.filter((at) => at > stoppedAt)).toHaveLength(1);
  });

  it('a view left idle through the stop shows what another view sends, without being touched', async () => {
    const watcher = page;
    const sender = await e2e.harness.openPage('popup/popup.html');
    const composer = sender.getByRole('textbox', { name: 'Message' });
    await composer.click();
    await expect.poll(() => status, { timeout: 10_000 }).toBe('running');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => status, { timeout: 10_000 }).toBe('stopped');
    await sender.waitForTimeout(1000);
    expect(status, 'neither idle view started it').toBe('stopped');
    e2e.site.configure({ reply: 'Seen by the other view too.' });
    await composer.pressSequentially('from the second view', { delay: 20 });
    await composer.press('Enter');
    const answerIn = (view: Page) => view.locator('.cg-message.cg-assistant').last();
    await expect
      .poll(() => answerIn(sender).getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    // The watcher was not clicked, typed into or shown: only the worker's word brought it back.
    await expect
      .poll(() => watcher.locator('.cg-message.cg-user').last().textContent(), { timeout: 10_000 })
      .toBe('from the second view');
    await expect
      .poll(() => answerIn(watcher).locator('.md').textContent(), { timeout: 10_000 })
      .toBe('Seen by the other view too.');
  });
});

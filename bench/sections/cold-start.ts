/**
 * Benchmark 7b (issue 18): the first token after the service worker was stopped (as the
 * browser stops an idle one) against the first token with the worker running, sent from the
 * popup's composer in the same conversation, alternating cold and warm. Time = from the Send
 * click to the answer's first text in the page, in the page's own clock. The site answers
 * after ~40 ms (first byte), as in benchmark 1; chat tokens stay cached in storage.local, so a
 * cold start costs the worker's start, IndexedDB open, token load and the request.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { askInPopup } from '../lib/chat';
import { setSettings } from '../lib/extension';
import type { Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { ratio, summarize } from '../lib/stats';

/** Sends `text` and answers ms from the click to the new answer's first text. */
async function firstToken(page: Page, text: string): Promise<number> {
  const answers = page.locator('.cg-message.cg-assistant');
  const before = await answers.count();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  const start = await page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Send',
    );
    const at = performance.now();
    button?.click();
    return at;
  });
  const handle = await page.waitForFunction(
    (n) => {
      const answer = document.querySelectorAll('.cg-message.cg-assistant')[n];
      const body = answer?.querySelector('.cg-bubble, .cg-markdown') ?? answer;
      return body && (body.textContent ?? '').trim().length > 0 ? performance.now() : false;
    },
    before,
    { polling: 'raf', timeout: 30_000 },
  );
  const at = Number(await handle.jsonValue());
  await page.waitForFunction(
    (n) => {
      const all = document.querySelectorAll('.cg-message.cg-assistant');
      const s = all[n]?.getAttribute('data-status');
      return s === 'done' || s === 'error' || s === 'interrupted';
    },
    before,
    { timeout: 30_000 },
  );
  return at - start;
}

export async function coldStartBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { runs: number },
): Promise<Section> {
  site.configure({
    reply: 'A short answer for the cold start bench.',
    faults: { firstByteDelayMs: 40 },
  });
  const page = await harness.openPage('popup/popup.html');
  await setSettings(page, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  await page.reload();
  await page.getByRole('button', { name: 'New chat' }).click();
  await askInPopup(page, 'warm up: tokens fetched and cached');
  const warm: number[] = [];
  const cold: number[] = [];
  try {
    for (let run = 0; run < options.runs; run++) {
      warm.push(await firstToken(page, `warm ${run}`));
      await harness.stopWorker();
      // The popup's port to the stopped worker is gone; the next send wakes the worker.
      await new Promise((resolve) => setTimeout(resolve, 300));
      cold.push(await firstToken(page, `cold ${run}`));
    }
  } finally {
    site.configure({ reply: null, faults: {} });
    await page.close();
  }
  const w = summarize(warm);
  const c = summarize(cold);
  return {
    id: 'cold',
    title: '7b. First token, cold worker vs warm',
    method:
      `${options.runs} sends each from the popup composer, alternating: warm (worker running) then cold ` +
      '(ServiceWorker.stopAllWorkers through CDP, 300 ms, then Send). Send click → first answer text in the page (performance.now in the page). ' +
      'Site: ~40 ms to the first byte; tokens cached in storage.local.',
    rows: [
      { metric: 'first token, warm worker', value: w, unit: 'ms' },
      {
        metric: 'first token, cold worker',
        value: c,
        unit: 'ms',
        note: `cold/warm ${ratio(c.median, w.median)} (median)`,
      },
    ],
  };
}

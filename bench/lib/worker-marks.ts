/**
 * The worker's cold-start marks (src/background/trace.ts) as epoch milliseconds, read from the
 * running service worker, and the page-side helpers the cold-start bench needs: stopping the
 * worker for real and a send timed in the page's clock. Page, worker and test site share the
 * machine's clock, so `timeOrigin + startTime` lines their times up.
 */
import type { Page, Worker } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';

/** Mark name (without `cg:`) → epoch ms. */
export type Marks = Record<string, number>;

export async function workerMarks(worker: Worker): Promise<Marks> {
  return worker.evaluate(() => {
    const out: Record<string, number> = {
      'worker-origin': performance.timeOrigin,
    };
    for (const entry of performance.getEntriesByType('mark'))
      if (entry.name.startsWith('cg:'))
        out[entry.name.slice(3)] = performance.timeOrigin + entry.startTime;
    return out;
  });
}

interface VersionsUpdated {
  versions: Array<{ scriptURL: string; runningStatus: string }>;
}

/**
 * Stops the service worker (ServiceWorker.stopAllWorkers, as the harness does) and resolves
 * once the browser reports it stopped: the command answers while it is still stopping, and a
 * send in between would find it running. An idle popup does not reconnect its watch port by
 * itself any more; its next key, focus or press does (conversation-session.ts wake), which
 * starts the worker again.
 */
export async function stopWorkerForReal(harness: ExtensionHarness, page: Page): Promise<void> {
  const cdp = await harness.context.newCDPSession(page);
  const ours = (v: { scriptURL: string }): boolean => v.scriptURL.includes(harness.extensionId);
  try {
    let seenRunning = false;
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', (event: VersionsUpdated) => {
        for (const version of event.versions.filter(ours)) {
          if (version.runningStatus !== 'stopped') seenRunning = true;
          else if (seenRunning) resolve();
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the service worker did not stop')), 10_000);
    });
    await Promise.race([stopped, timeout]).finally(() => clearTimeout(timer));
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export interface SendTiming {
  /** Epoch ms of the Send click and of the answer's first text, in the page's clock. */
  clickAt: number;
  firstAt: number;
  ms: number;
}

/**
 * Clicks Send (the composer already holds the text) and answers when the new answer's first
 * text is in the page (`.md`, the rendered answer: not the "Thinking" indicator), then waits
 * for that answer to finish so the next send starts from a quiet conversation.
 */
export async function timedSend(page: Page, before: number): Promise<SendTiming> {
  const clickAt = await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('button[aria-label="Send"]');
    if (!button || button.disabled) return -1;
    const at = performance.timeOrigin + performance.now();
    button.click();
    return at;
  });
  if (clickAt < 0) throw new Error('no enabled Send button in the popup');
  const handle = await page.waitForFunction(
    (n) => {
      const answer = document.querySelectorAll('.cg-message.cg-assistant')[n];
      const text = answer?.querySelector('.md')?.textContent ?? '';
      return text.trim().length > 0 ? performance.timeOrigin + performance.now() : false;
    },
    before,
    { polling: 'raf', timeout: 30_000 },
  );
  const firstAt = Number(await handle.jsonValue());
  const status = await page.waitForFunction(
    (n) => {
      const answer = document.querySelectorAll('.cg-message.cg-assistant')[n];
      const s = answer?.getAttribute('data-status');
      return s === 'done' || s === 'error' || s === 'interrupted' ? s : false;
    },
    before,
    { timeout: 30_000 },
  );
  const final = String(await status.jsonValue());
  if (final !== 'done') throw new Error(`the answer ended "${final}", not done`);
  return { clickAt, firstAt, ms: firstAt - clickAt };
}

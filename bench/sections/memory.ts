/**
 * Benchmark 7: memory. JS heap of the service worker (CDP Runtime.getHeapUsage through the
 * browser target) and of the popup page, after a garbage collection, fresh and after 100 turns
 * sent through the popup in one conversation.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { askInPopup } from '../lib/chat';
import { setSettings, WorkerCdp } from '../lib/extension';
import type { Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { round } from '../lib/stats';

interface Heap {
  usedSize: number;
  totalSize: number;
}

async function pageHeap(page: Page): Promise<Heap> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as Heap;
  await cdp.detach();
  return heap;
}

async function workerHeap(harness: ExtensionHarness): Promise<Heap> {
  const cdp = await WorkerCdp.attach(harness.context, harness.extensionId);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    return await cdp.send<Heap>('Runtime.getHeapUsage');
  } finally {
    await cdp.detach();
  }
}

const mib = (bytes: number): number => round(bytes / 2 ** 20, 2);

/** `count` turns sent over turn ports from an extension page, one after another. */
async function portTurns(
  page: Page,
  conversationId: string | null,
  from: number,
  count: number,
): Promise<{ id: string | null; failed: number }> {
  return page.evaluate(
    async ({ conversationId, from, count }) => {
      interface Port {
        onMessage: { addListener(f: (m: unknown) => void): void };
        postMessage(m: unknown): void;
        disconnect(): void;
      }
      const api = (
        globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } }
      ).chrome;
      let id = conversationId;
      let failed = 0;
      for (let i = from; i < from + count; i++) {
        const status = await new Promise<string>((resolve) => {
          const port = api.runtime.connect({ name: 'turn' });
          port.onMessage.addListener((raw) => {
            const e = raw as {
              type: string;
              conversation?: { id: string };
              message?: { status: string };
            };
            if (e.type === 'accepted' && e.conversation) id = e.conversation.id;
            if (e.type === 'finished' || e.type === 'rejected') {
              port.disconnect();
              resolve(e.type === 'finished' ? (e.message?.status ?? '') : 'rejected');
            }
          });
          port.postMessage({
            type: 'send',
            conversationId: id,
            text: `Turn ${i}: tell me something`,
          });
        });
        if (status !== 'done') failed++;
      }
      return { id, failed };
    },
    { conversationId, from, count },
  );
}

export async function memoryBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { turns: number; soak: number },
): Promise<Section> {
  site.configure({ reply: null, faults: { chunkDelayMs: 1 } });
  const page = await harness.openPage('popup/popup.html');
  await setSettings(page, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  await page.reload();
  await page.getByRole('button', { name: 'New chat' }).click();
  const workerBefore = await workerHeap(harness).catch(() => undefined);
  const popupBefore = await pageHeap(page);
  let failed = 0;
  for (let turn = 0; turn < options.turns; turn++) {
    if ((await askInPopup(page, `Turn ${turn}: tell me something`)) !== 'done') failed++;
  }
  const popupAfter = await pageHeap(page);
  const workerAfter = await workerHeap(harness).catch(() => undefined);
  const messages = await page.locator('.cg-message').count();
  // The soak: more turns over ports (no view rendering them, so it is fast), in the same
  // conversation, then the worker's heap again.
  const latest = await page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(m: unknown): Promise<{ value?: { id: string | null } }> };
        };
      }
    ).chrome;
    return (
      (await api.runtime.sendMessage({ type: 'conversations/latest', payload: {} })).value?.id ??
      null
    );
  });
  // From a page that shows no conversation: the popup would re-render the whole growing
  // conversation on every delta and make the soak take minutes (the worker is what is measured).
  await page.goto(`chrome-extension://${harness.extensionId}/options/options.html`);
  const soakStarted = Date.now();
  const soak = await portTurns(page, latest, options.turns, options.soak - options.turns);
  const soakSeconds = (Date.now() - soakStarted) / 1000;
  const workerSoaked = await workerHeap(harness).catch(() => undefined);
  await page.close();
  site.configure({ faults: {} });
  const worker = (heap: Heap | undefined): number | string =>
    heap ? mib(heap.usedSize) : 'not measured (no CDP session to the worker)';
  const growth =
    workerAfter && workerSoaked
      ? round(workerSoaked.usedSize / workerAfter.usedSize, 2)
      : Number.NaN;
  return {
    id: 'memory',
    title: `7. Memory after ${options.turns} and ${options.soak} turns`,
    method:
      `${options.turns} turns sent through the popup into one conversation (${messages} messages on screen at the end; ${failed} not done), echo answers of ~250 characters, ` +
      `then ${options.soak - options.turns} more over turn ports from the page into the same conversation (${soak.failed} not done, ${round(soakSeconds, 0)} s). Used JS heap after a forced GC.`,
    rows: [
      { metric: 'worker JS heap, fresh', value: worker(workerBefore), unit: 'MiB' },
      {
        metric: `worker JS heap, after ${options.turns} turns`,
        value: worker(workerAfter),
        unit: 'MiB',
      },
      {
        metric: `worker JS heap, after ${options.soak} turns`,
        value: worker(workerSoaked),
        unit: 'MiB',
        note: `${options.soak}/${options.turns} turns: ${growth}×`,
      },
      { metric: 'popup JS heap, fresh', value: mib(popupBefore.usedSize), unit: 'MiB' },
      {
        metric: `popup JS heap, after ${options.turns} turns`,
        value: mib(popupAfter.usedSize),
        unit: 'MiB',
      },
    ],
  };
}

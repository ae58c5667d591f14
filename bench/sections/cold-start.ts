/**
 * Benchmark 7b (issue 18): the first token after the service worker was stopped (as the
 * browser stops an idle one) against the first token with the worker running, sent from the
 * popup's composer in the same conversation, interleaved (warm, cold, warm, cold…). Time =
 * from the Send click to the answer's first text in the page. The site answers after ~40 ms
 * (first byte), as in benchmark 1; chat tokens stay cached in storage.local.
 *
 * A cold send is clicked as soon as the old worker's target is gone, so everything the new
 * worker does before its request (start, bundle, IndexedDB, settings, tokens) is on the
 * measured path. The worker's marks (src/background/trace.ts) and the site's receipt time give
 * the trace of each cold send; their medians are the breakdown rows. The typed rows send as a
 * user does: the message typed key by key after the stop, the first key waking the worker.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { askInPopup } from '../lib/chat';
import { setSettings } from '../lib/extension';
import type { Row, Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { ratio, round, summarize } from '../lib/stats';
import { stopWorkerForReal, timedSend, workerMarks, type Marks } from '../lib/worker-marks';

/** The trace of a cold send, in the order the steps happen (mark → what it ends). */
const COLD_STEPS: Array<[mark: string, meaning: string]> = [
  ['worker-origin', 'the browser starts the worker (its time origin)'],
  ['bundle', "the worker bundle's evaluation starts"],
  ['script', 'the worker bundle evaluated, listeners added'],
  ['turn-command', "the popup's turn command reaches the worker"],
  ['settings', 'settings read (start-up)'],
  ['idb-open', 'IndexedDB open'],
  ['recovered', 'start-up recovery (answers left streaming) done'],
  ['network-rules', "proxy + the sites' header rules applied"],
  ['ready', 'start-up done: turns may write'],
  ['planned', "the user's message saved (beginSend)"],
  ['chat-options', 'settings + client id read for the answer'],
  ['permission', 'host permission checked'],
  ['site-headers', "the site's header rules ensured"],
  ['tokens', 'tokens loaded from storage.local'],
  ['site-received', 'the site received the chat request'],
  ['first-piece', "the answer's first piece in the worker (site's 40 ms first byte)"],
  ['page-text', 'the first text shown in the popup'],
];

interface TimedRun {
  ms: number;
  /** Mark → ms since the click. */
  trace: Record<string, number>;
}

interface LogEntry {
  method?: string;
  path?: string;
  form?: Record<string, string>;
  at?: number;
}

/** When the site received the chat request carrying `text`, and how many page GETs it saw. */
function siteView(site: TestSite, text: string): { receivedAt?: number; pageGets: number } {
  const log = site.log as LogEntry[];
  const post = log.find((e) => e.method === 'POST' && Object.values(e.form ?? {}).includes(text));
  return {
    ...(post?.at === undefined ? {} : { receivedAt: post.at }),
    pageGets: log.filter((e) => e.method === 'GET').length,
  };
}

function traceOf(clickAt: number, firstAt: number, marks: Marks, receivedAt?: number) {
  const trace: Record<string, number> = {};
  // Marks of an earlier worker life or turn (before this click) say nothing about this send.
  for (const [name, at] of Object.entries(marks)) if (at >= clickAt) trace[name] = at - clickAt;
  if (receivedAt !== undefined) trace['site-received'] = receivedAt - clickAt;
  trace['page-text'] = firstAt - clickAt;
  return trace;
}

interface SendMode {
  /** Stop the worker before the send. */
  stop: boolean;
  /** Open the popup anew (after the stop) and send as soon as its composer takes text. */
  reopen: boolean;
  /** Type the text key by key (after the stop), as a user does, instead of having it there. */
  typed?: boolean;
}

/** Per-key delay of the typed sends: a quick typist's 60 ms. */
const KEY_DELAY_MS = 60;

async function send(
  page: Page,
  site: TestSite,
  text: string,
  harness: ExtensionHarness,
  mode: SendMode,
): Promise<TimedRun & { pageGets: number; newWorker: boolean }> {
  const composer = page.getByRole('textbox', { name: 'Message' });
  if (!mode.reopen && !mode.typed) await composer.fill(text);
  // A quiet page: the previous answer's re-render and the watch port's reconnect are done.
  await page.waitForTimeout(500);
  site.clearLog();
  const origin = await workerOrigin(harness);
  if (mode.stop) await stopWorkerForReal(harness, page);
  if (mode.reopen) {
    // The popup's own start (watch port, conversation list) wakes a stopped worker.
    await page.reload();
    await composer.fill(text);
  }
  // The composer keeps its focus from the last send: the keys are the first sign of the user.
  if (mode.typed) await composer.pressSequentially(text, { delay: KEY_DELAY_MS });
  const before = await page.locator('.cg-message.cg-assistant').count();
  const timing = await timedSend(page, before);
  const { receivedAt, pageGets } = siteView(site, text);
  // The same Worker handle reaches the restarted worker: a new time origin says it is new.
  const marks = await workerMarks(await harness.worker());
  const fresh = (marks['worker-origin'] ?? origin) !== origin;
  return {
    ms: timing.ms,
    trace: traceOf(timing.clickAt, timing.firstAt, marks, receivedAt),
    pageGets,
    newWorker: fresh,
  };
}

async function workerOrigin(harness: ExtensionHarness): Promise<number> {
  return (await harness.worker()).evaluate(() => performance.timeOrigin);
}

function median(values: number[]): number {
  return summarize(values).median;
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
  const warmedUp = await askInPopup(page, 'warm up: tokens fetched and cached');
  if (warmedUp !== 'done') throw new Error(`the warm-up answer ended "${warmedUp}"`);
  const warm: TimedRun[] = [];
  const cold: TimedRun[] = [];
  const warmOpen: TimedRun[] = [];
  const coldOpen: TimedRun[] = [];
  const warmTyped: TimedRun[] = [];
  const coldTyped: TimedRun[] = [];
  let coldPageGets = 0;
  let coldInNewWorker = 0;
  let typedInNewWorker = 0;
  try {
    for (let run = 0; run < options.runs; run++) {
      warm.push(await send(page, site, `warm ${run}`, harness, { stop: false, reopen: false }));
      const c = await send(page, site, `cold ${run}`, harness, { stop: true, reopen: false });
      cold.push(c);
      coldPageGets += c.pageGets;
      if (c.newWorker) coldInNewWorker += 1;
      warmOpen.push(
        await send(page, site, `warm open ${run}`, harness, { stop: false, reopen: true }),
      );
      coldOpen.push(
        await send(page, site, `cold open ${run}`, harness, { stop: true, reopen: true }),
      );
      // Short messages typed at KEY_DELAY_MS a key (~1 s of typing).
      warmTyped.push(
        await send(page, site, `typed warm ${run}`, harness, {
          stop: false,
          reopen: false,
          typed: true,
        }),
      );
      const t = await send(page, site, `typed cold ${run}`, harness, {
        stop: true,
        reopen: false,
        typed: true,
      });
      coldTyped.push(t);
      coldPageGets += t.pageGets;
      if (t.newWorker) typedInNewWorker += 1;
    }
  } finally {
    site.configure({ reply: null, faults: {} });
    await page.close();
  }
  const w = summarize(warm.map((r) => r.ms));
  const c = summarize(cold.map((r) => r.ms));
  const wo = summarize(warmOpen.map((r) => r.ms));
  const co = summarize(coldOpen.map((r) => r.ms));
  const wt = summarize(warmTyped.map((r) => r.ms));
  const ct = summarize(coldTyped.map((r) => r.ms));
  const at = (runs: TimedRun[], mark: string): number[] =>
    runs.map((r) => r.trace[mark]).filter((v): v is number => v !== undefined);
  const traceRows: Row[] = COLD_STEPS.flatMap(([mark, meaning]) => {
    const values = at(cold, mark);
    if (values.length === 0) return [];
    const warmValues = at(warm, mark);
    const warmAt = warmValues.length ? `warm ${round(median(warmValues))} ms; ` : '';
    return [
      {
        metric: `cold trace: ${mark}`,
        value: summarize(values),
        unit: 'ms',
        note: `${warmAt}${meaning}`,
      },
    ];
  });
  const warmRequest = median(at(warm, 'site-received'));
  const coldRequest = median(at(cold, 'site-received'));
  return {
    id: 'cold',
    title: '7b. First token, cold worker vs warm',
    method:
      `${options.runs} sends each from the popup composer, interleaved warm (worker running), cold ` +
      "(ServiceWorker.stopAllWorkers through CDP, Send clicked once the worker's target is gone). " +
      'Send click → first answer text in the page. Site: ~40 ms to the first byte; tokens cached in ' +
      'storage.local. The cold row is the worst case: the text already in the box and Send clicked the moment the worker is gone, ' +
      'so nothing woke the worker before the click. The typed rows are how a user sends: the worker stopped first (for the cold one), ' +
      `then the message typed into the composer at ${KEY_DELAY_MS} ms a key, then Send; the first key wakes a stopped worker ` +
      '(conversation-session.ts wake), so its start overlaps the typing. The popup-opened rows: the popup page reloaded (after the stop, for the cold one), ' +
      'text typed and sent as soon as the composer takes it. Cold trace rows: ms from the click to each worker mark (src/background/trace.ts; ' +
      "the site's receipt from its log), medians over the cold sends.",
    rows: [
      { metric: 'first token, warm worker', value: w, unit: 'ms' },
      {
        metric: 'first token, cold worker',
        value: c,
        unit: 'ms',
        note: `cold/warm ${ratio(c.median, w.median)} (median), ${ratio(c.p95, w.p95)} (p95)`,
      },
      { metric: 'typed, worker running: first token', value: wt, unit: 'ms' },
      {
        metric: 'typed after the worker was stopped: first token',
        value: ct,
        unit: 'ms',
        note: `typed cold/typed warm ${ratio(ct.median, wt.median)}, typed cold/warm ${ratio(ct.median, w.median)} (median); ${ratio(ct.p95, wt.p95)} (p95); the first key woke the worker`,
      },
      { metric: 'popup opened, worker running: first token', value: wo, unit: 'ms' },
      {
        metric: 'popup opened on a stopped worker: first token',
        value: co,
        unit: 'ms',
        note: `cold/warm ${ratio(co.median, wo.median)} (median), ${ratio(co.p95, wo.p95)} (p95); Send as soon as the reopened composer takes text`,
      },
      {
        metric: 'click → the site receives the request',
        value: `warm ${round(warmRequest)} ms, cold ${round(coldRequest)} ms`,
        unit: '',
        note: 'everything before the network',
      },
      ...traceRows,
    ],
    checks: [
      {
        name: 'every cold send ran in a newly started worker',
        ok: coldInNewWorker === cold.length,
        detail: `${coldInNewWorker}/${cold.length}`,
      },
      {
        name: 'every typed cold send ran in a newly started worker',
        ok: typedInNewWorker === coldTyped.length,
        detail: `${typedInNewWorker}/${coldTyped.length}`,
      },
      {
        name: 'cold sends use the stored tokens (no page GET)',
        ok: coldPageGets === 0,
        detail: `${coldPageGets} GET(s)`,
      },
    ],
  };
}

/**
 * The history bench's traces (issue 18): a request timed in the page's own clock (send →
 * reply, what the history list waits for, without the CDP round trip that carries the
 * bench's command into the page) and the store's marks for it (`cg:list:*`, `cg:search:*`,
 * `cg:open:*`, src/background/store/store.ts), read from the worker right after. Page and
 * worker share the machine's clock (`timeOrigin + startTime`), as in the cold-start bench.
 */
import type { Page, Worker } from 'playwright-core';
import { now, round, summarize } from './stats';
import type { Row } from './report';
import { workerMarks } from './worker-marks';

export interface Timed<T> {
  value: T;
  /** Send → reply in the page (ms). */
  ms: number;
  /** The same with the bench's CDP command around it (ms), as measured before the trace. */
  withCdp: number;
  /** Step → ms since the page sent the request. */
  trace: Record<string, number>;
}

export type Op = 'list' | 'search' | 'open';

/** Each op's marks in the order they happen, with what each one ends. */
export const STEPS: Record<Op, Array<[mark: string, meaning: string]>> = {
  list: [
    ['start', 'request reaches the store (runtime messaging, router)'],
    ['tx', 'readonly transaction open (first request runs)'],
    ['count', 'staged-import check + count of all conversations (kept) + pinned rows, at once'],
    ['page', 'the 30 newest rows (byUpdated)'],
    ['summaries', 'message counts of the 30 rows'],
    ['committed', 'transaction committed'],
    ['reply', 'reply received and parsed in the page'],
  ],
  search: [
    ['start', 'request reaches the store (runtime messaging, router)'],
    ['tx', 'readonly transaction open'],
    ['hidden', 'staged-import check'],
    ['ready', 'index-ready meta record read'],
    ['probes', "each word's postings probed (FEW + 1 keys)"],
    ['titles', 'title hits read whole (common words only)'],
    ['found', 'page ids found (rare word: its records; common: walk from the newest)'],
    ['rows', 'the page rows read (a get each)'],
    ['summaries', 'snippets and message counts of the page'],
    ['committed', 'transaction committed'],
    ['reply', 'reply received and parsed in the page'],
  ],
  open: [
    ['start', 'request reaches the store (runtime messaging, router)'],
    ['tx', 'readonly transaction open'],
    ['conversation', 'conversation row read'],
    ['messages', 'its 20 messages read (getAll) + chunks check'],
    ['committed', 'transaction committed (view built)'],
    ['reply', 'reply received and parsed in the page'],
  ],
};

export async function timedRequest<T>(
  page: Page,
  worker: Worker,
  op: Op,
  type: string,
  payload: Record<string, unknown>,
): Promise<Timed<T>> {
  const started = now();
  const out = (await page.evaluate(
    async ({ type, payload }) => {
      const runtime = (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime;
      const sentAt = performance.timeOrigin + performance.now();
      const reply = await runtime.sendMessage({ type, payload });
      return { reply, sentAt, repliedAt: performance.timeOrigin + performance.now() };
    },
    { type, payload },
  )) as { reply: { ok: boolean; value?: T; error?: unknown }; sentAt: number; repliedAt: number };
  const withCdp = now() - started;
  if (!out.reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(out.reply?.error)}`);
  const marks = await workerMarks(worker);
  const trace: Record<string, number> = {};
  for (const [step] of STEPS[op]) {
    const at = marks[`${op}:${step}`];
    // A mark older than this request belongs to another one (a step this path does not take).
    if (at !== undefined && at >= out.sentAt) trace[step] = at - out.sentAt;
  }
  trace.reply = out.repliedAt - out.sentAt;
  return { value: out.reply.value as T, ms: out.repliedAt - out.sentAt, withCdp, trace };
}

/**
 * One "trace:" row per step: the median time of the step itself (from the step before it
 * that this run took) over the runs, and the median time since the request was sent.
 */
export function traceRows(label: string, op: Op, runs: Array<Record<string, number>>): Row[] {
  const rows: Row[] = [];
  for (const [step, meaning] of STEPS[op]) {
    const own: number[] = [];
    const since: number[] = [];
    for (const trace of runs) {
      const at = trace[step];
      if (at === undefined) continue;
      const before = STEPS[op]
        .slice(
          0,
          STEPS[op].findIndex(([s]) => s === step),
        )
        .map(([s]) => trace[s])
        .filter((v): v is number => v !== undefined);
      own.push(at - (before.at(-1) ?? 0));
      since.push(at);
    }
    if (own.length === 0) continue;
    const s = summarize(own);
    rows.push({
      metric: `trace: ${label} — ${step}: ${meaning}`,
      value: s,
      unit: 'ms',
      note: `${round(summarize(since).median, 2)} ms after the send (median of ${own.length})`,
    });
  }
  return rows;
}

/**
 * Benchmark 8b (issue 18): a 500-message conversation with code blocks in the popup, in fresh
 * popup pages, variants interleaved in one run:
 * - the old way: every message rendered at once and every code block highlighted at once
 *   (the page sets `cgRenderAllAtOnce`, src/ui/newest-first.ts);
 * - as shipped: the newest 30 messages first, the older ones above them a chunk per task, code
 *   blocks highlighted when they come near the view (src/ui/markdown/near-view.ts);
 * - as shipped plus `content-visibility: auto` on off-screen messages (injected, not shipped);
 * - the old way with all but the last 30 messages `display: none` (a windowed list's layout
 *   bound; a real windowed list would take the rest from find-in-page and screen readers).
 * Measured in the page: "bottom visible" (the newest answer in the DOM, the list at the bottom,
 * the composer enabled, then the next frame) and "every message in the DOM" (then the next
 * frame), long tasks (≥ 50 ms, PerformanceObserver) from navigation to 1.5 s after every
 * message is in (so the highlighting that follows counts), scrolling to the top 600 px a frame
 * (frames, the longest frame, long tasks), and long tasks while an answer streams at the
 * bottom. One traced open per way (readable build, bench/lib/trace.ts) splits the open by
 * phase.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { launchExtension } from '../../test/e2e/harness';
import { request } from '../lib/chat';
import { ROOT, setSettings } from '../lib/extension';
import type { Row, Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { round, summarize } from '../lib/stats';
import { breakdown, startTrace, stopTrace, type Breakdown, type LongTask } from '../lib/trace';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const MESSAGES = 500;
/** Text only the newest message has: "bottom visible" waits for it. */
const LAST_TEXT = `Answer ${MESSAGES - 1}:`;
export function bundle(site: string): string {
  const at = Date.now() + 10 * 365 * 86_400_000; // newest: the popup opens on it
  const id = 'bench-long';
  const messages = Array.from({ length: MESSAGES }, (_, m) => ({
    id: `${id}-${m}`,
    conversationId: id,
    role: m % 2 ? 'assistant' : 'user',
    text:
      m % 2
        ? `Answer ${m}: here is how.\n\n\`\`\`ts\n${Array.from(
            { length: 14 },
            (_, k) => `const value${k} = compute(${m}, ${k}); // step ${k}`,
          ).join('\n')}\n\`\`\`\n\nThen call **run** with the result; see \`value3\` above.`
        : `Question ${m}: how do I compute step ${m}?`,
    status: 'done',
    seq: m,
    createdAt: at + m,
    updatedAt: at + m,
  }));
  return JSON.stringify({
    format: 'chatgptt-export',
    version: 1,
    exportedAt: Date.now(),
    conversations: [
      {
        id,
        title: 'A long conversation',
        site,
        model: 'gpt-4o',
        systemPrompt: '',
        createdAt: at,
        updatedAt: at + MESSAGES,
        messages,
      },
    ],
  });
}

interface Variant {
  id: string;
  label: string;
  css: string;
  allAtOnce: boolean;
}

export const VARIANTS: Variant[] = [
  { id: 'old', label: 'old way (all at once)', css: '', allAtOnce: true },
  { id: 'shipped', label: 'newest first (shipped)', css: '', allAtOnce: false },
  {
    id: 'content-visibility',
    label: 'newest first + content-visibility: auto (not shipped)',
    css: '.cg-messages > .cg-message:not(:last-child) { content-visibility: auto; contain-intrinsic-size: auto 160px; }',
    allAtOnce: false,
  },
  {
    id: 'window',
    label: 'old way, a window of the last 30 (layout bound)',
    css: '.cg-messages > .cg-message:nth-last-child(n+32) { display: none !important; }',
    allAtOnce: true,
  },
];

interface Observed {
  bottomMs: number;
  allMs: number;
  openLong: number[];
  scrollMs: number;
  scrollFrames: number;
  longestFrame: number;
  scrollLong: number[];
  streamLong: number[];
}

/** A page that marks `bench:bottom-visible` and `bench:all-in-dom` (each after the frame that shows it). */
export async function openVariant(harness: ExtensionHarness, variant: Variant): Promise<Page> {
  const page = await harness.context.newPage();
  await page.addInitScript(
    ({ css, count, last, allAtOnce }) => {
      // tsx keeps function names by wrapping named closures in `__name(...)`, which the page
      // does not have: an identity stands in.
      (globalThis as unknown as { __name?: unknown }).__name ??= (f: unknown) => f;
      const g = globalThis as unknown as { __long: number[]; cgRenderAllAtOnce?: boolean };
      if (allAtOnce) g.cgRenderAllAtOnce = true;
      g.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) g.__long.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      // Checked every frame; the mark is set right after the frame that first showed it.
      const seen = new Set<string>();
      const markOnce = (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        setTimeout(() => performance.mark(name), 0);
      };
      const check = () => {
        const list = document.querySelector('.cg-messages');
        const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
        if (list && box && !box.disabled) {
          const newest = list.querySelector('.cg-message:last-of-type');
          if (
            newest?.textContent?.includes(last) &&
            list.scrollHeight - list.scrollTop - list.clientHeight < 48
          )
            markOnce('bench:bottom-visible');
        }
        if (document.querySelectorAll('.cg-messages > .cg-message').length >= count)
          markOnce('bench:all-in-dom');
        if (seen.size < 2) requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
      const observer = new MutationObserver(() => {
        if (css && !document.getElementById('bench-css') && document.head) {
          const style = document.createElement('style');
          style.id = 'bench-css';
          style.textContent = css;
          document.head.append(style);
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    { css: variant.css, count: MESSAGES, last: LAST_TEXT, allAtOnce: variant.allAtOnce },
  );
  return page;
}

async function markTime(page: Page, name: string): Promise<number> {
  return Number(
    await (
      await page.waitForFunction(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? false,
        name,
        { timeout: 60_000 },
      )
    ).jsonValue(),
  );
}

/** Scrolls to the bottom, sends a question and waits for its streamed answer (200 deltas, 5 ms apart). */
async function streamAtBottom(page: Page, site: TestSite): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('.cg-messages');
    if (el) el.scrollTop = el.scrollHeight;
  });
  site.configure({
    reply: Array.from({ length: 200 }, (_, i) => `word${i} `).join(''),
    faults: { chunkDelayMs: 5 },
  });
  const answers = page.locator('.cg-message.cg-assistant');
  const before = await answers.count();
  // CSS, not role, locators: Playwright computes roles in the page, over all 500 messages, a
  // long task of its own that the page's long-task observer counted as the app's.
  await page.locator('textarea[aria-label="Message"]').fill('one more');
  await page.locator('button.cg-send').click();
  await page.waitForFunction(
    (n) => {
      const all = document.querySelectorAll('.cg-message.cg-assistant');
      const s = all[n]?.getAttribute('data-status');
      return s === 'done' || s === 'error' || s === 'interrupted';
    },
    before,
    { timeout: 60_000 },
  );
}

async function measure(
  harness: ExtensionHarness,
  variant: Variant,
  site: TestSite,
): Promise<Observed> {
  const page = await openVariant(harness, variant);
  try {
    await page.goto(`chrome-extension://${harness.extensionId}/popup/popup.html`);
    const allMs = await markTime(page, 'bench:all-in-dom');
    const bottomMs = await markTime(page, 'bench:bottom-visible');
    const take = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as { __long: number[] };
        const out = g.__long;
        g.__long = [];
        return out;
      });
    await page.waitForTimeout(1500);
    const openLong = await take();
    const scroll = await page.evaluate(async () => {
      const el = document.querySelector('.cg-messages');
      if (!el) return { ms: Number.NaN, frames: 0, longest: 0 };
      const start = performance.now();
      let frames = 0;
      let longest = 0;
      let last = start;
      while (el.scrollTop > 0) {
        el.scrollTop = Math.max(0, el.scrollTop - 600);
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        frames += 1;
      }
      return { ms: performance.now() - start, frames, longest };
    });
    await page.waitForTimeout(200);
    const scrollLong = await take();
    await streamAtBottom(page, site);
    const streamLong = await take();
    return {
      bottomMs,
      allMs,
      openLong,
      scrollMs: scroll.ms,
      scrollFrames: scroll.frames,
      longestFrame: scroll.longest,
      scrollLong,
      streamLong,
    };
  } finally {
    site.configure({ reply: null, faults: {} });
    await page.close();
  }
}

interface Traced {
  open: Breakdown;
  stream: Breakdown;
}

/**
 * One traced open in the readable build, then an answer streamed at the bottom: where the
 * time goes, by phase, and what each long task of the streaming was made of.
 */
async function traced(
  harness: ExtensionHarness,
  variant: Variant,
  site: TestSite,
  reset: () => Promise<void>,
): Promise<Traced> {
  const page = await openVariant(harness, variant);
  try {
    const cdp = await harness.context.newCDPSession(page);
    await startTrace(cdp);
    await page.goto(`chrome-extension://${harness.extensionId}/popup/popup.html`);
    await markTime(page, 'bench:all-in-dom');
    await page.waitForTimeout(1500);
    await page.evaluate(() => performance.mark('bench:settled'));
    await streamAtBottom(page, site);
    await page.waitForTimeout(300);
    await page.evaluate(() => performance.mark('bench:streamed'));
    const events = await stopTrace(cdp);
    await cdp.detach();
    return {
      open: breakdown(events, 'bench:settled'),
      stream: breakdown(events, 'bench:streamed', 'bench:settled'),
    };
  } finally {
    site.configure({ reply: null, faults: {} });
    await page.close();
    await reset();
  }
}

/** A long task in a row: its length, then its script by part and our busiest functions. */
function describeTask(task: LongTask): string {
  const parts = Object.entries(task.script)
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]) => `${part} ${round(ms, 0)}`)
    .join(', ');
  const top = task.top.map(([name, ms]) => `${name} ${round(ms, 0)}`).join(', ');
  return `${round(task.ms, 0)} ms (${parts}; top: ${top})`;
}

export async function traceRows(site: TestSite): Promise<Row[]> {
  const dir = 'extension/h-trace';
  execFileSync(
    'npx',
    ['tsx', 'scripts/build.ts', '--test', '--target=chrome', '--readable', `--out=${dir}`],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const harness = await launchExtension({ extensionDir: resolve(ROOT, dir) });
  try {
    const setup = await harness.openPage('popup/popup.html');
    await setSettings(setup, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
    await request(setup, 'conversations/import', { json: bundle(`${site.url}/`) });
    await setup.close();
    const reset = async () => {
      const again = await harness.openPage('popup/popup.html');
      await request(again, 'conversations/import', { json: bundle(`${site.url}/`) });
      await again.close();
    };
    const ways = [VARIANTS[0], VARIANTS[1]] as Variant[];
    // Warm-up: the first page also compiles the code.
    await traced(harness, ways[0] as Variant, site, reset);
    const both: Traced[] = [];
    for (const way of ways) both.push(await traced(harness, way, site, reset));
    const results = both.map((t) => t.open);
    const ms = (v: number | undefined) => `${round(v ?? 0, 0)} ms`;
    const rows: Row[] = [];
    const line = (metric: string, pick: (b: Breakdown) => number | undefined, note?: string) =>
      rows.push({
        metric: `trace: ${metric}`,
        value: results.map((b, i) => `${(ways[i] as Variant).id} ${ms(pick(b))}`).join(' · '),
        unit: '',
        ...(note ? { note } : {}),
      });
    line('navigation → modules evaluated', (b) => b.marks['cg:modules-evaluated']);
    line('navigation → settings read', (b) => b.marks['cg:settings']);
    line('navigation → last conversation id known', (b) => b.marks['cg:latest-id']);
    line(
      'settings + last conversation id → conversation requested',
      (b) => (b.marks['cg:conversation-requested'] ?? 0) - (b.marks['cg:modules-evaluated'] ?? 0),
    );
    line(
      'worker round trip: IndexedDB read + 500 messages serialized and parsed',
      (b) => (b.marks['cg:conversation-loaded'] ?? 0) - (b.marks['cg:conversation-requested'] ?? 0),
      'page idle while it waits',
    );
    line('navigation → bottom visible', (b) => b.marks['bench:bottom-visible']);
    line('navigation → every message in the DOM', (b) => b.marks['bench:all-in-dom']);
    const phases = ['script', 'style', 'layout', 'paint', 'GC', 'HTML parse'];
    for (const phase of phases)
      line(
        `main thread ${phase}, navigation → 1.5 s after every message is in`,
        (b) => b.phases[phase],
      );
    const parts = [
      'Preact render/commit',
      'Markdown lexing (marked)',
      'Markdown → vnodes',
      'code highlighting',
      'messages from the worker',
      'extension messaging',
      'GC (sampled)',
      'other script',
    ];
    for (const part of parts)
      line(
        `script by sampled stack: ${part}`,
        (b) => b.script[part],
        part === 'Preact render/commit'
          ? 'with our components, DOM calls and the layout a scroll-to-bottom forces'
          : undefined,
      );
    both.forEach((t, i) =>
      rows.push({
        metric: `trace: long tasks while an answer streams at the bottom, ${(ways[i] as Variant).id}`,
        value: t.stream.longTasks.length,
        unit: '',
        note: t.stream.longTasks.map(describeTask).join(' · ') || 'none',
      }),
    );
    return rows;
  } finally {
    await harness.close();
  }
}

export async function longConversationBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { runs: number },
): Promise<Section> {
  const reset = async () => {
    // A streamed answer makes the conversation longer: back to 500 for the next page.
    const setup = await harness.openPage('popup/popup.html');
    await request(setup, 'conversations/import', { json: bundle(`${site.url}/`) });
    await setup.close();
  };
  const setup = await harness.openPage('popup/popup.html');
  await setSettings(setup, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  await setup.close();
  await reset();
  const results = new Map<string, Observed[]>();
  for (let run = 0; run < options.runs; run++) {
    for (const variant of VARIANTS) {
      const list = results.get(variant.id) ?? [];
      list.push(await measure(harness, variant, site));
      results.set(variant.id, list);
      await reset();
    }
  }
  const rows: Row[] = [];
  const longest = (values: number[]) => (values.length ? round(Math.max(...values), 0) : 0);
  const tasks = (values: number[]) => `${values.length} (longest ${longest(values)} ms)`;
  for (const variant of VARIANTS) {
    const list = results.get(variant.id) ?? [];
    const all = (pick: (o: Observed) => number[]) => list.flatMap(pick);
    rows.push(
      {
        metric: `open → bottom visible, composer usable, ${variant.label}`,
        value: summarize(list.map((o) => o.bottomMs)),
        unit: 'ms',
        note: `long tasks, navigation → 1.5 s after every message is in: ${tasks(all((o) => o.openLong))}`,
      },
      {
        metric: `open → every message in the DOM, ${variant.label}`,
        value: summarize(list.map((o) => o.allMs)),
        unit: 'ms',
      },
      {
        metric: `scroll to the top, 600 px a frame, ${variant.label}`,
        value: summarize(list.map((o) => o.scrollMs)),
        unit: 'ms',
        note: `${round(Math.max(...list.map((o) => o.scrollFrames)), 0)} frames, longest frame ${round(Math.max(...list.map((o) => o.longestFrame)), 0)} ms; long tasks: ${tasks(all((o) => o.scrollLong))}`,
      },
      {
        metric: `long tasks while an answer streams at the bottom, ${variant.label}`,
        value: all((o) => o.streamLong).length,
        unit: '',
        note: `longest ${longest(all((o) => o.streamLong))} ms; 200 deltas, 5 ms apart`,
      },
    );
  }
  try {
    rows.push(...(await traceRows(site)));
  } catch (error) {
    rows.push({ metric: 'trace', value: 'not measured', unit: '', note: String(error) });
  }
  return {
    id: 'long',
    title: '8b. A 500-message conversation',
    method:
      `${MESSAGES} messages (every answer has a 14-line TypeScript block), imported, opened in fresh popup pages, ${options.runs} run(s) per variant, variants interleaved. ` +
      'Bottom visible = the newest answer in the DOM, the list scrolled to it and the composer enabled, then the next frame; every message = all 500 in the DOM, then the next frame. ' +
      'Scroll to the top takes as many frames as the list is tall (600 px each): its time is mostly frames, the longest frame says whether one was slow. ' +
      'Long task = PerformanceObserver longtask (≥ 50 ms). Trace = one traced open per way (after a warm-up open) in the readable build (scripts/build.ts --readable): ' +
      'main-thread self time by trace event, script split by the sampled stack (the deepest part of our code on it).' +
      " The traced page then streams an answer at the bottom: each long task of it is listed with its script by sampled stack and our busiest functions. The streaming step is driven by CSS locators: Playwright's role locators compute roles over all 500 messages in the page, long tasks of their own.",
    rows,
  };
}

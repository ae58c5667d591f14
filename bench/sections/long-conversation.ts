/**
 * Benchmark 8b (issue 18): a 500-message conversation with code blocks in the popup. Three
 * variants of the same page, each in fresh popup pages: as shipped (every message laid out),
 * off-screen messages with `content-visibility: auto` and a remembered `contain-intrinsic-size`
 * (injected; not shipped: test/e2e/long-conversation.test.ts saw the skipped messages leave
 * Chromium's accessibility tree), and a windowed list's layout bound (all but the last 30
 * messages `display: none`: layout and paint of a window of 30, the DOM still built, so a real
 * windowed list would save a little more, and it too would take the rest from screen readers
 * and find-in-page). Measured in the page: opening (navigation → all 500
 * messages in the DOM → the next frame), long tasks (≥ 50 ms, PerformanceObserver) while
 * opening, while scrolling to the top one 600 px step a frame, and while an answer streams at
 * the bottom.
 */
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { request } from '../lib/chat';
import { setSettings } from '../lib/extension';
import type { Row, Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { round, summarize } from '../lib/stats';

const MESSAGES = 500;

function bundle(site: string): string {
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

const VARIANTS: Array<{ id: string; label: string; css: string }> = [
  { id: 'shipped', label: 'every message laid out (shipped)', css: '' },
  {
    id: 'content-visibility',
    label: 'content-visibility: auto (not shipped: skipped messages leave the accessibility tree)',
    css: '.cg-messages > .cg-message:not(:last-child) { content-visibility: auto; contain-intrinsic-size: auto 160px; }',
  },
  {
    id: 'window',
    label: 'a window of the last 30 (layout bound)',
    css: '.cg-messages > .cg-message:nth-last-child(n+32) { display: none !important; }',
  },
];

interface Observed {
  openMs: number;
  openLong: number[];
  scrollMs: number;
  scrollLong: number[];
  streamLong: number[];
}

async function openVariant(harness: ExtensionHarness, css: string): Promise<Page> {
  const page = await harness.context.newPage();
  await page.addInitScript(
    ({ css, count }) => {
      const g = globalThis as unknown as { __open?: number; __long: number[] };
      g.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) g.__long.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
      const observer = new MutationObserver(() => {
        if (css && !document.getElementById('bench-css') && document.head) {
          const style = document.createElement('style');
          style.id = 'bench-css';
          style.textContent = css;
          document.head.append(style);
        }
        if (document.querySelectorAll('.cg-messages > .cg-message').length >= count) {
          observer.disconnect();
          requestAnimationFrame(() => (g.__open = performance.now()));
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    { css, count: MESSAGES },
  );
  await page.goto(`chrome-extension://${harness.extensionId}/popup/popup.html`);
  return page;
}

async function measure(harness: ExtensionHarness, css: string, site: TestSite): Promise<Observed> {
  const page = await openVariant(harness, css);
  try {
    const openMs = Number(
      await (
        await page.waitForFunction(
          () => (globalThis as unknown as { __open?: number }).__open ?? false,
          undefined,
          { timeout: 60_000 },
        )
      ).jsonValue(),
    );
    const take = () =>
      page.evaluate(() => {
        const g = globalThis as unknown as { __long: number[] };
        const out = g.__long;
        g.__long = [];
        return out;
      });
    await page.waitForTimeout(300);
    const openLong = await take();
    const scrollMs = await page.evaluate(async () => {
      const el = document.querySelector('.cg-messages');
      if (!el) return Number.NaN;
      const start = performance.now();
      while (el.scrollTop > 0) {
        el.scrollTop = Math.max(0, el.scrollTop - 600);
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - start;
    });
    await page.waitForTimeout(200);
    const scrollLong = await take();
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
    await page.getByRole('textbox', { name: 'Message' }).fill('one more');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForFunction(
      (n) => {
        const all = document.querySelectorAll('.cg-message.cg-assistant');
        const s = all[n]?.getAttribute('data-status');
        return s === 'done' || s === 'error' || s === 'interrupted';
      },
      before,
      { timeout: 60_000 },
    );
    const streamLong = await take();
    return { openMs, openLong, scrollMs, scrollLong, streamLong };
  } finally {
    site.configure({ reply: null, faults: {} });
    await page.close();
  }
}

export async function longConversationBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { runs: number },
): Promise<Section> {
  const setup = await harness.openPage('popup/popup.html');
  await setSettings(setup, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  await request(setup, 'conversations/import', { json: bundle(`${site.url}/`) });
  await setup.close();
  const results = new Map<string, Observed[]>();
  for (let run = 0; run < options.runs; run++) {
    for (const variant of VARIANTS) {
      const list = results.get(variant.id) ?? [];
      list.push(await measure(harness, variant.css, site));
      results.set(variant.id, list);
      // The streamed answer made the conversation longer: back to 500 for the next page.
      const setupAgain = await harness.openPage('popup/popup.html');
      await request(setupAgain, 'conversations/import', { json: bundle(`${site.url}/`) });
      await setupAgain.close();
    }
  }
  const rows: Row[] = [];
  const longest = (values: number[]) => (values.length ? round(Math.max(...values), 0) : 0);
  for (const variant of VARIANTS) {
    const list = results.get(variant.id) ?? [];
    const all = (pick: (o: Observed) => number[]) => list.flatMap(pick);
    rows.push(
      {
        metric: `open, ${variant.label}`,
        value: summarize(list.map((o) => o.openMs)),
        unit: 'ms',
        note: `long tasks while opening: ${all((o) => o.openLong).length} (longest ${longest(all((o) => o.openLong))} ms)`,
      },
      {
        metric: `scroll to the top, ${variant.label}`,
        value: summarize(list.map((o) => o.scrollMs)),
        unit: 'ms',
        note: `long tasks: ${all((o) => o.scrollLong).length} (longest ${longest(all((o) => o.scrollLong))} ms)`,
      },
      {
        metric: `long tasks while an answer streams at the bottom, ${variant.label}`,
        value: all((o) => o.streamLong).length,
        unit: '',
        note: `longest ${longest(all((o) => o.streamLong))} ms; 200 deltas, 5 ms apart`,
      },
    );
  }
  return {
    id: 'long',
    title: '8b. A 500-message conversation',
    method:
      `${MESSAGES} messages (every answer has a 14-line TypeScript block), imported, opened in fresh popup pages, ${options.runs} run(s) per variant, variants interleaved. ` +
      'Open = navigation start → all messages in the DOM → next frame. Long task = PerformanceObserver longtask (≥ 50 ms).',
    rows,
  };
}

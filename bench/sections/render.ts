/**
 * Benchmark 3: rendering in real Chromium. A ~100 KB Markdown answer streamed in 2,000 chunks
 * into the popup page with the UI's own renderer, as the app renders (incremental) and naively
 * (from scratch per chunk, bench-only). Main-thread script time from CDP Performance.getMetrics
 * (ScriptDuration), the longest task from a longtask PerformanceObserver (tasks ≥ 50 ms only),
 * and the longest chunk measured around render().
 */
import preact from '@preact/preset-vite';
import { build } from 'vite';
import { resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import type { RenderRun } from '../browser/render-entry';
import { ROOT } from '../lib/extension';
import { makeMarkdownAnswer, splitInto } from '../lib/markdown-answer';
import type { Section } from '../lib/report';
import { ratio, round, summarize } from '../lib/stats';

/** The bench entry built like the extension's pages (Vite + Preact preset: import.meta.glob etc.). */
async function bundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'error',
    plugins: [preact()],
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: true,
      target: 'chrome120',
      lib: {
        entry: resolve(ROOT, 'bench/browser/render-entry.tsx'),
        formats: ['iife'],
        name: 'benchRender',
        fileName: () => 'render-bench.js',
      },
    },
  });
  const outputs = Array.isArray(output) ? output : [output];
  for (const out of outputs) {
    if (!('output' in out)) continue;
    const chunk = out.output.find((item) => item.type === 'chunk');
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('render bundle produced no JavaScript');
}

async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN;
}

interface Collected {
  scriptMs: number;
  run: RenderRun;
}

export async function renderBenchmark(
  harness: ExtensionHarness,
  options: {
    budgets: Record<RenderRun['mode'], number>;
    /** The naive side renders after every n-th chunk (evenly spread over the whole answer). */
    naiveSampleEvery: number;
  },
): Promise<Section> {
  const answer = makeMarkdownAnswer(100 * 1024);
  const chunks = splitInto(answer, 2000);
  const code = await bundle();
  const page = await harness.openPage('popup/popup.html');
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.evaluate(code);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const collected = {} as Record<RenderRun['mode'], Collected>;
  for (const mode of ['incremental', 'naive'] as const) {
    const before = await scriptSeconds(cdp);
    const run = await page.evaluate(
      ({ mode, chunks, budgetMs, every }) =>
        (
          globalThis as unknown as {
            __benchRender(m: string, c: string[], b: number, e: number): Promise<RenderRun>;
          }
        ).__benchRender(mode, chunks, budgetMs, every),
      {
        mode,
        chunks,
        budgetMs: options.budgets[mode],
        every: mode === 'naive' ? options.naiveSampleEvery : 1,
      },
    );
    const after = await scriptSeconds(cdp);
    collected[mode] = { scriptMs: (after - before) * 1000, run };
    console.log(
      `      ${mode}: ${run.chunksDone}/${chunks.length} chunks in ${Math.round(run.totalMs)} ms`,
    );
  }
  await cdp.detach();
  await page.close();
  const inc = collected.incremental;
  const naive = collected.naive;
  const perChunk = (c: Collected): number => c.scriptMs / c.run.chunksDone;
  const incChunks = summarize(inc.run.chunkMs);
  const naiveChunks = summarize(naive.run.chunkMs);
  const partial = (c: Collected): string => {
    const expected = Math.ceil(chunks.length / c.run.sampleEvery);
    if (c.run.chunksDone < expected)
      return `only the first ${c.run.chunksDone} renders fit its ${Math.round(options.budgets[c.run.mode] / 1000)} s budget (the cheaper, shorter part)`;
    return c.run.sampleEvery === 1
      ? `all ${chunks.length} chunks`
      : `rendered after every ${c.run.sampleEvery}th chunk, ${c.run.chunksDone} renders spread evenly over the whole answer (all ${chunks.length} would take minutes; the even spread makes the per-chunk figures an unbiased sample)`;
  };
  return {
    id: 'render',
    title: '3. Rendering a streamed answer in the popup (real Chromium)',
    method:
      `${round(answer.length / 1024, 1)} KB of Markdown (headings, prose, nested lists, tables, TypeScript code, quotes, inline and display TeX, a Hebrew paragraph, footnotes) in ${chunks.length} chunks, ` +
      `one chunk per task, into the popup page with the UI's renderer (src/ui/markdown/Markdown.tsx), followed by a forced layout per chunk. ` +
      `incremental = one mounted <Markdown> whose text grows (as the app renders); naive = unmount + render the whole text from scratch per chunk (bench-only). ` +
      `Script time = CDP Performance.getMetrics ScriptDuration delta; longest task = longtask PerformanceObserver (tasks ≥ 50 ms); per-chunk figures are over the renders made (n). ` +
      `incremental: ${partial(inc)}, ${inc.run.nodes} DOM nodes and ${inc.run.mathNodes} MathML formulas at the end; naive: ${partial(naive)}.`,
    rows: [
      {
        metric: 'render + layout per chunk, incremental (app)',
        value: incChunks,
        unit: 'ms',
        note: `incremental/naive ${ratio(incChunks.median, naiveChunks.median)} (medians)`,
      },
      { metric: 'render + layout per chunk, naive re-render', value: naiveChunks, unit: 'ms' },
      {
        metric: 'main-thread script time per chunk, incremental (app)',
        value: perChunk(inc),
        unit: 'ms',
        note: `incremental/naive ${ratio(perChunk(inc), perChunk(naive))}; total ${round(inc.scriptMs, 0)} ms for ${inc.run.chunksDone} chunks`,
      },
      {
        metric: 'main-thread script time per chunk, naive re-render',
        value: perChunk(naive),
        unit: 'ms',
        note: `total ${round(naive.scriptMs, 0)} ms for ${naive.run.chunksDone} chunks`,
      },
      {
        metric: 'longest task, incremental (app)',
        value: inc.run.longestTaskMs,
        unit: 'ms',
        note: `${inc.run.longTasks} tasks ≥ 50 ms`,
      },
      {
        metric: 'longest task, naive re-render',
        value: naive.run.longestTaskMs,
        unit: 'ms',
        note: `${naive.run.longTasks} tasks ≥ 50 ms; incremental/naive ${ratio(inc.run.longestTaskMs, naive.run.longestTaskMs)}`,
      },
      {
        metric: 'wall time for the whole answer, incremental (app)',
        value: inc.run.totalMs,
        unit: 'ms',
        note: partial(inc),
      },
    ],
    checks: [
      {
        name: 'no task ≥ 50 ms while streaming, incremental (app)',
        ok: inc.run.longTasks === 0,
        detail:
          `${inc.run.longTasks} long tasks, longest ${round(inc.run.longestTaskMs, 0)} ms` +
          (inc.run.longTasks > 0
            ? `, at chunks ${inc.run.longTaskChunks.join(', ')} (${inc.run.longTaskChunks.map((i) => JSON.stringify(chunks[i]?.slice(0, 20) ?? '')).join(', ')})`
            : ''),
      },
      {
        name: 'the formulas were typeset (MathML), not left as TeX',
        ok: inc.run.mathNodes > 0,
        detail: `${inc.run.mathNodes} formulas incremental, ${naive.run.mathNodes} naive`,
      },
    ],
  };
}

/**
 * `npm run bench`: every benchmark in one process, in order, each isolated (a benchmark whose
 * piece is missing or broken is reported as "not measured: why" and the others still run).
 * Writes bench/results.json and bench/results.md and prints the table. These are measurements,
 * never assertions; only a correctness check that fails (e.g. parser outputs differ) makes the
 * exit code non-zero.
 *
 *   npm run bench                       everything (~15 minutes on a 2-core machine)
 *   npm run bench -- --only=sse,latency a subset, by section id (markdown: hostile answers)
 *   npm run bench -- --quick            fewer runs, for trying the bench itself
 *   npm run bench -- --only=extension --parts=render,popup   some in-browser benchmarks
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine, toMarkdown, writeResults, type Results, type Section } from './lib/report';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--parts=render,popup`: a subset of the in-browser benchmarks (3–7). */
const parts = args
  .find((a) => a.startsWith('--parts='))
  ?.slice('--parts='.length)
  .split(',');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

interface Benchmark {
  id: string;
  title: string;
  run(): Promise<Section | Section[]>;
}

const BENCHMARKS: Benchmark[] = [
  {
    id: 'latency',
    title: '1. Time to first token and to done',
    run: async () => (await import('./sections/latency')).latency({ messages: quick ? 10 : 50 }),
  },
  {
    id: 'sse',
    title: '2. SSE parsing throughput',
    run: async () =>
      (await import('./sections/sse-throughput')).sseThroughput({
        runs: quick ? 3 : 7,
        bytes: 2 ** 20,
      }),
  },
  {
    id: 'page-scan',
    title: '9. Token discovery by page size',
    run: async () => (await import('./sections/page-scan')).pageScan({ runs: quick ? 3 : 9 }),
  },
  {
    id: 'markdown',
    title: '8. Rendering hostile answers: lexing time per KB',
    run: async () =>
      (await import('./sections/markdown-bombs')).markdownBombs({ runs: quick ? 3 : 7 }),
  },
  {
    id: 'extension',
    title: '3–7. In real Chromium',
    run: async () =>
      (await import('./sections/extension')).extensionBenchmarks({
        quick,
        ...(parts ? { only: parts } : {}),
      }),
  },
];

/**
 * A partial run (--only, --parts) replaces only its sections in the last results, in place,
 * each titled with the time of its rerun; the other sections and the full run's times stay.
 */
function merged(jsonFile: string, partial: Results): Results {
  if (!existsSync(jsonFile)) return partial;
  const previous = JSON.parse(readFileSync(jsonFile, 'utf8')) as Results;
  const at = partial.finishedAt.slice(11, 16);
  const rerun = (section: Section): Section => ({
    ...section,
    title: `${section.title.replace(/ \(rerun [^)]*\)$/, '')} (rerun ${at} UTC)`,
  });
  const fresh = new Map(partial.sections.map((s) => [s.id, rerun(s)]));
  const sections = previous.sections.map((s) => fresh.get(s.id) ?? s);
  for (const [id, section] of fresh)
    if (!previous.sections.some((s) => s.id === id)) sections.push(section);
  return { ...previous, sections };
}

async function main(): Promise<void> {
  const results: Results = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: machine(),
    sections: [],
  };
  for (const bench of BENCHMARKS) {
    if (only && !only.includes(bench.id)) continue;
    const started = Date.now();
    console.log(`\n=== ${bench.title}`);
    try {
      const out = await bench.run();
      results.sections.push(...(Array.isArray(out) ? out : [out]));
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.log(`    not measured: ${reason}`);
      results.sections.push({ id: bench.id, title: bench.title, rows: [], skipped: reason });
    }
    console.log(`=== ${bench.title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  results.finishedAt = new Date().toISOString();
  const jsonFile = join(ROOT, 'bench/results.json');
  const written = only || parts ? merged(jsonFile, results) : results;
  writeResults(written, jsonFile, join(ROOT, 'bench/results.md'));
  console.log(`\n${toMarkdown(results)}`);
  console.log('Wrote bench/results.json and bench/results.md');
  const failed = results.sections.flatMap((s) =>
    (s.checks ?? []).filter((c) => !c.ok).map((c) => `${s.title}: ${c.name}`),
  );
  if (failed.length > 0) {
    console.log(`Correctness checks FAILED:\n  - ${failed.join('\n  - ')}`);
    process.exitCode = 1;
  }
}

await main();

/**
 * Benchmark: token discovery cost by page size (issue 22, item 3). discoverTokens (the worker's
 * page scan: start tags, the wpaicgParams object, the plugin version) on pages of 100 KB, 1 MB
 * and 10 MB, of a realistic shape (the captured 1.9.18 page padded with inline CSS, the chat root
 * last, as a footer widget is) and of shapes that repeat what the scan looks for. Linear work
 * shows as a flat MB/s across sizes. A check: the realistic pages' tokens are found at every size.
 * (A site's page is read at most 8 MB, so a 10 MB page never reaches the scan in the client; it
 * is measured here anyway.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverTokens } from '../../src/provider/discovery';
import type { Section } from '../lib/report';
import { now, round, summarize } from '../lib/stats';

const CAPTURE = resolve(import.meta.dirname, '../../test/fixtures/captures/a-01-get-front.html');

const SIZES: Array<[string, number]> = [
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
  ['10 MB', 10 * 1024 * 1024],
];

/** Fills `bytes` with `unit` repeated. */
const fill = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length));

const SHAPES: Array<[string, (bytes: number) => string]> = [
  [
    'realistic (captured page + inline CSS, chat root last)',
    (bytes) => {
      const page = readFileSync(CAPTURE, 'utf8');
      const body = page.indexOf('<body');
      const css = `<style>${fill('.wp-block-x{margin:0 auto;padding:var(--p)}\n', bytes - page.length)}</style>`;
      return page.slice(0, body) + css + page.slice(body);
    },
  ],
  [
    'repeated unclosed `wpaicgParams = {`',
    (bytes) => `<script>${fill('wpaicgParams = {"a":', bytes)}</script>`,
  ],
  ['repeated plugin folder path', (bytes) => fill('gpt3-ai-content-generator/', bytes)],
  ['repeated `<div class="x">`', (bytes) => fill('<div class="x">', bytes)],
];

export function pageScan(options: { runs: number }): Section {
  const section: Section = {
    id: 'page-scan',
    title: 'Token discovery by page size',
    method:
      `discoverTokens (src/provider/discovery.ts, html.ts) on in-memory pages; ${options.runs} runs per ` +
      'page after one warm-up (10 MB: fewer). Throughput in MB/s of page text; flat across sizes means linear.',
    rows: [],
    checks: [],
  };
  for (const [shape, make] of SHAPES) {
    for (const [label, bytes] of SIZES) {
      const html = make(bytes);
      const runs = bytes > 2 ** 22 ? Math.max(1, Math.ceil(options.runs / 3)) : options.runs;
      const scan = (): boolean => {
        try {
          return discoverTokens(html, 'http://127.0.0.1:8081/').nonce === '32387aba2d';
        } catch {
          return false;
        }
      };
      const found = scan();
      const ms: number[] = [];
      for (let run = 0; run < runs; run++) {
        const t = now();
        scan();
        ms.push(now() - t);
      }
      const time = summarize(ms);
      section.rows.push({
        metric: `${shape}, ${label}`,
        value: { ...time, median: round(time.median, 2), p95: round(time.p95, 2) },
        unit: 'ms',
        note: `${round(html.length / 2 ** 20 / (time.median / 1000), 0)} MB/s`,
      });
      if (shape.startsWith('realistic'))
        section.checks?.push({ name: `${label}: tokens found`, ok: found });
    }
  }
  return section;
}

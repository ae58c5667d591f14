/**
 * The popup's initial JavaScript stays within its budget: 60 KB gzipped. "Initial" is what the
 * popup page loads before first paint: its entry script and every modulepreload chunk; lazily
 * imported chunks (code-highlighting grammars) are not counted.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TEST_EXTENSION } from './harness';

const BUDGET_BYTES = 60 * 1024;

describe('popup bundle', () => {
  it('every file a lazy import preloads is in the package', () => {
    // A preload list naming a file the build dropped fails that import's first call (the
    // PDF reader once hung on "Reading the PDF…" for an inlined style sheet).
    const assets = join(TEST_EXTENSION, 'assets');
    const named = readdirSync(assets)
      .filter((file) => file.endsWith('.js'))
      .flatMap((file) =>
        [...readFileSync(join(assets, file), 'utf8').matchAll(/m\.f=\[([^\]]*)\]/g)].flatMap(
          (list) => [...(list[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1] as string),
        ),
      );
    expect(named.length).toBeGreaterThan(0);
    const present = new Set(readdirSync(assets).map((file) => `assets/${file}`));
    expect(named.filter((file) => !present.has(file))).toEqual([]);
  });

  it('loads at most 60 KB of gzipped JavaScript up front', () => {
    const html = readFileSync(join(TEST_EXTENSION, 'popup/popup.html'), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    const sizes = scripts.map((file) => ({
      file,
      gzip: gzipSync(readFileSync(join(TEST_EXTENSION, file)), { level: 9 }).length,
    }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(`popup initial JS: ${(total / 1024).toFixed(1)} KB gzipped`, sizes);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    // Few files (issue 18): each costs the opening popup a request, a response and a compile
    // start on its main thread (scripts/page-chunks.ts). Its entry, the runtime helpers, `core`
    // and `chat`; the style sheets are in the HTML.
    expect(scripts.length, scripts.join(', ')).toBeLessThanOrEqual(4);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).toMatch(/<style>[^<]*\.cg-app/);
    // The highlighter is loaded on demand, never up front.
    expect(scripts.some((file) => /lowlight|highlight/.test(file))).toBe(false);
    // So is the math typesetter (Temml): only an answer with TeX in it loads it.
    expect(scripts.some((file) => /temml|math/i.test(file))).toBe(false);
    const chunks = readdirSync(join(TEST_EXTENSION, 'assets')).filter((f) => f.endsWith('.js'));
    const temml = chunks.find((file) =>
      readFileSync(join(TEST_EXTENSION, 'assets', file), 'utf8').includes(
        'Unexpected end of input in a macro argument',
      ),
    );
    expect(temml, 'a lazily loaded chunk holds Temml').toBeDefined();
    console.log(
      `math chunk ${temml}: ${(gzipSync(readFileSync(join(TEST_EXTENSION, 'assets', temml as string)), { level: 9 }).length / 1024).toFixed(1)} KB gzipped, loaded on demand`,
    );
  });
});

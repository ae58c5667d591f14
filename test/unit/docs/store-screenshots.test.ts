/**
 * The store screenshots in docs/store/screenshots/: each at a size both stores take (1280×800,
 * or Chrome's 640×400), each listed in docs/store/README.md, and every listed one there. They
 * are made by test/e2e/store-screenshots.test.ts (and the Firefox one by sidebar-firefox.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const DIR = join(ROOT, 'docs/store/screenshots');
const STORE_SIZES = ['1280x800', '640x400'];

function pngSize(file: string): string {
  const data = readFileSync(file);
  if (data.subarray(1, 4).toString('latin1') !== 'PNG') return 'not a PNG';
  return `${data.readUInt32BE(16)}x${data.readUInt32BE(20)}`;
}

describe('store screenshots', () => {
  const files = readdirSync(DIR).filter((name) => !name.startsWith('.'));
  const readme = readFileSync(join(ROOT, 'docs/store/README.md'), 'utf8');
  const listed = [...readme.matchAll(/`screenshots\/([^`]+\.png)`/g)].map((m) => m[1]);

  it('are PNGs at a store size', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files)
      expect(STORE_SIZES, `${name} is ${pngSize(join(DIR, name))}`).toContain(
        pngSize(join(DIR, name)),
      );
  });

  it('are the ones the store README lists, no more, no fewer', () => {
    expect([...listed].sort()).toEqual([...files].sort());
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const read = (path: string) =>
  JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, { message: string }>;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}
const FILES = [...sources('src/ui'), ...sources('src/popup')];

describe('UI locales', () => {
  for (const area of ['ui', 'popup']) {
    it(`${area}: English and Russian have the same keys, none empty`, () => {
      const en = read(`src/locales/en/${area}.json`);
      const ru = read(`src/locales/ru/${area}.json`);
      expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of [...Object.entries(en), ...Object.entries(ru)]) {
        expect(entry.message.trim(), key).not.toBe('');
        expect(key.startsWith(`${area}_`), key).toBe(true);
      }
    });
  }

  it('every message key the UI names exists', () => {
    const en = { ...read('src/locales/en/ui.json'), ...read('src/locales/en/popup.json') };
    for (const file of FILES) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'((?:ui|popup)_[a-z_]+)'/g)) {
        expect(en, `${file}: ${match[1]}`).toHaveProperty(match[1] as string);
      }
    }
  });

  it('no UI text is hard-coded in components', () => {
    for (const file of FILES.filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      // Text between tags that is not an expression: >Some words<
      const literal = [
        ...text.matchAll(/(?<![=/-])>\s*([^<>{}\n]*[A-Za-zА-Яа-я]{2,}[^<>{}\n]*)\s*</g),
      ].map((m) => m[1]);
      expect(literal, file).toEqual([]);
      // Accessible names and placeholders must come from t() too.
      const attrs = [
        ...text.matchAll(/\b(aria-label|placeholder|title)="([^"]*[A-Za-z][^"]*)"/g),
      ].map((m) => m[0]);
      expect(attrs, file).toEqual([]);
    }
  });
});

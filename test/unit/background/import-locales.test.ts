/** The import's words (src/locales/<lang>/import.json): both languages, every key used exists. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const read = (lang: string) =>
  JSON.parse(readFileSync(join(ROOT, `src/locales/${lang}/import.json`), 'utf8')) as Record<
    string,
    { message: string }
  >;

describe('import locales', () => {
  it('English and Russian have the same import_ keys, none empty, with the same $n', () => {
    const en = read('en');
    const ru = read('ru');
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(en)) {
      expect(key.startsWith('import_'), key).toBe(true);
      expect(message.trim()).not.toBe('');
      const places = (text: string) => [...text.matchAll(/\$\d/g)].map((m) => m[0]).sort();
      expect(places(ru[key]?.message ?? ''), key).toEqual(places(message));
    }
  });

  it('every import_ key the code names exists', () => {
    const en = read('en');
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => /\.tsx?$/.test(f),
    );
    let named = 0;
    for (const file of files) {
      const text = readFileSync(join(ROOT, 'src', file), 'utf8');
      for (const match of text.matchAll(
        /'(import_(?:error|reading|saving|progress|stop|summary|done)[a-z_]*)'/g,
      )) {
        named += 1;
        expect(en, `${file}: ${match[1]}`).toHaveProperty(match[1] as string);
      }
    }
    expect(named).toBeGreaterThan(20);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { zip } from '../../../scripts/zip';
import { formatBytes } from '../../../src/options/download';
import { hasScheme, normalizeSiteUrl, originPattern } from '../../../src/shared/site-url';
import { skipNote } from '../../skips';

const { checkOf, httpVariant } = await import('../../../src/options/sections/Sites');
const { parseDenyList } = await import('../../../src/options/sections/SelectionButton');
const { moveBy } = await import('../../../src/options/sections/MoveButtons');

describe('options helpers', () => {
  it('normalizes site addresses and refuses what is not a web page', () => {
    expect(normalizeSiteUrl(' https://example.com/chat/#top ')).toBe('https://example.com/chat/');
    expect(normalizeSiteUrl('example.com')).toBe('https://example.com/');
    expect(normalizeSiteUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
    expect(normalizeSiteUrl('')).toBeNull();
    expect(normalizeSiteUrl('ftp://example.com/')).toBeNull();
    expect(normalizeSiteUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeSiteUrl('http://')).toBeNull();
  });

  it('makes a bare host https, a host with a port included, and offers http only as a variant', () => {
    expect(normalizeSiteUrl('example.org/chat')).toBe('https://example.org/chat');
    expect(normalizeSiteUrl('localhost:8080/chat/')).toBe('https://localhost:8080/chat/');
    expect(normalizeSiteUrl('example.org:8443')).toBe('https://example.org:8443/');
    expect(hasScheme('example.org/chat')).toBe(false);
    expect(hasScheme('localhost:8080')).toBe(false);
    expect(hasScheme('http://example.org')).toBe(true);
    expect(hasScheme('javascript:alert(1)')).toBe(true);
    expect(httpVariant('https://example.org:8443/chat/')).toBe('http://example.org:8443/chat/');
  });

  it('stores a check as passed, or failed with the failing step kind', () => {
    expect(checkOf({ site: 'x', ok: true, steps: [] }, 5)).toEqual({ ok: true, at: 5 });
    const steps = [
      { step: 'page' as const, ok: true, ms: 1 },
      {
        step: 'tokens' as const,
        ok: false,
        ms: 1,
        error: { kind: 'challenge' as const, message: 'm' },
      },
    ];
    expect(checkOf({ site: 'x', ok: false, steps }, 6)).toEqual({
      ok: false,
      at: 6,
      kind: 'challenge',
    });
  });

  it('asks for host access by host, without the port', () => {
    expect(originPattern('http://127.0.0.1:8080/chat/')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://example.com/a/b?c')).toBe('https://example.com/*');
  });

  it('reads the deny list one host per line, URLs by their host, no duplicates', () => {
    expect(
      parseDenyList('mail.example.com\nhttps://Docs.Example.com/x\n\nmail.example.com'),
    ).toEqual(['mail.example.com', 'docs.example.com']);
  });

  it('moves an item and leaves the input alone', () => {
    const items = ['a', 'b', 'c'];
    expect(moveBy(items, (x) => x === 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveBy(items, (x) => x === 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(moveBy(items, (x) => x === 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(moveBy(items, (x) => x === 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveBy(items, (x) => x === 'z', 1)).toBe(items);
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('formats sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
  });
});

describe('zip writer', () => {
  const entries = [
    { name: 'b/inner.txt', data: Buffer.from('inner '.repeat(200)) },
    { name: 'a.json', data: Buffer.from('{"x":1}') },
    { name: 'ünïcode.txt', data: Buffer.from('жёлтый 🙂') },
  ];

  it('is reproducible whatever the input order', () => {
    expect(zip(entries).equals(zip([...entries].reverse()))).toBe(true);
  });

  const noUnzip = !existsSync('/usr/bin/unzip');
  it.skipIf(noUnzip)(`makes archives unzip reads back intact${skipNote(noUnzip, 'unzip')}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'out.zip');
    writeFileSync(file, zip(entries));
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toContain('No errors');
    expect(execFileSync('unzip', ['-p', file, 'b/inner.txt'], { encoding: 'utf8' })).toBe(
      'inner '.repeat(200),
    );
    expect(execFileSync('unzip', ['-p', file, 'ünïcode.txt'], { encoding: 'utf8' })).toBe(
      'жёлтый 🙂',
    );
  });
});

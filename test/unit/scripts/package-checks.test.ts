/**
 * The store-package rules (scripts/package-checks.ts) on made-up zips: each rule finds its
 * problem, and a clean package passes. scripts/check-packages.ts runs them on the real zips.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumProblems, kindOf, packageProblems } from '../../../scripts/package-checks';
import { unzip, zip, type ZipEntry } from '../../../scripts/zip';

const file = (name: string, text = 'x'): ZipEntry => ({ name, data: Buffer.from(text) });
const manifest = (fields: Record<string, unknown>): ZipEntry =>
  file('manifest.json', JSON.stringify({ manifest_version: 3, ...fields }));
const chrome = (fields: Record<string, unknown> = {}, ...more: ZipEntry[]): ZipEntry[] => [
  manifest({ permissions: ['storage'], host_permissions: ['https://chatgptt.me/*'], ...fields }),
  file('background.js', 'console.log(1);'),
  ...more,
];
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('package checks', () => {
  it('names the packages by kind, chrome-proxy before chrome', () => {
    expect(kindOf('chatgptt-0.1.0-chrome.zip')).toBe('chrome');
    expect(kindOf('chatgptt-0.1.0-chrome-proxy.zip')).toBe('chrome-proxy');
    expect(kindOf('chatgptt-1.2.3-firefox.zip')).toBe('firefox');
    expect(kindOf('chatgptt-1.2.3-source.zip')).toBe('source');
    expect(kindOf('other.zip')).toBeUndefined();
  });

  it('passes a clean package', () => {
    expect(packageProblems('chrome', chrome())).toEqual([]);
    expect(packageProblems('chrome-proxy', chrome({ permissions: ['storage', 'proxy'] }))).toEqual(
      [],
    );
  });

  it('finds the test build’s local host access, in any host list', () => {
    expect(packageProblems('chrome', chrome({ host_permissions: ['http://127.0.0.1/*'] }))).toEqual(
      ['grants test-only host access http://127.0.0.1/*'],
    );
    expect(
      packageProblems('chrome', chrome({ optional_host_permissions: ['http://localhost:8080/*'] })),
    ).toHaveLength(1);
    expect(
      packageProblems('chrome', chrome({ content_scripts: [{ matches: ['*://[::1]/*'] }] })),
    ).toHaveLength(1);
    // A site merely named like it is not local.
    expect(
      packageProblems('chrome', chrome({ host_permissions: ['https://localhost.example/*'] })),
    ).toEqual([]);
  });

  it('keeps `proxy` to the chrome-proxy package', () => {
    expect(packageProblems('chrome', chrome({ permissions: ['proxy'] }))).toEqual([
      'the chrome package must not ask for `proxy`',
    ]);
    expect(packageProblems('chrome-proxy', chrome())).toEqual([
      'the chrome-proxy package lacks `proxy`',
    ]);
    expect(packageProblems('firefox', chrome())).toEqual(['the firefox package has no gecko id']);
  });

  it('finds source maps, as files and as comments', () => {
    expect(packageProblems('chrome', chrome({}, file('background.js.map')))).toEqual([
      'holds background.js.map',
    ]);
    expect(
      packageProblems('chrome', chrome({}, file('a.js', 'x\n//# sourceMappingURL=a.js.map'))),
    ).toEqual(['a.js points at a source map']);
    expect(
      packageProblems('chrome', chrome({}, file('a.css', '/*# sourceMappingURL=a.css.map */'))),
    ).toEqual(['a.css points at a source map']);
  });

  it('finds development files in an extension package', () => {
    const dev = [
      'src/popup/main.ts',
      'ui/App.tsx',
      'test/e2e/x.js',
      'a.test.js',
      'node_modules/preact/index.js',
      '.env',
      '.env.local',
      'package.json',
      'tsconfig.json',
      'vite.config.ts',
      'debug.log',
    ];
    const found = packageProblems('firefox', [
      manifest({ browser_specific_settings: { gecko: { id: 'a@b' } } }),
      ...dev.map((name) => file(name)),
    ]);
    expect(found).toEqual(dev.map((name) => `holds ${name}`));
  });

  it('lets the source zip hold sources and tests, but not dependencies or build output', () => {
    const needed = ['package.json', 'package-lock.json', 'manifest.json', 'scripts/build.ts'];
    const source = [...needed, 'src/a.ts', 'test/unit/a.test.ts'].map((name) => file(name));
    expect(packageProblems('source', source)).toEqual([]);
    expect(
      packageProblems('source', [
        ...source,
        file('node_modules/x/index.js'),
        file('extension/firefox/manifest.json'),
        file('dist/index.js'),
        file('.env'),
      ]),
    ).toEqual([
      'holds node_modules/x/index.js',
      'holds extension/firefox/manifest.json',
      'holds dist/index.js',
      'holds .env',
    ]);
    expect(packageProblems('source', source.slice(1))).toEqual(['lacks package.json']);
  });

  it('checks SHA256SUMS against the files, both ways', () => {
    const a = Buffer.from('a');
    const b = Buffer.from('b');
    const files = new Map([
      ['a.zip', a],
      ['b.zip', b],
    ]);
    const good = `${sha(a)}  a.zip\n${sha(b)}  b.zip\n`;
    expect(checksumProblems(good, files)).toEqual([]);
    expect(checksumProblems(`${sha(b)}  a.zip\n${sha(b)}  b.zip\n`, files)).toEqual([
      'SHA256SUMS: a.zip does not match its checksum',
    ]);
    expect(checksumProblems(`${sha(a)}  a.zip\n`, files)).toEqual([
      'SHA256SUMS does not list b.zip',
    ]);
    expect(checksumProblems(`${good}${sha(a)}  c.zip\n`, files)).toEqual([
      'SHA256SUMS names c.zip, which is not there',
    ]);
  });

  it('reads back what the zip writer wrote, and refuses a corrupted entry', () => {
    const entries = [file('b.txt', 'hello '.repeat(100)), file('a/ü.json', '{}')];
    const archive = zip(entries);
    expect(unzip(archive).map((e) => [e.name, e.data.toString()])).toEqual([
      ['a/ü.json', '{}'],
      ['b.txt', 'hello '.repeat(100)],
    ]);
    // The same files give the same bytes (the packages are reproducible).
    expect(zip([...entries].reverse()).equals(archive)).toBe(true);
    const broken = Buffer.from(archive);
    const at = broken.indexOf('{}');
    broken[at] = 0x5b;
    expect(() => unzip(broken)).toThrow(/CRC mismatch/);
  });
});

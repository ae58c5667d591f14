/**
 * The floating button's script loads on every page while it is on, so it must stay tiny: at most
 * 4 KB minified (issue 6), without a UI framework or the polyfill. Bundled here the way
 * scripts/build.ts bundles content scripts.
 */
import { join, resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

async function bundleContentScript(name: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      target: 'chrome120',
      minify: true,
      lib: {
        entry: join(ROOT, 'src/content/entries', `${name}.ts`),
        formats: ['iife'],
        fileName: () => `${name}.js`,
        name: 'chatgptt',
      },
    },
  })) as Rollup.RollupOutput[];
  const chunk = output[0]?.output.find((item) => item.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no chunk');
  return chunk.code;
}

describe('the readable-page script (injected only on "Summarize this page")', () => {
  it('stays small with the video path: Readability (~37 KB) plus the caption reader, ≤ 48 KB', async () => {
    const code = await bundleContentScript('readable-page');
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(48 * 1024);
    expect(code).toMatch(/ytInitialPlayerResponse/);
    expect(code).not.toMatch(/preact|webextension-polyfill|__PREACT/i);
  }, 30_000);
});

describe('the resident selection-button script', () => {
  it('is at most 4 KB minified and carries no framework or polyfill', async () => {
    const code = await bundleContentScript('selection-button');
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(4096);
    expect(code).not.toMatch(/preact|webextension-polyfill|__PREACT/i);
  }, 30_000);

  it('leaves the toolbar itself to the first use: a separate script, still small and framework-free', async () => {
    const resident = await bundleContentScript('selection-button');
    const toolbar = await bundleContentScript('selection-toolbar');
    // The resident part carries none of the toolbar (its buttons, their checks).
    expect(resident).not.toMatch(/elementFromPoint|attachShadow|IntersectionObserver/);
    expect(toolbar).toMatch(/elementFromPoint/);
    expect(Buffer.byteLength(toolbar)).toBeLessThanOrEqual(8192);
    expect(toolbar).not.toMatch(/preact|webextension-polyfill|__PREACT/i);
  }, 30_000);
});

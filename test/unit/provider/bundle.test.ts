/**
 * The provider goes into the extension's service worker: bundled for the browser it must pull
 * in no Node module (undici is loaded only by a runtime specifier, only when `proxy` is set).
 */
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { expect, it } from 'vitest';

it('bundles for the browser without any Node module', async () => {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      lib: {
        entry: resolve(import.meta.dirname, '../../../src/provider/index.ts'),
        formats: ['es'],
        fileName: 'provider',
      },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  expect(chunks).toHaveLength(1);
  const code = chunks[0]?.code ?? '';
  expect(chunks[0]?.imports).toEqual([]);
  expect(chunks[0]?.dynamicImports).toEqual([]);
  expect(code).not.toMatch(/from ["']node:|require\(|\bprocess\.|\bBuffer\b/);
  expect(code).toContain('class ChatGptt');
}, 60_000);

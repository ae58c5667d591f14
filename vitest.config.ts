import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const BROWSER = resolve(import.meta.dirname, 'src/shared/browser.ts');
const FAKE_BROWSER = resolve(import.meta.dirname, 'test/unit/browser-module.ts');

/**
 * Unit tests get the in-memory fake wherever code imports src/shared/browser (by any relative
 * path): the import is judged by the file it resolves to, so no test repeats a vi.mock for it.
 */
function fakeBrowser(): Plugin {
  return {
    name: 'chatgptt-fake-browser',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/(^|\/)browser(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === BROWSER ? FAKE_BROWSER : null;
    },
  };
}

export default defineConfig({
  plugins: [preact()],
  test: {
    // A temp folder per run, checked for leftovers at the end (test/temp-check.ts).
    globalSetup: ['test/temp-check.ts'],
    projects: [
      {
        extends: true,
        plugins: [fakeBrowser()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // A real browser on a shared 2-core machine: a UI state can take seconds to settle under
          // load. Polls wait for a state, so a longer limit only slows down a real failure.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

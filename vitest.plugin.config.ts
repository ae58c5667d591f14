/**
 * The real-plugin tier (`npm run test:plugin`): tests against real WordPress + the real AI Power
 * plugin. Kept out of vitest.config.ts on purpose, so the plain `vitest run` of `npm test` never
 * picks these up: they need the sites scripts/test-plugin.ts stands up (or PLUGIN_SITE_*).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/plugin/**/*.test.ts'],
    environment: 'node',
    // One WordPress on a shared machine, and a nonce rotation touches every test of its site.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 15_000 } },
  },
});

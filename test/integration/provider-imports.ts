/** Re-exports for the integration tests (the public API and the test site's types). */
export * from '../../src/provider';
export type { SiteGeneration } from '../site/server';

/**
 * What `src/shared/browser` is in the unit project (vitest.config.ts aliases it here): one
 * in-memory fake per test file, instead of webextension-polyfill, which refuses to load
 * outside an extension. A test that needs to look at or steer it imports `fakeBrowser`, and
 * `resetFakeBrowser()` (in a beforeEach) for a fresh one per test.
 */
// Only the type: the package itself refuses to load outside an extension.
// eslint-disable-next-line no-restricted-imports
import type { Browser } from 'webextension-polyfill';
import { createFakeBrowser } from './fake-browser';

export const fakeBrowser = createFakeBrowser();

/** A fresh state in the same object (the code under test keeps its reference to `browser`). */
export function resetFakeBrowser(): void {
  Object.assign(fakeBrowser, createFakeBrowser());
}
// The fake covers the part of the API the unit-tested code calls, not all of Browser.
export const browser = fakeBrowser as unknown as Browser;
export default browser;

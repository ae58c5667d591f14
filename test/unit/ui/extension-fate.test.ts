/**
 * extension-fate.ts: a removed extension's sidebar frame may never get an answer from
 * getRegistrations; the fate must still be decided by the deadline, so the notice shows.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extensionFate, recordExtensionWorker } from '../../../src/ui/extension-fate';

const original = { active: { id: 'first' } };

function stubServiceWorker(getRegistrations: () => Promise<unknown[]>): void {
  vi.stubGlobal('navigator', {
    serviceWorker: {
      getRegistration: async () => original,
      getRegistrations,
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('extensionFate', () => {
  it('says "gone" at the deadline when getRegistrations never answers', async () => {
    stubServiceWorker(() => new Promise(() => undefined));
    recordExtensionWorker();
    await new Promise((resolve) => setTimeout(resolve, 0));
    vi.useFakeTimers();
    const fate = extensionFate(1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(fate).resolves.toBe('gone');
  });

  it('says "updated" when another worker is registered', async () => {
    stubServiceWorker(async () => [{ active: { id: 'new' } }]);
    recordExtensionWorker();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(extensionFate(1_000)).resolves.toBe('updated');
  });
});

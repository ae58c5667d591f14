import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { holdWorkerAlive } from '../../../src/background/turns/keep-alive';
import { fakeBrowser } from '../browser-module';

const getPlatformInfo = fakeBrowser.runtime.getPlatformInfo;

describe('keeping the worker alive during turns', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    getPlatformInfo.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('calls an extension API every 20 s while at least one turn holds it', async () => {
    const releaseA = holdWorkerAlive();
    const releaseB = holdWorkerAlive();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(getPlatformInfo).toHaveBeenCalledTimes(1);
    releaseA();
    releaseA(); // releasing twice counts once
    await vi.advanceTimersByTimeAsync(20_000);
    expect(getPlatformInfo).toHaveBeenCalledTimes(2);
    releaseB();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(getPlatformInfo).toHaveBeenCalledTimes(2);
  });
});

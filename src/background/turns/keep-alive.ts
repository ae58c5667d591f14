/**
 * Keeps the service worker alive while answers are being written: Chrome stops an idle worker
 * after 30 s, and a slow site can be silent longer than that. A cheap extension API call every
 * 20 s resets the idle timer. Reference-counted: it runs while at least one turn runs.
 */
import browser from '../../shared/browser';

const INTERVAL_MS = 20_000;
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Holds the worker alive until the returned release is called (once). */
export function holdWorkerAlive(): () => void {
  holders += 1;
  timer ??= setInterval(() => {
    void browser.runtime.getPlatformInfo().catch(() => undefined);
  }, INTERVAL_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

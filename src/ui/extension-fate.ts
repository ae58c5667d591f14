/**
 * Tells an update from a switch-off for a view left behind by the extension (the in-page
 * sidebar: its frame outlives the extension in the web page). Both look the same from inside:
 * the runtime is gone, and the frame can even still load its own files. What differs is the
 * extension's service worker: an update or reload registers a new one at once, while disabling
 * or removing the extension unregisters it and registers nothing. So the view remembers the
 * worker it started with, and afterwards looks for any other.
 */
export type ExtensionFate = 'updated' | 'gone' | 'unknown';

/** The worker this view started with; undefined: not recorded (Firefox has no worker). */
let first: ServiceWorker | undefined;

/** Called once when the view starts, while the extension is still there. */
export function recordExtensionWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .getRegistration('/')
    .then((registration) => {
      first = registration?.active ?? undefined;
    })
    .catch(() => undefined);
}

/** How long a new worker may take to show up after the old one went (seen: under 0.5 s). */
const WAIT_MS = 2500;
const STEP_MS = 200;

function answeredWithin<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** After the runtime went: 'updated' if a new worker came, 'gone' if none did in time. */
export async function extensionFate(waitMs = WAIT_MS): Promise<ExtensionFate> {
  const old = first;
  if (!old) return 'unknown';
  for (const deadline = performance.now() + waitMs; ;) {
    // In a removed extension's frame the call can stay unanswered: a step without an answer
    // counts as "no new worker", so the deadline still decides (and the notice still shows).
    const registrations = await answeredWithin(
      navigator.serviceWorker.getRegistrations().catch(() => []),
      STEP_MS,
      [] as readonly ServiceWorkerRegistration[],
    );
    const fresh = registrations.some((registration) => {
      const worker = registration.active ?? registration.waiting ?? registration.installing;
      return worker !== null && worker !== old;
    });
    if (fresh) return 'updated';
    if (performance.now() >= deadline) return 'gone';
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
  }
}

/**
 * Start-up marks (issue 18): `performance.mark('cg:…')` at each step before the composer is
 * usable and the conversation shown, so the bench can report where the time goes. A mark is
 * a few microseconds and is kept only in the page's own timeline (nothing is sent anywhere).
 */
const seen = new Set<string>();

/** Marks `name` once per page (later calls, e.g. on re-render, are ignored). */
export function mark(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  performance.mark(`cg:${name}`);
}

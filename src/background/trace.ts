/**
 * Cold-start marks (issue 18): `performance.mark('cg:…')` at each step between the worker's
 * start and its first answer's first piece, so the bench (bench/sections/cold-start.ts) can say
 * where a cold first token's time goes. Each name is marked once per worker life (the first
 * turn after a start is the cold one), so a long-lived worker keeps a handful of entries, never
 * one per turn. Nothing is sent anywhere: the marks stay in the worker's own timeline.
 */
const seen = new Set<string>();

export function markOnce(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  performance.mark(`cg:${name}`);
}

/**
 * Cold-start marks (issue 18): `performance.mark('cg:…')` at each step between the worker's
 * start and an answer's first piece, so the bench (bench/sections/cold-start.ts) can say where
 * a first token's time goes, cold and warm. Nothing is sent anywhere: the marks stay in the
 * worker's own timeline, and it holds at most one entry per name, never one per turn.
 */
const seen = new Set<string>();

/** A start-up step: marked once per worker life. */
export function markOnce(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  performance.mark(`cg:${name}`);
}

/** A step of a turn: the latest turn's mark replaces the one before. */
export function markTurn(name: string): void {
  performance.clearMarks(`cg:${name}`);
  performance.mark(`cg:${name}`);
}

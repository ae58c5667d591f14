/**
 * The worker's cold-start marks (background/trace.ts): the bench reads them, and a worker that
 * answers a thousand turns must not keep a thousand entries (the memory bench's flat line).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { markOnce, markTurn } from '../../../src/background/trace';

const ours = (name: string): PerformanceEntry[] =>
  performance.getEntriesByName(`cg:${name}`, 'mark');

afterEach(() => performance.clearMarks());

describe('worker trace marks', () => {
  it('keeps one entry per turn step, the latest turn’s', () => {
    markTurn('planned');
    const first = ours('planned')[0]?.startTime ?? Number.NaN;
    for (let turn = 0; turn < 1000; turn++) markTurn('planned');
    const kept = ours('planned');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.startTime).toBeGreaterThanOrEqual(first);
  });

  it('marks a start-up step once per worker life', () => {
    markOnce('bundle-test');
    markOnce('bundle-test');
    expect(ours('bundle-test')).toHaveLength(1);
  });
});

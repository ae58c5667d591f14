/** Benchmarks 3–7 in real Chromium (wired as the extension's pieces land). */
import type { Section } from '../lib/report';

export async function extensionBenchmarks(_options: { quick: boolean }): Promise<Section[]> {
  throw new Error('the extension benchmarks are not wired yet');
}

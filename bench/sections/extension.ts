/**
 * Benchmarks 3–7 in real Chromium: one build, one browser, one local site; each benchmark
 * isolated so a missing piece makes one "not measured" row, not a failed run.
 */
import type { ExtensionHarness } from '../../test/e2e/harness';
import { buildExtension, launch } from '../lib/extension';
import type { Section } from '../lib/report';
import { loadSite, type TestSite } from '../lib/site';

interface Part {
  id: string;
  title: string;
  run(harness: ExtensionHarness, site: TestSite): Promise<Section>;
}

export async function extensionBenchmarks(options: {
  quick: boolean;
  only?: string[];
}): Promise<Section[]> {
  const parts: Part[] = [
    {
      id: 'render',
      title: '3. Rendering a streamed answer in the popup (real Chromium)',
      run: async (h) =>
        (await import('./render')).renderBenchmark(h, {
          budgets: options.quick
            ? { incremental: 15_000, naive: 15_000 }
            : { incremental: 120_000, naive: 120_000 },
          naiveSampleEvery: options.quick ? 40 : 8,
        }),
    },
    {
      id: 'page',
      title: '4. Page cost',
      run: async (h, site) =>
        (await import('./page-cost')).pageCost(h, site, { runs: options.quick ? 3 : 6 }),
    },
    {
      id: 'popup',
      title: '5. Popup',
      run: async (h, site) =>
        (await import('./popup')).popupBenchmark(h, site, { runs: options.quick ? 5 : 12 }),
    },
    {
      id: 'history',
      title: '6. History at scale',
      run: async (h, site) =>
        (await import('./history')).historyBenchmark(h, site, {
          conversations: options.quick ? 1000 : 10_000,
          runs: options.quick ? 5 : 15,
        }),
    },
    {
      id: 'cold',
      title: '7b. First token, cold worker vs warm',
      run: async (h, site) =>
        (await import('./cold-start')).coldStartBenchmark(h, site, {
          runs: options.quick ? 3 : 8,
        }),
    },
    {
      id: 'long',
      title: '8b. A 500-message conversation',
      run: async (h, site) =>
        (await import('./long-conversation')).longConversationBenchmark(h, site, {
          runs: options.quick ? 1 : 2,
        }),
    },
    {
      id: 'memory',
      title: '7. Memory after 100 and 1,000 turns',
      run: async (h, site) =>
        (await import('./memory')).memoryBenchmark(h, site, {
          turns: options.quick ? 20 : 100,
          soak: options.quick ? 200 : 1000,
        }),
    },
  ];
  const startSite = await loadSite();
  const site = await startSite({});
  const dir = buildExtension();
  const sections: Section[] = [];
  let harness: ExtensionHarness | undefined;
  try {
    harness = await launch(dir);
    for (const part of parts) {
      if (options.only && !options.only.includes(part.id)) continue;
      const started = Date.now();
      try {
        sections.push(await part.run(harness, site));
      } catch (error) {
        const reason =
          error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
        sections.push({ id: part.id, title: part.title, rows: [], skipped: reason });
      }
      console.log(`    ${part.title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await harness?.close();
    await site.close();
  }
  return sections;
}

/**
 * Benchmark 5: the popup. JavaScript it loads at opening (raw and gzipped, from the built
 * extension, following static imports; lazily imported code such as highlight languages is
 * reported apart), and the time from navigation start to a ready composer (the "Message" box
 * present and enabled), measured in the page's own clock.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { askInPopup, fileSizes, request } from '../lib/chat';
import { BENCH_EXTENSION, ROOT, setSettings } from '../lib/extension';
import type { Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { round, summarize } from '../lib/stats';

const STATIC_IMPORT = /(?:import|export)\s*(?:[^'"`()]*?\sfrom\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

/** The JS files a page loads up front, and those it may import later. */
export function pageScripts(
  extensionDir: string,
  htmlPath: string,
): { eager: string[]; lazy: string[] } {
  const html = readFileSync(join(extensionDir, htmlPath), 'utf8');
  const roots = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) =>
    m[1]?.startsWith('/')
      ? join(extensionDir, m[1])
      : resolve(dirname(join(extensionDir, htmlPath)), m[1] ?? ''),
  );
  const eager = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string, set: Set<string>): void => {
    if (eager.has(file) || set.has(file)) return;
    set.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolve(dirname(file), m[1] ?? ''), set);
    for (const m of code.matchAll(DYNAMIC_IMPORT)) {
      const target = resolve(dirname(file), m[1] ?? '');
      if (!eager.has(target)) visit(target, lazy);
    }
  };
  for (const root of roots) visit(root, eager);
  for (const file of eager) lazy.delete(file);
  return { eager: [...eager], lazy: [...lazy] };
}

export async function popupBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { runs: number },
): Promise<Section> {
  const dir = resolve(ROOT, BENCH_EXTENSION);
  const scripts = pageScripts(dir, 'popup/popup.html');
  const eager = fileSizes(scripts.eager);
  const lazy = fileSizes(scripts.lazy);

  const setup = await harness.openPage('popup/popup.html');
  await setSettings(setup, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  const loaded = new Set<string>();
  setup.on('request', (r) => {
    if (r.url().endsWith('.js')) loaded.add(r.url());
  });
  await setup.reload();
  await setup.getByRole('textbox', { name: 'Message' }).waitFor();
  // A conversation to open (the popup shows the last one): the trace then covers loading it.
  if ((await request<{ id: string | null }>(setup, 'conversations/latest', {})).id === null)
    await askInPopup(setup, 'a conversation for the popup to open');
  await setup.close();

  const ready: number[] = [];
  const readyInPage: number[] = [];
  const paintedInPage: number[] = [];
  const trace: Record<string, number[]> = {};
  for (let run = 0; run < options.runs; run++) {
    const page = await harness.context.newPage();
    await page.goto(`chrome-extension://${harness.extensionId}/popup/popup.html`, {
      waitUntil: 'commit',
    });
    const handle = await page.waitForFunction(
      () => {
        const box = document.querySelector(
          'textarea[aria-label="Message"]',
        ) as HTMLTextAreaElement | null;
        return box && !box.disabled ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    ready.push(Number(await handle.jsonValue()));
    // The popup marks its first render (Preact renders synchronously: the composer is in the
    // DOM when render() returns) and the frame after it (src/popup/main.tsx).
    const seen = await page.waitForFunction(
      () => {
        const box = document.querySelector('textarea[aria-label="Message"]');
        const rendered = performance.getEntriesByName('cg:first-render')[0];
        const frame = performance.getEntriesByName('cg:first-frame')[0];
        return box && rendered && frame ? [rendered.startTime, frame.startTime] : false;
      },
      undefined,
      { timeout: 5_000 },
    );
    const [inDom, painted] = (await seen.jsonValue()) as [number, number];
    readyInPage.push(inDom);
    paintedInPage.push(painted);
    // The trace: where the time before the ready composer (and the shown conversation) went.
    await page
      .waitForFunction(
        () => performance.getEntriesByName('cg:conversation-loaded').length > 0,
        undefined,
        {
          timeout: 3_000,
        },
      )
      .catch(() => undefined);
    const marks = await page.evaluate(() => {
      const out: Record<string, number> = {};
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      if (nav) {
        out['html received'] = nav.responseEnd;
        out['DOM interactive'] = nav.domInteractive;
      }
      const scripts = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => (e as PerformanceResourceTiming).responseEnd);
      if (scripts.length) out['initial JS received'] = Math.max(...scripts);
      for (const m of performance.getEntriesByType('mark'))
        if (m.name.startsWith('cg:')) out[m.name.slice(3)] = m.startTime;
      return out;
    });
    for (const [name, at] of Object.entries(marks)) (trace[name] ??= []).push(at);
    await page.close();
  }
  return {
    id: 'popup',
    title: '5. Popup',
    method:
      `JS from extension/h-bench (test build, same bundle as the release build): files popup.html loads plus their static imports; ` +
      `lazy = dynamic imports (code highlighting languages). Ready = performance.now() when the "Message" box exists and is enabled (the page's own cg:first-render mark, and Playwright's rAF polling as in round 1), ` +
      `${options.runs} fresh popup pages (a tab at popup/popup.html).`,
    rows: [
      {
        metric: 'popup JS loaded at opening, raw',
        value: eager.raw / 1024,
        unit: 'KiB',
        note: `${scripts.eager.length} files; ${loaded.size} JS requests seen at opening`,
      },
      { metric: 'popup JS loaded at opening, gzipped', value: eager.gzip / 1024, unit: 'KiB' },
      {
        metric: 'lazily imported JS (highlighting), raw / gzipped',
        value: `${round(lazy.raw / 1024, 1)} / ${round(lazy.gzip / 1024, 1)} KiB`,
        unit: '',
        note: `${scripts.lazy.length} files, loaded only when a code block needs them`,
      },
      {
        metric: 'opening → ready composer (in the DOM, enabled)',
        value: summarize(readyInPage),
        unit: 'ms',
        note: 'cg:first-render: the composer is in the DOM when the synchronous render returns',
      },
      {
        metric: 'opening → the frame after the ready composer',
        value: summarize(paintedInPage),
        unit: 'ms',
      },
      {
        metric: 'opening → ready composer, seen by rAF polling from Playwright (round 1 method)',
        value: summarize(ready),
        unit: 'ms',
        note: 'includes the polling latency of Playwright injecting its check into a new page',
      },
      ...Object.entries(trace)
        .map(([name, at]) => ({ name, at: summarize(at) }))
        .sort((a, b) => a.at.median - b.at.median)
        .map(({ name, at }) => ({
          metric: `trace: ${name}`,
          value: at,
          unit: 'ms',
          note: 'since navigation start (cg:* = performance.mark in the popup, src/ui/trace.ts)',
        })),
    ],
  };
}

/**
 * Benchmark 4: what the extension costs an ordinary page. Scripts it injects (isolated worlds of
 * our extension seen by CDP, and the files registered for the page), elements and style sheets
 * it adds (live DOM against the same HTML parsed fresh), by default and with the floating
 * selection button on; then the time from the sidebar shortcut to a focused composer.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '../../test/e2e/harness';
import { fileSizes } from '../lib/chat';
import { BENCH_EXTENSION, ROOT, launch, setSettings } from '../lib/extension';
import type { Row, Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { round, summarize } from '../lib/stats';

/** Loaded into a tab only when the selection toolbar is first used (not registered). */
const TOOLBAR_FILE = 'content/selection-toolbar.js';

interface Footprint {
  isolatedWorlds: number;
  addedElements: number;
  addedStyleSheets: number;
  extensionResources: number;
}

async function footprint(
  harness: ExtensionHarness,
  url: string,
): Promise<{ page: Page; footprint: Footprint }> {
  const page = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(page);
  const worlds = new Set<string>();
  cdp.on(
    'Runtime.executionContextCreated',
    (event: {
      context: { uniqueId: string; origin: string; name: string; auxData?: { type?: string } };
    }) => {
      const c = event.context;
      if (
        c.origin.startsWith(`chrome-extension://${harness.extensionId}`) ||
        (c.auxData?.type === 'isolated' && !c.name.startsWith('__playwright'))
      )
        worlds.add(c.uniqueId);
    },
  );
  await cdp.send('Runtime.enable');
  await page.goto(url);
  await page.waitForTimeout(500);
  const dom = await page.evaluate(async (id) => {
    const fresh = new DOMParser().parseFromString(
      await (await fetch(location.href)).text(),
      'text/html',
    );
    return {
      addedElements: document.querySelectorAll('*').length - fresh.querySelectorAll('*').length,
      addedStyleSheets:
        document.styleSheets.length +
        document.adoptedStyleSheets.length -
        fresh.querySelectorAll('style, link[rel=stylesheet]').length,
      extensionResources: performance
        .getEntries()
        .filter((e) => e.name.startsWith(`chrome-extension://${id}`)).length,
    };
  }, harness.extensionId);
  await cdp.detach();
  return { page, footprint: { isolatedWorlds: worlds.size, ...dom } };
}

async function registeredFiles(harness: ExtensionHarness): Promise<string[]> {
  const worker = await harness.worker();
  return worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: {
          scripting: { getRegisteredContentScripts(): Promise<Array<{ js?: string[] }>> };
          runtime: { getManifest(): { content_scripts?: Array<{ js?: string[] }> } };
        };
      }
    ).chrome;
    const registered = await api.scripting.getRegisteredContentScripts();
    const declared = api.runtime.getManifest().content_scripts ?? [];
    return [...registered, ...declared].flatMap((s) => s.js ?? []);
  });
}

function describe(
  label: string,
  f: Footprint,
  files: string[],
  sizes: { raw: number; gzip: number },
): Row {
  return {
    metric: `bytes injected into an ordinary page, ${label}`,
    value: sizes.raw,
    unit: 'B',
    note:
      `${round(sizes.gzip, 0)} B gzipped; files: ${files.length ? files.join(', ') : 'none'}; ` +
      `isolated worlds ${f.isolatedWorlds}, elements added ${f.addedElements}, style sheets added ${f.addedStyleSheets}, extension resources fetched ${f.extensionResources}`,
  };
}

export async function pageCost(
  harness: ExtensionHarness,
  site: TestSite,
  options: { runs: number },
): Promise<Section> {
  const dir = resolve(ROOT, BENCH_EXTENSION);
  const control = await harness.openPage('options/options.html');
  await setSettings(control, {
    sites: [{ url: `${site.url}/` }],
    defaultSite: `${site.url}/`,
    selectionButton: false,
  });
  await control.waitForTimeout(300);
  const rows: Row[] = [];

  // Default settings.
  const defaultFiles = await registeredFiles(harness);
  const plain = await footprint(harness, site.pages.nonChat);
  rows.push(
    describe(
      'default settings',
      plain.footprint,
      defaultFiles,
      fileSizes(defaultFiles.map((f) => resolve(dir, f))),
    ),
  );
  await plain.page.close();

  // The floating selection button on: the worker registers its content script for all sites.
  await setSettings(control, { selectionButton: true });
  let buttonFiles: string[] = [];
  for (let i = 0; i < 50 && buttonFiles.length === 0; i++) {
    await control.waitForTimeout(100);
    buttonFiles = await registeredFiles(harness);
  }
  const withButton = await footprint(harness, site.pages.nonChat);
  const resident = fileSizes(buttonFiles.map((f) => resolve(dir, f)));
  rows.push(
    describe(
      'selection toolbar on, before any selection (resident)',
      withButton.footprint,
      buttonFiles,
      resident,
    ),
  );
  await withButton.page.close();
  // What the first fresh selection adds: the worker injects the toolbar itself then.
  const toolbar = fileSizes([resolve(dir, TOOLBAR_FILE)]);
  rows.push({
    metric:
      'bytes on an ordinary page, selection toolbar on, after its first use (resident + toolbar)',
    value: resident.raw + toolbar.raw,
    unit: 'B',
    note:
      `${round(resident.gzip + toolbar.gzip, 0)} B gzipped; the toolbar, ${TOOLBAR_FILE}, is ${toolbar.raw} B (${round(toolbar.gzip, 0)} B gzipped), ` +
      'injected by the worker at the first fresh mouse selection; sizes of the built files',
  });
  await setSettings(control, { selectionButton: false });

  // Shortcut → focused composer in the sidebar (first open on a fresh page: injection included).
  // With BENCH_SIDEBAR_BASELINE=<a built extension folder>, the same openings alternate between
  // that build and ours in one run, so a change is compared on the same noisy machine.
  const baselineDir = process.env.BENCH_SIDEBAR_BASELINE;
  const baseline = baselineDir ? await launch(baselineDir) : undefined;
  if (baseline) {
    const its = await baseline.openPage('options/options.html');
    await setSettings(its, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
    await its.close();
  }
  const ours = openings();
  const theirs = openings();
  try {
    // Twice the section's runs: a shortcut is quick, and its p95 needs the samples.
    for (let run = 0; run < options.runs * 2; run++) {
      await openSidebarOnce(harness, site.pages.nonChat, ours);
      if (baseline) await openSidebarOnce(baseline, site.pages.nonChat, theirs);
    }
  } finally {
    await baseline?.close();
  }
  await control.close();
  rows.push(...openingRows(ours, ''));
  if (baselineDir) rows.push(...openingRows(theirs, ` (baseline build ${baselineDir})`));
  return {
    id: 'page',
    title: '4. Page cost',
    method: `An ordinary page of the local site (${site.pages.nonChat}). Isolated worlds counted by CDP Runtime.executionContextCreated; elements and style sheets = live DOM minus the same HTML parsed fresh.`,
    rows,
  };
}

/** Sidebar openings measured so far: total times, the frame's steps, the runs that failed. */
interface Openings {
  times: number[];
  trace: Record<string, number[]>;
  failures: number;
}

function openings(): Openings {
  return { times: [], trace: {}, failures: 0 };
}

/** One shortcut on a fresh page of `url`, timed to the sidebar's focused composer. */
async function openSidebarOnce(
  harness: ExtensionHarness,
  url: string,
  into: Openings,
): Promise<void> {
  const page = await harness.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const worker = await harness.worker();
  const started = await worker.evaluate(async (url) => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: { query(q: object): Promise<Array<{ url?: string }>> };
          commands: { onCommand: { dispatch(n: string, t: unknown): void } };
        };
      }
    ).chrome;
    const tab = (await api.tabs.query({})).find((t) => t.url === url);
    const at = Date.now();
    api.commands.onCommand.dispatch('toggle-sidebar', tab);
    return at;
  }, page.url());
  try {
    const prefix = `chrome-extension://${harness.extensionId}/sidebar/`;
    let frame = page.frames().find((f) => f.url().startsWith(prefix));
    for (let i = 0; !frame && i < 500; i++) {
      await page.waitForTimeout(5);
      frame = page.frames().find((f) => f.url().startsWith(prefix));
    }
    if (!frame) throw new Error('no sidebar frame');
    const focused = await frame.waitForFunction(
      () =>
        document.hasFocus() && document.activeElement?.getAttribute('aria-label') === 'Message'
          ? Date.now()
          : false,
      undefined,
      { polling: 'raf', timeout: 5_000 },
    );
    into.times.push(Number(await focused.jsonValue()) - started);
    const steps = await frame.evaluate(() => {
      const out: Record<string, number> = { 'frame navigation start': performance.timeOrigin };
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      if (nav) {
        out['frame html received'] = performance.timeOrigin + nav.responseEnd;
        out['frame DOM interactive'] = performance.timeOrigin + nav.domInteractive;
      }
      for (const m of performance.getEntriesByType('mark'))
        if (m.name.startsWith('cg:')) out[m.name.slice(3)] = performance.timeOrigin + m.startTime;
      return out;
    });
    for (const [name, at] of Object.entries(steps)) (into.trace[name] ??= []).push(at - started);
  } catch {
    into.failures++;
  }
  await page.close();
}

/** The total and the trace rows (issue 18: where the time went), `suffix` naming the build. */
function openingRows(o: Openings, suffix: string): Row[] {
  return [
    {
      metric: `shortcut → focused composer in the sidebar${suffix}`,
      value: o.times.length ? summarize(o.times) : 'not reached',
      unit: 'ms',
      note: `chrome.commands.onCommand.dispatch in the worker → the sidebar's "Message" box has focus (fresh page each run, injection included)${o.failures ? `; ${o.failures} run(s) never focused within 5 s` : ''}`,
    },
    ...Object.entries(o.trace)
      .map(([name, at]) => ({ name, at: summarize(at) }))
      .sort((a, b) => a.at.median - b.at.median)
      .map(({ name, at }) => ({
        metric: `sidebar trace${suffix}: ${name}`,
        value: at,
        unit: 'ms',
        note: "since the dispatch (the frame's clock; cg:* = performance.mark in the sidebar page, src/ui/trace.ts)",
      })),
  ];
}

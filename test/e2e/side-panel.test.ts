/**
 * The browser's own side panel in real Chromium, opened by the real shortcut and the real
 * context menu (xvfb + xdotool: a dispatched event carries no user gesture, and sidePanel.open()
 * refuses to run without one). On a served real PDF, where no in-page sidebar can go, the
 * shortcut opens the panel and the shortcut closes it again (also when the second press comes
 * before the panel page has linked to the worker); the menu's "Ask ChatGptt" on a
 * selection in the PDF viewer opens it with that selection quoted, also on a stopped worker. The Appearance option moves
 * the shortcut from the in-page sidebar to the panel and back; the panel names the tab in front
 * and follows tab switches while its conversation stays. Run it with
 *   xvfb-run -a -s "-screen 0 1280x800x24" npx vitest run --project e2e test/e2e/side-panel.test.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { SCREENSHOTS, closeOnboarding } from './harness';
import {
  getSettingsRaw,
  hostCount,
  selectText,
  setSettings,
  waitForSidebar,
  waitForClosed,
} from './pages/helpers';
import { PDF_TEXT } from './pages/pdf';
import { attachPanel, panelContexts, panelWaitFor, type PanelPage } from './pages/side-panel';
import { withSite } from './fixtures/with-site';
import { canUseRealInput } from './real-input';

const TITLE = `the browser side panel from the real shortcut and menu${skipNote(!canUseRealInput, 'realKeys')}`;

const key = (keys: string): void => {
  execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether Chrome has our side panel enabled (the worker turns it off for the in-page choice). */
const panelEnabled = (sw: Worker): Promise<boolean> =>
  sw.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { sidePanel: { getOptions(o: object): Promise<{ enabled?: boolean }> } };
    };
    return (await chrome.sidePanel.getOptions({})).enabled !== false;
  });

describe.runIf(canUseRealInput)(TITLE, () => {
  const e2e = withSite({ pages: true, launch: { headless: false } });
  beforeAll(() => closeOnboarding(e2e.harness));

  async function openPdf(): Promise<Page> {
    const page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/report.pdf`);
    await page.bringToFront();
    // The viewer draws the page a moment after load.
    await sleep(2500);
    execFileSync('xdotool', ['mousemove', '1270', '790']);
    return page;
  }

  async function closePanelByShortcut(): Promise<void> {
    key('alt+shift+g');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(0);
  }

  beforeAll(async () => {
    (await e2e.harness.worker()).on('console', (m) => console.log('SW', Date.now(), m.text()));
  });
  it('a second press before the panel page has linked to the worker closes it; the next opens it', async () => {
    const page = await openPdf();
    expect(await panelContexts(e2e.sw)).toBe(0);
    // The first press is the real key (sidePanel.open() needs its gesture). The second comes 50 ms
    // after the worker got the first: too soon for the panel page to have loaded, read its window
    // and connected its port, so it finds the panel open but not linked (without the fix it
    // opened it again instead of closing it). It is the worker's real listener run by
    // onCommand.dispatch, because real presses this close together are not all delivered by
    // Chrome under xvfb (one lands on the panel while it takes focus, and no command fires).
    await e2e.sw.evaluate(() => {
      const api = (
        globalThis as unknown as {
          chrome: {
            commands: {
              onCommand: {
                addListener(l: (c: string, t: unknown) => void): void;
                removeListener(l: (c: string, t: unknown) => void): void;
                dispatch(c: string, t: unknown): void;
              };
            };
          };
        }
      ).chrome.commands.onCommand;
      const again = (command: string, tab: unknown): void => {
        api.removeListener(again);
        setTimeout(() => api.dispatch(command, tab), 50);
      };
      api.addListener(again);
    });
    key('alt+shift+g');
    await sleep(2500);
    expect(await panelContexts(e2e.sw)).toBe(0);
    // The toggle goes on from the closed state: the next press opens it again, and once its page
    // has linked, a press closes it. (A press sent the moment the panel document appears is at
    // times swallowed by Chrome under xvfb, before any listener of ours: not asserted.)
    key('alt+shift+g');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    await panelWaitFor(panel, `document.querySelector('.cg-panel-tab-title')?.textContent`);
    await panel.detach();
    await sleep(300);
    await closePanelByShortcut();
    await page.close();
  });

  it('on a PDF the shortcut opens the browser side panel, and the shortcut closes it', async () => {
    const page = await openPdf();
    expect(await panelContexts(e2e.sw)).toBe(0);
    key('alt+shift+g');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    // The strip names the PDF (the shortcut's activeTab grant shows its URL).
    const url = await panelWaitFor<string>(
      panel,
      `document.querySelector('.cg-panel-tab-url')?.textContent`,
    );
    expect(url).toBe(`${e2e.pages.url}/report.pdf`);
    await panel.detach();
    await closePanelByShortcut();
    await page.close();
  });

  it('on a PDF, “Ask ChatGptt” from the real context menu opens the panel with the selection quoted', async () => {
    const page = await openPdf();
    // Triple-click selects the line in the viewer; the native menu: … ChatGptt ▸, separator, Inspect.
    await page.mouse.click(700, 172, { clickCount: 3 });
    await sleep(300);
    await page.mouse.click(700, 172, { button: 'right' });
    await sleep(800);
    key('Up');
    key('Up');
    key('Right');
    await sleep(300);
    key('Return');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    const quoted = await panelWaitFor<string>(
      panel,
      `document.querySelector('.cg-context')?.textContent`,
    );
    expect(quoted).toContain(PDF_TEXT);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'side-panel-pdf-selection.png'), await panel.screenshot());
    await panel.detach();
    await closePanelByShortcut();
    await page.close();
  });

  it('on a stopped worker, “Ask ChatGptt” from the real context menu opens the panel with the selection quoted', async () => {
    const page = await openPdf();
    await page.mouse.click(700, 172, { clickCount: 3 });
    await sleep(300);
    await e2e.harness.stopWorker();
    await sleep(500);
    const clicked = Date.now();
    await page.mouse.click(700, 172, { button: 'right' });
    await sleep(800);
    key('Up');
    key('Up');
    key('Right');
    await sleep(300);
    key('Return');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    // The click really woke a stopped worker.
    expect(await e2e.sw.evaluate(() => performance.timeOrigin)).toBeGreaterThan(clicked);
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    const quoted = await panelWaitFor<string>(
      panel,
      `document.querySelector('.cg-context')?.textContent`,
    );
    expect(quoted).toContain(PDF_TEXT);
    await panel.detach();
    await closePanelByShortcut();
    await page.close();
  });

  it('the Appearance option moves the shortcut from the in-page sidebar to the panel and back', async () => {
    const options = await e2e.harness.openPage('options/options.html');
    const surface = options.getByLabel('Sidebar opens');
    await surface.selectOption('panel');
    await expect.poll(async () => (await getSettingsRaw(e2e.sw)).sidebarSurface).toBe('panel');
    await options.close();

    const article = await e2e.harness.context.newPage();
    await article.goto(`${e2e.pages.url}/article.html`);
    await article.bringToFront();
    execFileSync('xdotool', ['mousemove', '1270', '790']);
    const selected = await selectText(article, '#target');
    key('alt+shift+g');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    expect(await hostCount(article)).toBe(0);
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    const quoted = await panelWaitFor<string>(
      panel,
      `document.querySelector('.cg-context')?.textContent`,
    );
    expect(quoted.replace(/\s+/g, ' ')).toContain(
      selected.trim().replace(/\s+/g, ' ').slice(0, 60),
    );
    await panel.detach();
    await closePanelByShortcut();
    expect(await hostCount(article)).toBe(0);

    const back = await e2e.harness.openPage('options/options.html');
    await back.getByLabel('Sidebar opens').selectOption('page');
    await expect.poll(async () => (await getSettingsRaw(e2e.sw)).sidebarSurface).toBe('page');
    await back.close();
    await article.bringToFront();
    key('alt+shift+g');
    await waitForSidebar(article, e2e.harness.extensionId);
    expect(await panelContexts(e2e.sw)).toBe(0);
    key('alt+shift+g');
    await waitForClosed(article, e2e.harness.extensionId);
    await article.close();
  });

  it('with the panel chosen, the first press on a stopped worker opens the panel, not the in-page sidebar', async () => {
    await setSettings(e2e.sw, { sidebarSurface: 'panel' });
    const article = await e2e.harness.context.newPage();
    await article.goto(`${e2e.pages.url}/article.html`);
    await article.bringToFront();
    execFileSync('xdotool', ['mousemove', '1270', '790']);
    await e2e.sw.evaluate(() => {
      (globalThis as { warmMark?: boolean }).warmMark = true;
    });
    await e2e.harness.stopWorker();
    await sleep(500);
    const pressed = Date.now();
    key('alt+shift+g');
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    // The press really woke a stopped worker: its globals are new and it started after the press.
    expect(await e2e.sw.evaluate(() => (globalThis as { warmMark?: boolean }).warmMark)).toBe(
      undefined,
    );
    expect(await e2e.sw.evaluate(() => performance.timeOrigin)).toBeGreaterThan(pressed);
    expect(await hostCount(article)).toBe(0);
    // Closed again once its page has linked to the worker (as a user would see it first).
    const panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    await panelWaitFor(panel, `document.querySelector('.cg-panel-tab-title')?.textContent`);
    await panel.detach();
    await sleep(300);
    await closePanelByShortcut();

    // And the other way: with the in-page sidebar chosen, our panel is off (so the cold worker's
    // blind open shows nothing) and a cold press opens the in-page sidebar.
    await setSettings(e2e.sw, { sidebarSurface: 'page' });
    await expect.poll(() => panelEnabled(e2e.sw)).toBe(false);
    await e2e.harness.stopWorker();
    await sleep(500);
    const again = Date.now();
    key('alt+shift+g');
    await waitForSidebar(article, e2e.harness.extensionId);
    expect(await e2e.sw.evaluate(() => performance.timeOrigin)).toBeGreaterThan(again);
    expect(await panelContexts(e2e.sw)).toBe(0);
    key('alt+shift+g');
    await waitForClosed(article, e2e.harness.extensionId);
    await article.close();
  });

  it('the panel follows the tab in front; its conversation stays', async () => {
    const first = await e2e.harness.context.newPage();
    await first.goto(`${e2e.pages.url}/article.html`);
    const second = await e2e.harness.context.newPage();
    await second.goto(`${e2e.pages.url}/fixed.html`);
    await first.bringToFront();
    execFileSync('xdotool', ['mousemove', '1270', '790']);
    await first.evaluate(() => getSelection()?.removeAllRanges());
    const panelFor = async (): Promise<PanelPage> => {
      key('alt+shift+g');
      await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
      return attachPanel(e2e.harness.context, e2e.harness.extensionId);
    };
    // Opened from the PDF rule? No: from an article, so the surface must be the panel.
    const options = await e2e.harness.openPage('options/options.html');
    await options.getByLabel('Sidebar opens').selectOption('panel');
    await expect.poll(async () => (await getSettingsRaw(e2e.sw)).sidebarSurface).toBe('panel');
    await options.close();
    await first.bringToFront();
    const panel = await panelFor();
    const title = `document.querySelector('.cg-panel-tab-title')?.textContent`;
    expect(
      await panelWaitFor<string>(panel, `(${title} || '').includes('Lighthouses') && ${title}`),
    ).toContain('Lighthouses');
    await panel.evaluate(`(() => {
      const box = document.querySelector('textarea');
      box.value = 'Hello from the side panel';
      box.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    // Sent once the view has taken the typed text (the button enables on the next render).
    await panelWaitFor(panel, `!document.querySelector('button[type=submit]').disabled`);
    await panel.evaluate(`document.querySelector('button[type=submit]').click()`);
    const answer = `[...document.querySelectorAll('.cg-message.cg-assistant')].pop()?.getAttribute('data-status')`;
    expect(await panelWaitFor<string>(panel, `${answer} === 'done' && ${answer}`, 30_000)).toBe(
      'done',
    );
    const before = await panel.evaluate<string>(`document.querySelector('.cg-main').innerText`);
    expect(before).toContain('Hello from the side panel');

    await second.bringToFront();
    const secondTitle = await second.title();
    expect(
      await panelWaitFor<string>(panel, `${title} === ${JSON.stringify(secondTitle)} && ${title}`),
    ).toBe(secondTitle);
    const after = await panel.evaluate<string>(`document.querySelector('.cg-main').innerText`);
    expect(after).toBe(before);
    writeFileSync(join(SCREENSHOTS, 'side-panel-follows-tab.png'), await panel.screenshot());
    await first.bringToFront();
    expect(
      await panelWaitFor<string>(panel, `(${title} || '').includes('Lighthouses') && ${title}`),
    ).toContain('Lighthouses');
    await panel.detach();
    await closePanelByShortcut();
  });
});

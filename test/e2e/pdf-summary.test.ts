/**
 * "Summarize this page" on PDF tabs in real Chromium (test build: it has 127.0.0.1 access, so no
 * permission prompt shows; the click still asks, with a real gesture). The real shortcut opens
 * the browser side panel over a served PDF (no in-page sidebar can go there); the panel follows
 * the tab in front; its Summarize button fetches the PDF, pdf.js reads it in its worker (an
 * extension file), and the request reaching the test site carries the PDF's words with page
 * markers, under the PDF's own title. A PDF with no text says so and sends nothing; an HTML
 * page served as a PDF says it is not one; a PDF at an address without .pdf is known by its
 * Content-Type. Run it with
 *   xvfb-run -a -s "-screen 0 1280x800x24" npx vitest run --project e2e test/e2e/pdf-summary.test.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { SCREENSHOTS, closeOnboarding } from './harness';
import { dispatchMenu, tabOf } from './pages/helpers';
import { PAGED_PDF_TITLE, PDF_TEXT } from './pages/pdf';
import { attachPanel, panelContexts, panelWaitFor, type PanelPage } from './pages/side-panel';
import { withSite } from './fixtures/with-site';
import { canUseRealInput } from './real-input';

const TITLE = `summarize a PDF tab from the browser side panel${skipNote(!canUseRealInput, 'realKeys')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(canUseRealInput)(TITLE, () => {
  let panel: PanelPage;
  const tabs: Page[] = [];

  const e2e = withSite({ pages: true, launch: { headless: false } });
  beforeAll(() => closeOnboarding(e2e.harness));
  afterAll(async () => {
    await panel?.detach();
  });

  /** Opens `path` in a new tab in front and waits until the panel's strip names it. */
  async function front(path: string): Promise<void> {
    const page = await e2e.harness.context.newPage();
    tabs.push(page);
    await page.goto(`${e2e.pages.url}${path}`);
    await page.bringToFront();
    // The viewer draws the page a moment after load.
    await sleep(1500);
    if (panel) await stripShows(path);
  }

  const stripShows = (path: string): Promise<string> =>
    panelWaitFor<string>(
      panel,
      `document.querySelector('.cg-panel-tab-url')?.textContent === ${JSON.stringify(`${e2e.pages.url}${path}`)} && 'yes'`,
    );

  /** Presses the strip's "Summarize this page" as the user would (with a gesture). */
  const summarize = () =>
    panel.evaluate(`document.querySelector('.cg-panel-tab button').click()`, {
      userGesture: true,
    });

  const note = `document.querySelector('.cg-panel-note')?.textContent`;
  const messagesSent = (): string[] =>
    e2e.site.log
      .filter((entry) => entry.method === 'POST')
      .map((entry) => Object.values(entry.form).join('\n'))
      .filter((form) => /Page \d\]/.test(form));

  it('the shortcut opens the side panel over a PDF', async () => {
    await front('/scanned.pdf');
    execFileSync('xdotool', ['mousemove', '1270', '790']);
    execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+shift+g']);
    await expect.poll(() => panelContexts(e2e.sw), { timeout: 10_000 }).toBe(1);
    panel = await attachPanel(e2e.harness.context, e2e.harness.extensionId);
    await stripShows('/scanned.pdf');
  });

  it('a PDF without text says so plainly and sends nothing', async () => {
    e2e.site.clearLog();
    await summarize();
    const shown = await panelWaitFor<string>(
      panel,
      `(${note} || '').includes('no text') && ${note}`,
      30_000,
    );
    expect(shown).toBe(
      'This PDF has no text to read — it may be scanned images. Nothing was sent.',
    );
    await sleep(500);
    expect(e2e.site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'side-panel-pdf-no-text.png'), await panel.screenshot());
  });

  it('an HTML page served as a PDF is not read as one', async () => {
    await front('/broken.pdf');
    e2e.site.clearLog();
    await summarize();
    expect(
      await panelWaitFor<string>(panel, `(${note} || '').includes('could not') && ${note}`),
    ).toContain('could not be read as a PDF');
    expect(e2e.site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
  });

  it('a PDF with text is summarized: its words and page markers reach the site, under its title', async () => {
    await front('/harbour.pdf');
    e2e.site.clearLog();
    await summarize();
    await expect.poll(() => messagesSent().length, { timeout: 30_000 }).toBeGreaterThan(0);
    const sent = messagesSent()[0] as string;
    expect(sent).toContain('[Page 1]');
    expect(sent).toContain('The tide gauge at the north pier');
    expect(sent).toContain('[Page 2]');
    expect(sent).toContain('Second page: the lighthouse keeper');
    expect(sent).toContain('[Page 3]');
    expect(sent).toContain('Third page: repairs to the slipway');
    expect(sent).toContain('Summarize this PDF.');
    // The site's echo comes back as the answer, and the question names the PDF by its title.
    const answer = await panelWaitFor<string>(
      panel,
      `(document.querySelector('.cg-messages, main')?.textContent || '').includes('ECHO') && document.body.innerText`,
      30_000,
    );
    expect(answer).toContain('Summarize this PDF.');
    expect(answer).toContain(PAGED_PDF_TITLE);
    await sleep(800);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'side-panel-pdf-summary.png'), await panel.screenshot());
  });

  it('the menu’s “Summarize this page” for a PDF tab has the open panel read it', async () => {
    // Chrome lists no extension "page" item in its PDF viewer's menu (only selection items), so
    // the click is dispatched to the worker's real listener; with no gesture its open() of the
    // panel fails, which changes nothing: the panel is open already.
    await front('/report.pdf');
    e2e.site.clearLog();
    await dispatchMenu(
      e2e.sw,
      await tabOf(e2e.sw, tabs[tabs.length - 1] as Page),
      'chatgptt-summarize-page',
    );
    await expect.poll(() => messagesSent().length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(messagesSent()[0]).toContain(`[Page 1]\n${PDF_TEXT}`);
  });

  it('a PDF at an address without .pdf is known by its Content-Type', async () => {
    await front('/download?file=harbour');
    e2e.site.clearLog();
    await summarize();
    await expect.poll(() => messagesSent().length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(messagesSent()[0]).toContain('Second page: the lighthouse keeper');
  });
});

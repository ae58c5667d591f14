/**
 * "Summarize this page" on a PDF of a site the extension has no access to, in real Chromium
 * (headful under xvfb): the panel's button asks for that site inside the click, Chrome shows
 * its own permission dialog, and the user refuses it (Escape, as a person would; no CDP command
 * answers an extension's permission dialog — Browser.setPermission is for web permissions).
 * The panel then says plainly that it needs the permission and how to give it, and nothing is
 * sent. The site is `pdf.example` mapped to 127.0.0.1 (--host-resolver-rules): the test build's
 * own 127.0.0.1 access would grant it without a prompt. Run it with
 *   xvfb-run -a -s "-screen 0 1280x800x24" npx vitest run --project e2e test/e2e/pdf-refused.test.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { skipNote } from '../skips';
import { SCREENSHOTS, launchExtension, type ExtensionHarness } from './harness';
import { setSettings } from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';
import { attachPanel, panelContexts, panelWaitFor, type PanelPage } from './pages/side-panel';
import { canUseRealInput } from './real-input';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HOST = 'pdf.example';
const HAS_ACCESS = `chrome.permissions.contains({ origins: ['http://${HOST}/*'] })`;

describe.runIf(canUseRealInput)(
  `a PDF whose site access the user refuses${skipNote(!canUseRealInput, 'realKeys')}`,
  () => {
    let harness: ExtensionHarness;
    let pages: PagesServer;
    let site: TestSite;
    let sw: Worker;
    let panel: PanelPage;
    let pdfUrl: string;

    beforeAll(async () => {
      harness = await launchExtension({
        headless: false,
        args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
      });
      pages = await startPages();
      site = await startSite();
      sw = await harness.worker();
      for (const page of harness.context.pages())
        if (page.url().endsWith('/onboarding/onboarding.html')) await page.close();
      await setSettings(sw, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
      pdfUrl = `http://${HOST}:${new URL(pages.url).port}/harbour.pdf`;
    });
    afterAll(async () => {
      await panel?.detach();
      await harness?.close();
      await pages?.close();
      await site?.close();
    });

    const note = `document.querySelector('.cg-panel-note')?.textContent`;

    it('refused in Chrome’s own dialog: the panel says it needs the permission, nothing is sent', async () => {
      const tab = await harness.context.newPage();
      await tab.goto(pdfUrl);
      await tab.bringToFront();
      await sleep(1500);
      const granted = await sw.evaluate<boolean>(HAS_ACCESS);
      expect(granted).toBe(false);
      execFileSync('xdotool', ['mousemove', '1270', '790']);
      execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+shift+g']);
      await expect.poll(() => panelContexts(sw), { timeout: 10_000 }).toBe(1);
      panel = await attachPanel(harness.context, harness.extensionId);
      await panelWaitFor(
        panel,
        `document.querySelector('.cg-panel-tab-url')?.textContent === ${JSON.stringify(pdfUrl)} && 'yes'`,
      );
      site.clearLog();
      // The click, with a gesture: permissions.request opens Chrome's dialog and waits.
      void panel
        .evaluate(`document.querySelector('.cg-panel-tab button').click()`, { userGesture: true })
        .catch(() => undefined);
      await sleep(1500);
      mkdirSync(SCREENSHOTS, { recursive: true });
      execFileSync('import', ['-window', 'root', join(SCREENSHOTS, 'pdf-permission-dialog.png')]);
      // The dialog waits for the user (a request that failed without one would have answered
      // already): the panel still says it is reading, and nothing was fetched or sent.
      expect(await panel.evaluate(note)).toBe('Reading the PDF…');
      expect(site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
      execFileSync('xdotool', ['key', 'Escape']);
      const shown = await panelWaitFor<string>(
        panel,
        `(${note} || '').includes('permission') && ${note}`,
        15_000,
      );
      expect(shown).toBe(
        `ChatGptt needs your permission to read this PDF from ${HOST}:${new URL(pages.url).port}. Press “Summarize this page” again and choose Allow.`,
      );
      expect(await sw.evaluate<boolean>(HAS_ACCESS)).toBe(false);
      await sleep(500);
      expect(site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
      writeFileSync(join(SCREENSHOTS, 'side-panel-pdf-refused.png'), await panel.screenshot());
    }, 90_000);
  },
);

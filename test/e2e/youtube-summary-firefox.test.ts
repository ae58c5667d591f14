/**
 * "Summarize this video" in Firefox, on the YouTube-like watch page the Chromium tests use
 * (pages/youtube.ts: player data in the real shape, json3 captions from the same origin).
 *
 * With real input (xvfb + xdotool, as release-firefox.test.ts): the page is served as
 * https://www.youtube.com itself — a PAC file sends that host to a mapping proxy and on to a
 * local TLS server with a throw-away certificate (trusted through WebDriver's
 * `acceptInsecureCerts`) — so the menu's `documentUrlPatterns` match as on YouTube. A right
 * click on the page opens Firefox's own context menu; our one item there ("Summarize this
 * video", the page item hidden through menus.onShown) is its last entry, so Up + Return picks
 * it. Had both items stayed, they would sit in a "ChatGptt" submenu and Return would only open
 * it: nothing would be sent. The click's activeTab lets the worker read the captions.
 *
 * Headless too: the side panel's page, opened as a tab (BiDi cannot open the sidebar; see
 * pdf-summary-firefox.test.ts), summarizes the video in the tab in front (the test build has
 * 127.0.0.1 access): a short talk in one message, a two-hour lecture in parts whose every
 * request says "video".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { skipNote } from '../skips';
import {
  canRunFirefox,
  launchFirefoxWithExtension,
  openExtensionPage,
  sidebarFrameOf,
} from './firefox';
import { SCREENSHOTS } from './harness';
import { startMappingProxy, type MappingProxy } from './mapping-proxy';
import { startPages, type PagesServer } from './pages/server';
import { LECTURE, serveYoutube, TALK } from './pages/youtube';
import { canUseRealInput as realInput, focusFirefox } from './real-input';
import { makeCertificate } from './release-package';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000d1a5';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StorageApi {
  browser: { storage: { local: { set(items: object): Promise<void> } } };
}

/** The whole X screen (the native menu is no part of the page), for a person to look at. */
function shoot(name: string): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('import', ['-window', 'root', join(SCREENSHOTS, `${name}.png`)]);
}

describe.skipIf(!canRunFirefox)(
  `summarize a YouTube video in Firefox${skipNote(!canRunFirefox, 'firefox')}`,
  () => {
    let work: string;
    let browser: Browser;
    let pages: PagesServer;
    let site: TestSite;
    let youtube: Server;
    let proxy: MappingProxy;
    let extensionPage: Page;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'chatgptt-youtube-firefox-'));
      const tls = makeCertificate(work, 'www.youtube.com');
      youtube = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
        if (!serveYoutube(req, res)) res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => youtube.listen(0, '127.0.0.1', resolve));
      proxy = await startMappingProxy({
        'www.youtube.com:443': (youtube.address() as AddressInfo).port,
      });
      pages = await startPages();
      site = await startSite();
      ({ browser, extensionPage } = await launchFirefoxWithExtension(
        UUID,
        { 'network.proxy.type': 2, 'network.proxy.autoconfig_url': proxy.pacUrl },
        { headless: !realInput, acceptInsecureCerts: true },
      ));
      await extensionPage.evaluate(
        (url) =>
          (globalThis as unknown as StorageApi).browser.storage.local.set({
            settings: { version: 1, sites: [{ url }], defaultSite: url, language: 'en' },
          }),
        `${site.url}/`,
      );
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await proxy?.close();
      youtube?.closeAllConnections();
      await new Promise((resolve) => youtube?.close(resolve));
      await pages?.close();
      await site?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    /** Every message the extension posted to the site, each request's fields joined. */
    const posted = (): string[] =>
      site.log
        .filter((entry) => entry.method === 'POST')
        .map((entry) => Object.values(entry.form).join('\n'));

    // First, before a panel page exists (with one open the worker would route the menu to it).
    describe.runIf(realInput)(`with real input (xvfb)${skipNote(!realInput, 'realKeys')}`, () => {
      it('on https://www.youtube.com the real menu has one "Summarize this video", which summarizes it', async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 1200, height: 700 });
        await page.goto(`https://www.youtube.com/watch?v=${TALK.id}`);
        expect(await page.title()).toContain(TALK.title);
        await page.bringToFront();
        focusFirefox();
        site.clearLog();
        const { x, y } = await page.evaluate(() => {
          const box = (
            document.getElementById('description') as HTMLElement
          ).getBoundingClientRect();
          const screen = window as unknown as { mozInnerScreenX: number; mozInnerScreenY: number };
          return {
            x: Math.round(screen.mozInnerScreenX + box.left + 20),
            y: Math.round(screen.mozInnerScreenY + box.top + 5),
          };
        });
        execFileSync('xdotool', ['mousemove', String(x), String(y), 'click', '3']);
        // onShown hides the page item and redraws the open menu.
        await sleep(1000);
        shoot('firefox-youtube-menu');
        execFileSync('xdotool', ['key', 'Up']);
        await sleep(200);
        execFileSync('xdotool', ['key', 'Return']);
        const frame = await sidebarFrameOf(page, UUID);
        await expect
          .poll(() => frame.evaluate(() => document.body.innerText).catch(() => ''), {
            timeout: 30_000,
          })
          .toMatch(/ECHO\[n=\d+\]: Summarize this video\./);
        const sent = posted().join('\n');
        expect(sent).toContain(
          '[0:01] Good evening, and thank you for coming out in this weather.',
        );
        expect(sent).toContain('[12:34] The last keeper, Ingrid Holm, retired in 1987');
        expect(sent).not.toContain('Great talk!');
        await page.close();
      }, 90_000);
    });

    describe('from the side panel', () => {
      let panel: Page;
      beforeAll(async () => {
        panel = await openExtensionPage(browser, UUID, 'panel/panel.html');
      }, 30_000);

      async function summarizeTab(url: string): Promise<Page> {
        const video = await browser.newPage();
        await video.goto(url);
        await video.bringToFront();
        await panel.waitForFunction(
          (u) => document.querySelector('.cg-panel-tab-url')?.textContent === u,
          { timeout: 15_000 },
          url,
        );
        site.clearLog();
        await panel.evaluate(() =>
          (document.querySelector('.cg-panel-tab button') as HTMLButtonElement).click(),
        );
        return video;
      }

      it('a talk: its captions with timestamps, asked as a video, in one message', async () => {
        const video = await summarizeTab(`${pages.url}/watch?v=${TALK.id}`);
        await expect
          .poll(() => posted().join('\n'), { timeout: 30_000 })
          .toContain('[12:34] The last keeper, Ingrid Holm, retired in 1987');
        const sent = posted().join('\n');
        expect(sent).toContain('Summarize this video.');
        expect(sent).toContain(TALK.title);
        expect(sent).not.toContain('Subscribe for more talks');
        await video.close();
      }, 60_000);

      it('a two-hour lecture is summarized in parts, and every request says video', async () => {
        const video = await summarizeTab(`${pages.url}/watch?v=${LECTURE.id}`);
        // The final request joins the parts' summaries: it comes last.
        await expect
          .poll(() => posted().join('\n'), { timeout: 90_000, interval: 500 })
          .toContain("The video's transcript was too long for one message");
        const sent = posted();
        const parts = sent.filter((form) => form.includes("of this video's transcript."));
        expect(parts.length).toBeGreaterThan(2);
        expect(parts[0]).toMatch(/Summarize part 1 of \d+ of this video's transcript\./);
        // The parts carry the timestamps of their lines (the answer can cite them).
        expect(parts[0]).toContain('[0:00] Minute 0, line 1:');
        expect(sent.join('\n')).toContain('line 600:');
        expect(sent.join('\n')).not.toMatch(/this page|whole page/);
        // The parts fold under the final answer: "Summarized in N parts — show the parts".
        await panel.waitForFunction(() => /Summarized in \d+ parts/.test(document.body.innerText), {
          timeout: 30_000,
        });
        await sleep(500);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await panel.screenshot({ path: join(SCREENSHOTS, 'firefox-youtube-lecture-parts.png') });
        await video.close();
      }, 150_000);
    });
  },
);

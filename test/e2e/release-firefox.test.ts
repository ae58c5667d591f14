/**
 * The exact Firefox package users install (issue 15): `npm run package`'s
 * chatgptt-<v>-firefox.zip, unzipped and installed unmodified as a temporary add-on (WebDriver
 * BiDi `webExtension.install` of the folder), so only its own permissions apply —
 * `https://chatgptt.me/*`, activeTab + scripting, nothing for the pages.
 *
 * How the network is faked, since Firefox has no `--host-resolver-rules`: a PAC file (a `data:`
 * URL in `network.proxy.autoconfig_url`) sends only `chatgptt.me` and `article.example` to a
 * local proxy (mapping-proxy.ts) that connects `chatgptt.me:443` to the test site, served over TLS
 * with a certificate made here, and `article.example:<port>` to the article pages. The TLS runs
 * end to end; the certificate is trusted through WebDriver's `acceptInsecureCerts` (Firefox
 * then skips certificate checks for the session — there is no per-key trust like Chromium's
 * `--ignore-certificate-errors-spki-list`).
 *
 * What differs from a user's install: the add-on is temporary (not signed, not from AMO), its
 * internal UUID is pinned by `extensions.webextensions.uuids`, and the popup runs as a tab (BiDi
 * cannot open the toolbar popup). Nothing is granted by a pref: the chat-site permission is
 * what Firefox itself grants at install (asserted below).
 *
 * What Firefox's automation does not allow: WebDriver BiDi's key events go to the page, never to
 * a browser shortcut, it opens no native context menu, and Firefox has no
 * `commands.onCommand.dispatch` / `contextMenus.onClicked.dispatch`; so headless there is no
 * gesture and no activeTab grant. Headful under xvfb (`npm test` runs under xvfb-run), X events
 * from xdotool are real input: `xdotool key alt+shift+g` into Firefox's focused window is the
 * real shortcut, and `xdotool click 3` on the selection opens Firefox's own context menu, whose
 * last item is the add-on's "ChatGptt" submenu (keys Up, Right, Return pick "Ask ChatGptt about
 * …"); both open the in-page sidebar through the gesture's activeTab. Without a display or
 * xdotool those two tests are skipped, saying so in their title.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOSTS } from '../../scripts/manifest';
import { skipNote } from '../skips';
import { FIREFOX, launchFirefoxWithExtension, openExtensionPage, sidebarFrameOf } from './firefox';
import { SCREENSHOTS } from './harness';
import { startMappingProxy, type MappingProxy } from './mapping-proxy';
import { ARTICLE_HOST, startReleaseTier, type ReleaseTier } from './release-package';
import { canUseRealInput as realInput, focusFirefox } from './real-input';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c7e1';

const AJAX = '/wp-admin/admin-ajax.php';

const haveFirefox = existsSync(FIREFOX);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole X screen (the native menu is no part of the page), for a person to look at. */
/** The sidebar opened over `page` and quotes `text` in its context card. */
async function expectSidebarQuotes(page: Page, text: string): Promise<void> {
  const frame = await sidebarFrameOf(page, UUID);
  await expect
    .poll(() => frame.evaluate(() => document.querySelector('.cg-context')?.textContent ?? ''), {
      timeout: 15_000,
    })
    .toContain(text);
}

function shoot(name: string): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('import', ['-window', 'root', join(SCREENSHOTS, `${name}.png`)]);
}

interface PageApi {
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(options: object): Promise<Array<{ result?: unknown }>> };
}

describe.runIf(haveFirefox)(
  `the release package, unmodified, against https://chatgptt.me (Firefox)${skipNote(!haveFirefox, 'firefoxBinary')}`,
  () => {
    let tier: ReleaseTier;
    let proxy: MappingProxy;
    let browser: Browser;
    let popup: Page;
    let articleUrl: string;

    beforeAll(async () => {
      tier = await startReleaseTier('firefox');
      const { pagesPort } = tier;
      articleUrl = `http://${ARTICLE_HOST}:${pagesPort}/article.html`;
      proxy = await startMappingProxy({
        'chatgptt.me:443': tier.site.port,
        [`${ARTICLE_HOST}:${pagesPort}`]: pagesPort,
      });
      ({ browser, extensionPage: popup } = await launchFirefoxWithExtension(
        UUID,
        {
          'network.proxy.type': 2,
          'network.proxy.autoconfig_url': proxy.pacUrl,
          // The article is plain http on purpose (a host the add-on has no permission for):
          // keep Firefox from trying https first.
          'dom.security.https_first': false,
        },
        { extension: tier.extensionDir, headless: !realInput, acceptInsecureCerts: true },
      ));
    }, 180_000);
    afterAll(async () => {
      await browser?.close();
      await proxy?.close();
      await tier?.close();
    });

    it('is the package as shipped, and Firefox grants it the chat site and nothing else', async () => {
      const manifest = JSON.parse(
        readFileSync(join(tier.extensionDir, 'manifest.json'), 'utf8'),
      ) as {
        host_permissions: string[];
        optional_permissions?: string[];
        permissions: string[];
      };
      expect(manifest.host_permissions).toEqual(['https://chatgptt.me/*']);
      expect(manifest.host_permissions.some((h) => TEST_HOSTS.includes(h))).toBe(false);
      expect(manifest.permissions).not.toContain('proxy');
      expect(manifest.optional_permissions).toEqual(['proxy']);
      const granted = await popup.evaluate(() =>
        (globalThis as unknown as { browser: PageApi }).browser.permissions.getAll(),
      );
      expect(granted.origins).toEqual(['https://chatgptt.me/*']);
      expect(granted.permissions).not.toContain('proxy');
    });

    it('the popup answers from https://chatgptt.me', async () => {
      popup = await openExtensionPage(browser, UUID, 'popup/popup.html');
      const composer = await popup.waitForSelector('textarea[aria-label="Message"]');
      await composer?.type('Hello from the Firefox release');
      await composer?.press('Enter');
      const done = await popup.waitForFunction(
        () => {
          const last = [...document.querySelectorAll('.cg-message.cg-assistant')].at(-1);
          const status = last?.getAttribute('data-status');
          return status === 'done' || status === 'error'
            ? `${status}: ${last?.textContent ?? ''}`
            : false;
        },
        { timeout: 30_000 },
      );
      expect(await done.jsonValue()).toMatch(/^done: .*Hello from the Firefox release/);
      const ajax = tier.site.log.filter((e) => e.path === AJAX);
      expect(ajax.length).toBeGreaterThan(0);
      expect(ajax.every((e) => e.headers['host'] === 'chatgptt.me')).toBe(true);
      expect(proxy.seen).toContain('chatgptt.me:443');
    });

    it('refuses to touch a tab where no gesture happened', async () => {
      const article = await browser.newPage();
      await article.goto(articleUrl);
      expect(await article.title()).toContain('Lighthouses');
      const tabs = await popup.evaluate(() =>
        (globalThis as unknown as { browser: PageApi }).browser.tabs.query({}),
      );
      // No `tabs` permission and no grant: the add-on cannot even see the tab's URL.
      expect(tabs.some((t) => t.url?.includes(ARTICLE_HOST))).toBe(false);
      const refusals = await popup.evaluate(
        async (ids) => {
          const out: string[] = [];
          for (const tabId of ids) {
            try {
              await (globalThis as unknown as { browser: PageApi }).browser.scripting.executeScript(
                {
                  target: { tabId },
                  func: () => document.title,
                },
              );
              out.push('ran');
            } catch (error) {
              out.push(String(error));
            }
          }
          return out;
        },
        tabs.flatMap((t) => (t.id === undefined ? [] : [t.id])),
      );
      expect(refusals.length).toBeGreaterThan(1);
      expect(refusals).not.toContain('ran');
      expect(
        await article.evaluate(() => document.querySelectorAll('[data-chatgptt-sidebar]').length),
      ).toBe(0);
      await article.close();
    });

    describe.runIf(realInput)(`with real input (xvfb)${skipNote(!realInput, 'realKeys')}`, () => {
      it('the real shortcut opens the sidebar on a page of a host without permission, selection quoted', async () => {
        const article = await browser.newPage();
        await article.goto(articleUrl);
        const selected = await article.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('target') as HTMLElement);
          getSelection()?.removeAllRanges();
          getSelection()?.addRange(range);
          return (getSelection()?.toString() ?? '').trim();
        });
        expect(selected.length).toBeGreaterThan(20);
        await article.bringToFront();
        focusFirefox();
        execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+shift+g']);
        await expectSidebarQuotes(article, selected.slice(0, 40));
        // The press granted that tab and only that one: the probe the previous test was refused
        // now sees its URL and runs there (so that refusal was the missing grant, nothing else).
        const probe = await popup.evaluate(async (host) => {
          const api = (globalThis as unknown as { browser: PageApi }).browser;
          const tab = (await api.tabs.query({})).find((t) => t.url?.includes(host));
          if (tab?.id === undefined) return 'tab not visible';
          const [result] = await api.scripting.executeScript({
            target: { tabId: tab.id },
            func: () => document.title,
          });
          return String(result?.result);
        }, ARTICLE_HOST);
        expect(probe).toContain('Lighthouses');
        await article.close();
      });

      it('“Ask ChatGptt” from the real context menu opens the sidebar with the selection', async () => {
        const article = await browser.newPage();
        await article.goto(articleUrl);
        await article.bringToFront();
        focusFirefox();
        const { selected, x, y } = await article.evaluate(() => {
          const element = document.getElementById('lede') as HTMLElement;
          const range = document.createRange();
          range.selectNodeContents(element);
          getSelection()?.removeAllRanges();
          getSelection()?.addRange(range);
          const box = element.getBoundingClientRect();
          // Screen coordinates: xdotool clicks the X screen, not the page.
          const screen = window as unknown as {
            mozInnerScreenX: number;
            mozInnerScreenY: number;
          };
          return {
            selected: (getSelection()?.toString() ?? '').trim(),
            x: Math.round(screen.mozInnerScreenX + box.left + 40),
            y: Math.round(screen.mozInnerScreenY + box.top + 10),
          };
        });
        execFileSync('xdotool', ['mousemove', String(x), String(y), 'click', '3']);
        await sleep(800);
        shoot('release-firefox-menu');
        // The add-on's items sit in a "ChatGptt" submenu, the menu's last item; "Ask ChatGptt
        // about …" is its first.
        for (const keys of ['Up', 'Right']) {
          execFileSync('xdotool', ['key', keys]);
          await sleep(200);
        }
        shoot('release-firefox-submenu');
        execFileSync('xdotool', ['key', 'Return']);
        await expectSidebarQuotes(article, selected.slice(0, 40));
        await article.close();
      });
    });
  },
);

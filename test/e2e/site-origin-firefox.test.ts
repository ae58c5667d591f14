/**
 * The same in Firefox (declarativeNetRequest session rules, which Firefox applies to its
 * background page's requests): a popup conversation with a G5 site is answered, its AIPKit
 * step 1 carried the site's own Origin, and a web page's own request keeps its own Origin.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RequestLogEntry, type TestSite } from '../site/server';
import { canRunFirefox, launchFirefoxWithExtension, openExtensionPage } from './firefox';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4a9';
const AJAX = '/wp-admin/admin-ajax.php';

type PageBrowser = typeof globalThis & {
  browser: { storage: { local: { set(items: object): Promise<void> } } };
};

describe.skipIf(!canRunFirefox)('the chat site’s own Origin in Firefox', () => {
  let browser: Browser;
  let site: TestSite;
  let popup: Page;

  const step1 = (): RequestLogEntry[] =>
    site.log.filter((e) => e.path === AJAX && e.form['action'] === 'aipkit_cache_sse_message');

  beforeAll(async () => {
    site = await startSite({ generation: 'G5' });
    let first: Page;
    ({ browser, extensionPage: first } = await launchFirefoxWithExtension(UUID));
    await first.evaluate(
      (url) =>
        (globalThis as PageBrowser).browser.storage.local.set({
          settings: { version: 1, sites: [{ url }], defaultSite: url, fallback: false },
        }),
      `${site.url}/`,
    );
    popup = await openExtensionPage(browser, UUID, 'popup/popup.html');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('a popup conversation with a G5 site is answered with the site’s Origin on step 1', async () => {
    const composer = await popup.waitForSelector('textarea[aria-label="Message"]');
    await composer?.type('Hello from Firefox');
    await composer?.press('Enter');
    const done = await popup.waitForFunction(
      () => {
        const last = [...document.querySelectorAll('.cg-message.cg-assistant')].at(-1);
        const status = last?.getAttribute('data-status');
        return status === 'done' || status === 'error' ? (last?.textContent ?? '') : false;
      },
      { timeout: 30_000 },
    );
    expect(await done.jsonValue()).toContain('ECHO[n=2]: Hello from Firefox');
    const [cache] = step1();
    expect(cache?.status).toBe(200);
    expect(cache?.headers['origin']).toBe(site.url);
    expect(cache?.headers['referer']).toBe(`${site.url}/`);
    const stream = site.log.find((e) => e.query['action'] === 'aipkit_frontend_chat_stream');
    expect(stream?.headers['origin']).toBeUndefined();
  });

  it('a web page’s own request to the same site keeps its own Origin', async () => {
    const port = new URL(site.url).port;
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/about/`);
    site.clearLog();
    await page.evaluate(async (url) => {
      const body = new URLSearchParams({ action: 'aipkit_cache_sse_message', bot_id: '5' });
      await fetch(url, { method: 'POST', body, mode: 'no-cors' });
    }, `${site.url}${AJAX}`);
    await page.close();
    const [own] = step1();
    expect(own?.headers['origin']).toBe(`http://localhost:${port}`);
    expect(own?.status).toBe(403);
  });
});

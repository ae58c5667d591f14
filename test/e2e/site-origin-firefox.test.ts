/**
 * The same in Firefox (declarativeNetRequest session rules, which Firefox applies to its
 * background page's requests): a popup conversation with a G5 site is answered, its AIPKit
 * step 1 carried the site's own Origin, and a web page's own request keeps its own Origin.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../site/server';
import { canRunFirefox, openExtensionPage } from './firefox';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4a9';
const AJAX = '/wp-admin/admin-ajax.php';

describe.skipIf(!canRunFirefox)('the chat site’s own Origin in Firefox', () => {
  let popup: Page;

  const step1 = (): RequestLogEntry[] =>
    e2e.site.log.filter((e) => e.path === AJAX && e.form['action'] === 'aipkit_cache_sse_message');

  const e2e = withFirefoxSite({
    uuid: UUID,
    site: { generation: 'G5' },
    settings: { fallback: false },
  });
  beforeAll(async () => {
    popup = await openExtensionPage(e2e.browser, UUID, 'popup/popup.html');
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
    expect(cache?.headers['origin']).toBe(e2e.site.url);
    expect(cache?.headers['referer']).toBe(`${e2e.site.url}/`);
    const stream = e2e.site.log.find((e) => e.query['action'] === 'aipkit_frontend_chat_stream');
    expect(stream?.headers['origin']).toBeUndefined();
  });

  it('a web page’s own request to the same site keeps its own Origin', async () => {
    const port = new URL(e2e.site.url).port;
    const page = await e2e.browser.newPage();
    await page.goto(`http://localhost:${port}/about/`);
    e2e.site.clearLog();
    await page.evaluate(async (url) => {
      const body = new URLSearchParams({ action: 'aipkit_cache_sse_message', bot_id: '5' });
      await fetch(url, { method: 'POST', body, mode: 'no-cors' });
    }, `${e2e.site.url}${AJAX}`);
    await page.close();
    const [own] = step1();
    expect(own?.headers['origin']).toBe(`http://localhost:${port}`);
    expect(own?.status).toBe(403);
  });
});

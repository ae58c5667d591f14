/**
 * The worker's requests to a chat site carry that site's own Origin and the chat page as
 * Referer (declarativeNetRequest session rules, src/background/site-header-rules.ts), so an
 * AI Power ≥ 2.3 site, which refuses an embed's Origin on AIPKit step 1, answers the popup.
 * A web page's own request to the same site keeps its own Origin; the rules follow the sites
 * in the settings; and the permission the rules need adds no install warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../site/server';
import { request, useSite } from './background-driver';
import { resolveManifest } from '../../scripts/manifest';
import { ROOT, TEST_EXTENSION } from './harness';
import { withSite } from './fixtures/with-site';

const AJAX = '/wp-admin/admin-ajax.php';
const DNR = 'declarativeNetRequestWithHostAccess';

interface SessionRule {
  id: number;
  condition: { urlFilter?: string };
}

describe('the chat site’s own Origin on the worker’s requests (Chromium)', () => {
  const e2e = withSite({ site: { generation: 'G5' }, settings: { fallback: false } });
  let popup: Page;

  const step1 = (): RequestLogEntry[] =>
    e2e.site.log.filter((e) => e.path === AJAX && e.form['action'] === 'aipkit_cache_sse_message');
  const sessionRules = (): Promise<SessionRule[]> =>
    e2e.sw.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { declarativeNetRequest: { getSessionRules(): Promise<SessionRule[]> } };
        }
      ).chrome.declarativeNetRequest.getSessionRules(),
    );

  beforeAll(async () => {
    popup = await e2e.harness.openPage('popup/popup.html');
  });

  it('a popup conversation with a G5 site is answered; step 1 carried the site’s Origin', async () => {
    await popup.reload();
    const composer = popup.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello from the popup');
    await composer.press('Enter');
    const answer = popup.locator('.cg-message.cg-assistant').last();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error/);
    expect(await answer.textContent()).toContain('ECHO[n=2]: Hello from the popup');
    expect(await answer.getAttribute('data-status')).toBe('done');

    const [cache] = step1();
    expect(cache?.status).toBe(200);
    expect(cache?.headers['origin']).toBe(e2e.site.url);
    expect(cache?.headers['referer']).toBe(`${e2e.site.url}/`);
    // The stream (a GET) carries no Origin, as a page's same-origin GET does not.
    const stream = e2e.site.log.find((e) => e.query['action'] === 'aipkit_frontend_chat_stream');
    expect(stream?.headers['origin']).toBeUndefined();
    expect(stream?.headers['referer']).toBe(`${e2e.site.url}/`);
  });

  it('the options check of a G5 site passes', async () => {
    const result = await request(popup, 'site/selfTest', { url: `${e2e.site.url}/` });
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a web page’s own request to the same site keeps its own Origin (and is refused)', async () => {
    // localhost is another host than the site's 127.0.0.1: for the plugin, an embed.
    const port = new URL(e2e.site.url).port;
    const page = await e2e.harness.context.newPage();
    await page.goto(`http://localhost:${port}/about/`);
    e2e.site.clearLog();
    // no-cors: the site sends no CORS headers; the request goes out all the same.
    await page.evaluate(async (url) => {
      const body = new URLSearchParams({ action: 'aipkit_cache_sse_message', bot_id: '5' });
      await fetch(url, { method: 'POST', body, mode: 'no-cors' });
    }, `${e2e.site.url}${AJAX}`);
    await page.close();
    const [own] = step1();
    expect(own?.headers['origin']).toBe(`http://localhost:${port}`);
    // Its own Referer too: cut to its origin by the default policy for a cross-origin request.
    expect(own?.headers['referer']).toBe(`http://localhost:${port}/`);
    expect(own?.status).toBe(403);
  });

  it('the rules follow the sites in the settings', async () => {
    const other = 'http://127.0.0.1:1/other/';
    await useSite(popup, `${e2e.site.url}/`, {
      sites: [{ url: `${e2e.site.url}/` }, { url: other }],
    });
    await expect
      .poll(async () => (await sessionRules()).map((r) => r.condition.urlFilter))
      .toEqual([
        `|${e2e.site.url}/`,
        `|${e2e.site.url}/`,
        '|http://127.0.0.1:1/',
        '|http://127.0.0.1:1/',
      ]);
    await useSite(popup, `${e2e.site.url}/`);
    await expect.poll(async () => (await sessionRules()).length).toBe(2);
    // A fresh worker sets them from the settings: cleared here, they come back (once).
    await e2e.sw.evaluate(async () => {
      const dnr = (
        globalThis as unknown as {
          chrome: {
            declarativeNetRequest: {
              getSessionRules(): Promise<Array<{ id: number }>>;
              updateSessionRules(u: { removeRuleIds: number[] }): Promise<void>;
            };
          };
        }
      ).chrome.declarativeNetRequest;
      const ids = (await dnr.getSessionRules()).map((r) => r.id);
      await dnr.updateSessionRules({ removeRuleIds: ids });
    });
    expect(await sessionRules()).toEqual([]);
    await e2e.harness.stopWorker();
    expect(await request(popup, 'ping', {})).toMatchObject({ version: expect.any(String) });
    await expect.poll(async () => (await sessionRules()).map((r) => r.id)).toEqual([1, 2]);
  });

  it(`${DNR} adds no install warning (test and release manifests)`, async () => {
    const built = JSON.parse(readFileSync(join(TEST_EXTENSION, 'manifest.json'), 'utf8')) as {
      permissions: string[];
    };
    const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const release = resolveManifest(source, 'chrome') as typeof built;
    const warnings = (json: string): Promise<string[]> =>
      popup.evaluate(
        (m) =>
          new Promise<string[]>((resolve, reject) =>
            (
              globalThis as unknown as {
                chrome: {
                  runtime: { lastError?: { message: string } };
                  management: {
                    getPermissionWarningsByManifest(m: string, cb: (w: string[]) => void): void;
                  };
                };
              }
            ).chrome.management.getPermissionWarningsByManifest(m, (w) => {
              const error = (
                globalThis as unknown as {
                  chrome: { runtime: { lastError?: { message: string } } };
                }
              ).chrome.runtime.lastError;
              if (error) reject(new Error(error.message));
              else resolve(w);
            }),
          ),
        json,
      );
    for (const manifest of [built, release]) {
      expect(manifest.permissions).toContain(DNR);
      const variant = (drop: string[], add: string[] = []): string =>
        JSON.stringify({
          ...manifest,
          permissions: [...manifest.permissions.filter((p) => !drop.includes(p)), ...add],
        });
      // With and without `proxy` (which alone warns about all sites today, issue 15).
      expect(await warnings(variant([]))).toEqual(await warnings(variant([DNR])));
      const noProxy = await warnings(variant(['proxy']));
      expect(noProxy).toEqual(await warnings(variant(['proxy', DNR])));
      expect(noProxy.join('\n')).not.toMatch(/all websites|block/i);
      // The check can see an added warning: plain declarativeNetRequest adds one.
      expect(await warnings(variant(['proxy', DNR], ['declarativeNetRequest']))).not.toEqual(
        noProxy,
      );
    }
    expect(
      await warnings(
        JSON.stringify({
          ...release,
          permissions: release.permissions.filter((p) => p !== 'proxy'),
        }),
      ),
    ).toEqual(['Read and change your data on chatgptt.me']);
  });
});

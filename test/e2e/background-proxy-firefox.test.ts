/**
 * "Route the chat site through a proxy" in Firefox, where `proxy` is an optional permission and
 * the worker uses a proxy.onRequest listener limited to the chat sites' URLs. The user's path:
 * type the proxy in the options page and tick the box (a real click, so Firefox lets the page
 * ask for the permission; prompts are answered yes by a test pref). Then a turn goes through a
 * local proxy that counts requests, a page of another host stays direct, and unticking stops it.
 *
 * Firefox never proxies loopback hosts unless `network.proxy.allow_hijacking_localhost` is set;
 * the chat site is 127.0.0.1 here and "another host" is localhost, both under that pref.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/shared/messages';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { canRunFirefox, openExtensionPage, sendTurn } from './firefox';
import { skipNote } from '../skips';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4a9';

interface PageApi {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
    };
  };
  permissions: { contains(p: object): Promise<boolean> };
}

const TITLE = `the chat-site proxy in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  let proxy: CountingProxy;
  let options: Page;

  /** One turn through the worker, from the options page; resolves with the last event. */
  const turn = async (text: string): Promise<WatchEvent | undefined> =>
    (await sendTurn(options, text)).at(-1);

  const storedProxy = (): Promise<unknown> =>
    options.evaluate(async () => {
      const stored = await (
        globalThis as unknown as { browser: PageApi }
      ).browser.storage.local.get('settings');
      return (stored.settings as { proxy?: unknown } | undefined)?.proxy;
    });

  const e2e = withFirefoxSite({
    uuid: UUID,
    prefs: {
      'extensions.webextOptionalPermissionPrompts': false,
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  beforeAll(async () => {
    proxy = await startCountingProxy();
    options = await openExtensionPage(e2e.browser, UUID, 'options/options.html');
    await options.waitForSelector('::-p-aria([name="Host"][role="textbox"])', { timeout: 15_000 });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('asks for the permission when turned on, sends only the chat site through it, and stops when off', async () => {
    // Direct before the proxy is on.
    expect(await turn('Direct hello')).toMatchObject({
      type: 'finished',
      message: { status: 'done' },
    });
    expect(proxy.counts.get('127.0.0.1') ?? 0).toBe(0);
    expect(
      await options.evaluate(() =>
        (globalThis as unknown as { browser: PageApi }).browser.permissions.contains({
          permissions: ['proxy'],
        }),
      ),
    ).toBe(false);

    await options.locator('::-p-aria([name="Host"][role="textbox"])').fill('127.0.0.1');
    // What Puppeteer's fill does to the port, with its gap made wide: the old text is cleared
    // without an input event, the focus moves (the host is left, so it saves and the page
    // re-renders), then the digits are typed. The page used to write its stale draft (8080)
    // back into the field at that re-render, so 8080 was saved: 2 runs in 4 when the gap was
    // only Puppeteer's own.
    const port = await options.waitForSelector('::-p-aria([name="Port"][role="spinbutton"])');
    await port?.evaluate((field) => {
      (field as HTMLInputElement).value = '';
    });
    await port?.focus();
    await expect
      .poll(async () => ((await storedProxy()) as { host?: string } | undefined)?.host)
      .toBe('127.0.0.1');
    await new Promise((settled) => setTimeout(settled, 300));
    await port?.type(String(proxy.port));
    await options
      .locator('::-p-aria([name="Use this proxy for the chat sites"][role="checkbox"])')
      .click();
    await expect
      .poll(storedProxy)
      .toEqual({ enabled: true, scheme: 'http', host: '127.0.0.1', port: proxy.port });
    expect(
      await options.evaluate(() =>
        (globalThis as unknown as { browser: PageApi }).browser.permissions.contains({
          permissions: ['proxy'],
        }),
      ),
    ).toBe(true);

    await expect
      .poll(async () => {
        const before = proxy.counts.get('127.0.0.1') ?? 0;
        const last = await turn('Through the proxy');
        return last?.type === 'finished' && (proxy.counts.get('127.0.0.1') ?? 0) > before;
      })
      .toBe(true);

    // Another host of the same server, loaded in a tab, stays direct.
    const other = await e2e.browser.newPage();
    const response = await other.goto(`http://localhost:${new URL(e2e.site.url).port}/about/`);
    expect(response?.ok()).toBe(true);
    expect(proxy.counts.get('localhost') ?? 0).toBe(0);
    await other.close();

    // Off: the listener is gone and the permission given back.
    await options
      .locator('::-p-aria([name="Use this proxy for the chat sites"][role="checkbox"])')
      .click();
    await expect
      .poll(async () => ((await storedProxy()) as { enabled: boolean }).enabled)
      .toBe(false);
    await expect
      .poll(() =>
        options.evaluate(() =>
          (globalThis as unknown as { browser: PageApi }).browser.permissions.contains({
            permissions: ['proxy'],
          }),
        ),
      )
      .toBe(false);
    const through = proxy.counts.get('127.0.0.1') ?? 0;
    expect(await turn('Off again')).toMatchObject({
      type: 'finished',
      message: { status: 'done' },
    });
    expect(proxy.counts.get('127.0.0.1') ?? 0).toBe(through);
  });
});

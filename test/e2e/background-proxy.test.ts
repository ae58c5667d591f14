/**
 * "Route the chat site through a proxy" in real Chromium: with the setting on, the worker's
 * requests to the chat site go through a local HTTP proxy that counts them, while other
 * traffic of the browser stays direct; with it off, nothing goes through the proxy.
 *
 * Chromium never proxies loopback hosts (127.0.0.1, localhost), so the chat site is reached
 * under a made-up name mapped to 127.0.0.1 (--host-resolver-rules), and this test builds a copy
 * of the test extension with host access to that name.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { request, runTurn, useSite } from './background-driver';
import { startCountingProxy, type CountingProxy } from './counting-proxy';
import { TEST_EXTENSION_PROXY, launchExtension, type ExtensionHarness } from './harness';

const CHAT_HOST = 'chat.proxytest';
const OTHER_HOST = 'other.proxytest';

describe('the chat-site proxy in Chromium', () => {
  let site: TestSite;
  let proxy: CountingProxy;
  let extensionDir: string;
  let harness: ExtensionHarness;
  let sw: Worker;
  let page: Page;
  let chatUrl: string;

  async function proxyMode(): Promise<string | undefined> {
    return sw.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          chrome: {
            proxy: { settings: { get(d: object): Promise<{ value: { mode?: string } }> } };
          };
        }
      ).chrome;
      return (await api.proxy.settings.get({ incognito: false })).value.mode;
    });
  }

  beforeAll(async () => {
    site = await startSite();
    proxy = await startCountingProxy();
    const port = new URL(site.url).port;
    chatUrl = `http://${CHAT_HOST}:${port}/`;
    extensionDir = mkdtempSync(join(tmpdir(), 'chatgptt-proxy-ext-'));
    cpSync(TEST_EXTENSION_PROXY, extensionDir, { recursive: true });
    const manifestPath = join(extensionDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      host_permissions: string[];
    };
    manifest.host_permissions.push(`http://${CHAT_HOST}/*`);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    harness = await launchExtension({
      extensionDir,
      args: [`--host-resolver-rules=MAP ${CHAT_HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`],
    });
    sw = await harness.worker();
    page = await harness.openPage('popup/popup.html');
  });
  afterAll(async () => {
    await harness?.close();
    await proxy?.close();
    await site?.close();
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  it('sends the chat site through the proxy and other traffic direct; off means off', async () => {
    // Without the proxy setting: reachable directly, nothing through the proxy.
    await useSite(page, chatUrl);
    const direct = await runTurn(page, 'direct', {
      type: 'send',
      conversationId: null,
      text: 'Direct hello',
    });
    expect(direct.at(-1)).toMatchObject({ type: 'finished', message: { status: 'done' } });
    expect(proxy.counts.get(CHAT_HOST) ?? 0).toBe(0);

    await useSite(page, chatUrl, {
      proxy: { enabled: true, scheme: 'http', host: '127.0.0.1', port: proxy.port },
    });
    await expect.poll(proxyMode).toBe('pac_script');
    const proxied = await runTurn(page, 'proxied', {
      type: 'send',
      conversationId: null,
      text: 'Through the proxy',
    });
    const finished = proxied.at(-1);
    expect(finished).toMatchObject({ type: 'finished', message: { status: 'done' } });
    expect(finished?.type === 'finished' && finished.message.text).toContain('Through the proxy');
    const throughProxy = proxy.counts.get(CHAT_HOST) ?? 0;
    expect(throughProxy).toBeGreaterThan(0);

    // Other traffic of the browser, to another host of the same server, stays direct.
    const other = await harness.context.newPage();
    const response = await other.goto(`http://${OTHER_HOST}:${new URL(site.url).port}/about/`);
    expect(response?.ok()).toBe(true);
    expect(proxy.counts.get(OTHER_HOST) ?? 0).toBe(0);
    await other.close();

    // Turned off: the PAC script is gone and the site is reached directly again.
    await useSite(page, chatUrl, {
      proxy: { enabled: false, scheme: 'http', host: '127.0.0.1', port: proxy.port },
    });
    await expect.poll(proxyMode).not.toBe('pac_script');
    const after = await runTurn(page, 'after', { type: 'send', conversationId: null, text: 'Off' });
    expect(after.at(-1)).toMatchObject({ type: 'finished', message: { status: 'done' } });
    expect(proxy.counts.get(CHAT_HOST) ?? 0).toBe(throughProxy);
    expect(await request(page, 'ping', {})).toMatchObject({ version: expect.any(String) });
  });
});

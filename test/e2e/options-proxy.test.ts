/**
 * The options page's proxy section in real Chromium. In the proxy package (test build of
 * chrome-proxy): a port outside 1–65535 or a malformed host is an inline error and the proxy
 * does not turn on; good fields typed and ticked at once turn it on with exactly those values.
 * In the default package (no `proxy` permission): the section says how to get a proxy instead.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_EXTENSION_PROXY, launchExtension, type ExtensionHarness } from './harness';
import { getSettingsRaw } from './pages/helpers';

type Proxy = { enabled: boolean; scheme: string; host: string; port: number };

describe('options: the proxy form (proxy package)', () => {
  let harness: ExtensionHarness;
  let sw: Worker;
  let options: Page;
  const proxyOf = async (): Promise<Proxy> => (await getSettingsRaw(sw)).proxy as Proxy;

  beforeAll(async () => {
    harness = await launchExtension({ extensionDir: TEST_EXTENSION_PROXY });
    sw = await harness.worker();
    options = await harness.openPage('options/options.html');
    await options.getByRole('heading', { name: 'Proxy' }).waitFor();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const toggle = () => options.getByLabel('Use this proxy for the chat sites');
  const host = () => options.getByLabel('Host', { exact: true });
  const port = () => options.getByLabel('Port', { exact: true });
  const statuses = () => options.locator('#proxy [role="status"]').innerText();

  it('refuses to turn on without a host', async () => {
    await toggle().click();
    await expect.poll(statuses).toBe('Enter the proxy host first.');
    expect(await toggle().isChecked()).toBe(false);
  });

  it('port 99999: an inline error, not saved, and the proxy stays off', async () => {
    await host().fill('127.0.0.1');
    await port().fill('99999');
    await port().blur();
    const error = options.locator('#proxy-port-error');
    await expect
      .poll(() => error.innerText())
      .toBe('The port must be a whole number from 1 to 65535.');
    expect(await port().getAttribute('aria-invalid')).toBe('true');
    expect(await port().inputValue()).toBe('99999');
    await toggle().click();
    await expect.poll(statuses).toBe('The proxy stays off: fix the fields marked above first.');
    expect(await toggle().isChecked()).toBe(false);
    const stored = await proxyOf();
    expect(stored.enabled).toBe(false);
    expect(stored.port).toBe(8080);
    await harness.screenshot(options, 'options-proxy-invalid-port');
  });

  it('typed straight into the box (no blur), port 0 is refused as well', async () => {
    await port().fill('0');
    await toggle().click();
    await expect.poll(statuses).toBe('The proxy stays off: fix the fields marked above first.');
    expect((await proxyOf()).enabled).toBe(false);
  });

  it('a malformed host: an inline error, and the proxy stays off', async () => {
    await port().fill('1080');
    await port().blur();
    await expect.poll(() => options.locator('#proxy-port-error').count()).toBe(0);
    for (const bad of ['http://proxy.example:80', 'proxy example', '999.1.1.1', 'proxy_.example']) {
      await host().fill(bad);
      await host().blur();
      await expect
        .poll(() => options.locator('#proxy-host-error').innerText())
        .toContain('Enter a host name');
      await toggle().click();
      await expect.poll(statuses).toBe('The proxy stays off: fix the fields marked above first.');
      expect(await toggle().isChecked()).toBe(false);
      expect(await proxyOf()).toMatchObject({ enabled: false, host: '127.0.0.1' });
    }
  });

  it('good fields typed and ticked at once: on with exactly those, then off', async () => {
    await options.getByLabel('Type', { exact: true }).selectOption('socks5');
    await host().fill('proxy.example.com');
    await port().fill('1080');
    await toggle().check();
    await expect
      .poll(proxyOf)
      .toEqual({ enabled: true, scheme: 'socks5', host: 'proxy.example.com', port: 1080 });
    await expect
      .poll(() => options.locator('#proxy-host-error, #proxy-port-error').count())
      .toBe(0);
    await expect.poll(statuses).toBe('The chat now goes through socks5://proxy.example.com:1080.');
    await toggle().uncheck();
    await expect.poll(async () => (await proxyOf()).enabled).toBe(false);
  });
});

describe('options: the proxy section of the default Chrome package', () => {
  let harness: ExtensionHarness;

  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('has no proxy form; it says how to get a proxy', async () => {
    const options = await harness.openPage('options/options.html');
    const section = options.locator('#proxy');
    await section.getByRole('heading', { name: 'Proxy' }).waitFor();
    expect(await section.getByLabel('Use this proxy for the chat sites').count()).toBe(0);
    const text = await section.innerText();
    expect(text).toContain('chatgptt-<version>-chrome-proxy.zip');
    expect(text).toContain('proxy settings');
    await harness.screenshot(options, 'options-proxy-unavailable');
  });
});

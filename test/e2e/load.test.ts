import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness';

describe('the built extension in Chromium', () => {
  let harness: ExtensionHarness;
  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('loads with no manifest errors or warnings', async () => {
    const page = await harness.context.newPage();
    await page.goto('chrome://extensions');
    const info = await page.evaluate(async (id) => {
      const api = (
        globalThis as unknown as {
          chrome: {
            developerPrivate: {
              getExtensionsInfo(): Promise<
                Array<{
                  id: string;
                  installWarnings: string[];
                  manifestErrors: unknown[];
                  runtimeErrors: unknown[];
                }>
              >;
            };
          };
        }
      ).chrome.developerPrivate;
      const all = await api.getExtensionsInfo();
      return all.find((e) => e.id === id);
    }, harness.extensionId);
    expect(info).toBeDefined();
    expect(info?.installWarnings).toEqual([]);
    expect(info?.manifestErrors).toEqual([]);
    await page.close();
  });

  it('renders the popup page, which reaches the worker', async () => {
    const page = await harness.openPage('popup/popup.html');
    const pong = await page.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage({ type: 'ping', payload: {} }),
    );
    expect(pong).toMatchObject({ ok: true, value: { version: '0.1.0' } });
    await expect.poll(() => page.locator('main').getAttribute('data-status')).toContain('worker');
    await page.close();
  });
});

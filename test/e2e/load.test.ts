import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtensionInfo } from './extension-info';
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
    const info = await readExtensionInfo(harness.context, harness.extensionId);
    expect(info).toBeDefined();
    expect(info?.installWarnings).toEqual([]);
    expect(info?.manifestErrors.map((e) => e.message)).toEqual([]);
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
    // The popup renders its composer once it has heard from the worker.
    await page.getByRole('textbox', { name: 'Message' }).waitFor({ state: 'visible' });
    await page.close();
  });
});

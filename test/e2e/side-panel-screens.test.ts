/**
 * Screenshots of the side panel page (panel/panel.html, the page the browser's side panel
 * shows) at the panel's narrowest, 320 px: light, dark and Russian, with a quoted selection.
 * Checked by eye (test-results/screenshots/side-panel-*.png); asserted: nothing overflows.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness';
import { setSettings } from './pages/helpers';

describe('side panel screenshots (320 px)', () => {
  let harness: ExtensionHarness;
  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function shoot(name: string, settings: object): Promise<Page> {
    const sw = await harness.worker();
    await setSettings(sw, settings);
    await sw.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { session: { set(i: object): Promise<void> } } };
      };
      await chrome.storage.session.set({
        panelRequest: {
          id: String(Math.random()),
          tabId: 1,
          request: {
            context: {
              title: 'How Lighthouses Learned to Speak',
              url: 'https://example.org/lighthouses',
              text: 'The Fresnel lens let a small flame be seen twenty miles out at sea.',
              kind: 'selection',
            },
          },
        },
      });
    });
    const page = await harness.openPage('panel/panel.html');
    await page.setViewportSize({ width: 320, height: 640 });
    await page.locator('.cg-context').waitFor();
    await page.locator('.cg-panel-tab').waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await harness.screenshot(page, `side-panel-${name}`);
    return page;
  }

  it('light, dark and Russian', async () => {
    await (await shoot('light', { theme: 'light', language: 'en' })).close();
    await (await shoot('dark', { theme: 'dark', language: 'en' })).close();
    const ru = await shoot('ru', { theme: 'light', language: 'ru' });
    expect(await ru.locator('.cg-panel-tab button').innerText()).toBe(
      'Кратко пересказать страницу',
    );
    await ru.close();
  });
});

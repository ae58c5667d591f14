/**
 * The real toolbar popup (not the page in a tab): opened by the browser with action.openPopup,
 * reached through raw CDP because Playwright does not list popup windows (test/e2e/README.md#chromium).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRealPopup } from './cdp-target';
import { launchExtension, SCREENSHOTS, type ExtensionHarness } from './harness';

describe('the real toolbar popup', () => {
  let harness: ExtensionHarness;
  beforeAll(async () => {
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('opens at its natural size with the composer focused', async () => {
    // openPopup needs a focused normal window.
    const page = await harness.context.newPage();
    await page.goto('about:blank');
    await page.bringToFront();
    const { call, evaluate, detach } = await openRealPopup(harness);
    await expect
      .poll(() =>
        evaluate(
          `document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.tagName`,
        ),
      )
      .toMatch(/Message|TEXTAREA/);
    const size = (await evaluate('[innerWidth, innerHeight]')) as [number, number];
    expect(size[0]).toBeGreaterThanOrEqual(380);
    expect(size[1]).toBeGreaterThanOrEqual(500);

    // Header and composer both inside the window actually given (it can be shorter than 600 px).
    const inView = await evaluate(`[...document.querySelectorAll('button, textarea')]
      .filter((el) => ['New chat', 'Send'].includes(el.getAttribute('aria-label') ?? el.textContent.trim()) || el.tagName === 'TEXTAREA')
      .map((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })`);
    expect(inView).toEqual([true, true, true]);

    const shot = (await call('Page.captureScreenshot', { format: 'png' })) as {
      result?: { data?: string };
    };
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(
      join(SCREENSHOTS, 'popup-real-window.png'),
      Buffer.from(shot.result?.data ?? '', 'base64'),
    );
    await evaluate('window.close()');
    await detach();
    await page.close();
  });
});

/**
 * Screenshots of the sidebar over a realistic article, light and dark, after a quick action was
 * answered by the local test site (test-results/screenshots/sidebar-article-*.png). The
 * assertions check what the screenshots are meant to show; the pictures are for human eyes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { launchExtension } from './harness';
import {
  dispatchMenu,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForSidebar,
} from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';

describe('sidebar screenshots', () => {
  let pages: PagesServer;
  let site: TestSite;
  beforeAll(async () => {
    pages = await startPages();
    site = await startSite();
  });
  afterAll(async () => {
    await pages?.close();
    await site?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`over an article page, ${colorScheme}`, async () => {
      const harness = await launchExtension({ colorScheme });
      try {
        const sw = await harness.worker();
        await setSettings(sw, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
        const page = await harness.context.newPage();
        await page.goto(`${pages.url}/article.html`);
        await page.bringToFront();
        const selected = (await selectText(page, '#target')).trim();
        await dispatchMenu(sw, await tabOf(sw, page), 'chatgptt-action:explain', selected);
        await waitForSidebar(page, harness.extensionId);
        const frame = sidebarFrame(page, harness.extensionId);
        await expect
          .poll(() => frame?.evaluate(() => document.body.innerText), { timeout: 20_000 })
          .toContain('[model=');
        // The painted background in the middle of the frame: the first opaque one upwards.
        const background = await frame?.evaluate(() => {
          let element: Element | null = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
          while (element) {
            const color = getComputedStyle(element).backgroundColor;
            if (color !== 'rgba(0, 0, 0, 0)' && color !== 'transparent') return color;
            element = element.parentElement;
          }
          return getComputedStyle(document.documentElement).backgroundColor;
        });
        // Dark mode reaches the frame: its background is dark in dark mode and light otherwise.
        const channels = (background ?? '').match(/\d+/g)?.slice(0, 3).map(Number) ?? [];
        const mean = channels.reduce((a, b) => a + b, 0) / Math.max(1, channels.length);
        if (colorScheme === 'dark') expect(mean).toBeLessThan(100);
        else expect(mean).toBeGreaterThan(155);
        await page.evaluate(() => getSelection()?.removeAllRanges());
        await harness.screenshot(page, `sidebar-article-${colorScheme}`);
      } finally {
        await harness.close();
      }
    });
  }
});

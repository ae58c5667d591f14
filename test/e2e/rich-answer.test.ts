/**
 * A rich answer (table, math, a right-to-left paragraph and list, footnote, alert, nested lists,
 * a long code line) in the real popup and sidebar, light and dark, English and Russian UI.
 * Screenshots land in test-results/screenshots/rich-*.png for human eyes; the assertions check
 * what they must show: formulas typeset as MathML, the table scrolling in its wrapper with no
 * word split inside a cell, the Hebrew paragraph laid out right to left, code left to right.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { launchExtension, type ExtensionHarness } from './harness';
import {
  dispatchMenu,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForSidebar,
} from './pages/helpers';
import { RICH_ANSWER } from './pages/rich-answer';
import { startPages, type PagesServer } from './pages/server';

type Surface = Page | Frame;

/** What the screenshot is meant to show, measured in the real browser. */
async function checkRendering(surface: Surface): Promise<void> {
  const answer = surface.locator('.cg-message.cg-assistant').last();
  await expect.poll(() => answer.locator('math').count(), { timeout: 20_000 }).toBe(3);
  const facts = await answer.evaluate((root) => {
    const wrap = root.querySelector('.md-table-wrap') as HTMLElement;
    const cell = Array.from(root.querySelectorAll('th')).find(
      (th) => th.textContent === 'Internationalization',
    ) as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const hebrew = Array.from(root.querySelectorAll('p')).find((p) =>
      p.textContent?.startsWith('שלום'),
    ) as HTMLElement;
    const display = root.querySelector('math[display="block"]') as Element;

    return {
      scrolls: wrap.scrollWidth > wrap.clientWidth,
      cellLines: range.getClientRects().length,
      hebrew: getComputedStyle(hebrew).direction,
      hebrewList: getComputedStyle(root.querySelector('ul') as Element).direction,
      code: getComputedStyle(root.querySelector('.md-code pre') as Element).direction,
      displayHeight: display.getBoundingClientRect().height,
      prices: root.textContent?.includes('A coffee costs $5 and a book $10.'),
      footnote: !!root.querySelector('.md-fnref a[href^="#"]'),
      alert: root.querySelector('.md-alert-note .md-alert-title')?.textContent ?? '',
    };
  });
  expect(facts.scrolls).toBe(true);
  expect(facts.cellLines).toBe(1);
  expect(facts.hebrew).toBe('rtl');
  expect(facts.hebrewList).toBe('rtl');
  expect(facts.code).toBe('ltr');
  expect(facts.displayHeight).toBeGreaterThan(20);
  expect(facts.prices).toBe(true);
  expect(facts.footnote).toBe(true);
  expect(['Note', 'Примечание']).toContain(facts.alert);
}

describe('a rich answer, screenshots', () => {
  let pages: PagesServer;
  let site: TestSite;
  beforeAll(async () => {
    pages = await startPages();
    site = await startSite({ faults: { chunkDelayMs: 0 } });
    site.configure({ reply: RICH_ANSWER });
  });
  afterAll(async () => {
    await site?.configure({ reply: null });
    await pages?.close();
    await site?.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`popup and sidebar, ${colorScheme}, en and ru`, async () => {
      const harness: ExtensionHarness = await launchExtension({ colorScheme });
      try {
        const sw = await harness.worker();
        for (const language of ['en', 'ru'] as const) {
          await setSettings(sw, {
            sites: [{ url: `${site.url}/` }],
            defaultSite: `${site.url}/`,
            language,
          });
          const popup = await harness.openPage('popup/popup.html');
          await popup.setViewportSize({ width: 400, height: 600 });
          const box = popup.locator('textarea.cg-input');
          await box.waitFor();
          await popup.getByRole('button', { name: /^(New chat|Новый чат)$/ }).click();
          await box.fill('Compare languages, with a formula');
          await box.press('Enter');
          await expect
            .poll(() => popup.locator('.cg-assistant').last().locator('math').count(), {
              timeout: 20_000,
            })
            .toBe(3);
          await checkRendering(popup);
          await popup.locator('.md-table-wrap').scrollIntoViewIfNeeded();
          await harness.screenshot(popup, `rich-popup-${colorScheme}-${language}-1`);
          await popup.locator('.md-code').scrollIntoViewIfNeeded();
          await harness.screenshot(popup, `rich-popup-${colorScheme}-${language}-2`);
          await popup.close();

          const page = await harness.context.newPage();
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.goto(`${pages.url}/article.html`);
          await page.bringToFront();
          const selected = (await selectText(page, '#target')).trim();
          await dispatchMenu(sw, await tabOf(sw, page), 'chatgptt-action:explain', selected);
          await waitForSidebar(page, harness.extensionId);
          const frame = sidebarFrame(page, harness.extensionId) as Frame;
          await checkRendering(frame);
          await page.evaluate(() => getSelection()?.removeAllRanges());
          await frame.locator('.md-table-wrap').scrollIntoViewIfNeeded();
          await harness.screenshot(page, `rich-sidebar-${colorScheme}-${language}-1`);
          await frame.locator('.md-code').scrollIntoViewIfNeeded();
          await harness.screenshot(page, `rich-sidebar-${colorScheme}-${language}-2`);
          await page.close();
        }
      } finally {
        await harness.close();
      }
    });
  }
});

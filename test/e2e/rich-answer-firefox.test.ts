/**
 * The rich answer (issue 13) rendered in Firefox, in the popup page and in the in-page sidebar:
 * Temml's MathML is laid out by Firefox itself (each formula has a size, a fraction's numerator
 * sits above its denominator, a square root is drawn around its content), the Hebrew paragraph
 * and list compute `direction: rtl` while code stays left to right, and the table scrolls in
 * its wrapper without splitting a word. Screenshots: test-results/screenshots/rich-firefox-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipNote } from '../skips';
import { canRunFirefox, openExtensionPage, openSidebarFrom, sidebarFrameOf } from './firefox';
import { SCREENSHOTS } from './harness';
import { RICH_ANSWER } from './pages/rich-answer';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c7d2';

interface Box {
  width: number;
  height: number;
}

interface RichFacts {
  formulas: Box[];
  displayHeight: number;
  fractionStacked: boolean;
  rootWider: boolean;
  hebrew: string;
  hebrewList: string;
  code: string;
  tableScrolls: boolean;
  cellLines: number;
  prices: boolean;
}

/** Types `text` into the focused composer of `surface` and waits for the answer's 3 formulas. */
async function askRich(page: Page, surface: Page | Frame, text: string): Promise<void> {
  const box = await surface.waitForSelector('textarea', { timeout: 15_000 });
  await box?.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await surface.waitForFunction(
    () => {
      const answer = [...document.querySelectorAll('.cg-message.cg-assistant')].pop();
      return (
        answer?.getAttribute('data-status') === 'done' &&
        answer.querySelectorAll('math').length === 3
      );
    },
    { timeout: 30_000 },
  );
}

/** What must be true of the rendered answer, measured by Firefox's own layout. */
function richFacts(surface: Page | Frame): Promise<RichFacts> {
  return surface.evaluate(() => {
    const root = [...document.querySelectorAll('.cg-message.cg-assistant')].pop() as HTMLElement;
    const size = (element: Element): { width: number; height: number } => {
      const rect = element.getBoundingClientRect();
      return { width: rect.width, height: rect.height };
    };
    const fraction = root.querySelector('mfrac') as Element;
    const [numerator, denominator] = [...fraction.children].map((child) =>
      child.getBoundingClientRect(),
    );
    const root2 = root.querySelector('msqrt') as Element;
    const rootContent = [...root2.children].reduce(
      (width, child) => width + child.getBoundingClientRect().width,
      0,
    );
    const wrap = root.querySelector('.md-table-wrap') as HTMLElement;
    const cell = [...root.querySelectorAll('th')].find(
      (th) => th.textContent === 'Internationalization',
    ) as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(cell);
    const hebrew = [...root.querySelectorAll('p')].find((p) =>
      p.textContent?.startsWith('שלום'),
    ) as HTMLElement;
    return {
      formulas: [...root.querySelectorAll('math')].map(size),
      displayHeight: size(root.querySelector('math[display="block"]') as Element).height,
      // Laid out as MathML, not as a line of text: the numerator is above the denominator.
      fractionStacked: !!numerator && !!denominator && numerator.bottom <= denominator.top + 1,
      rootWider: root2.getBoundingClientRect().width > rootContent,
      hebrew: getComputedStyle(hebrew).direction,
      hebrewList: getComputedStyle(root.querySelector('ul') as Element).direction,
      code: getComputedStyle(root.querySelector('.md-code pre') as Element).direction,
      tableScrolls: wrap.scrollWidth > wrap.clientWidth,
      cellLines: range.getClientRects().length,
      prices: root.textContent?.includes('A coffee costs $5 and a book $10.') ?? false,
    };
  });
}

function checkFacts(facts: RichFacts): void {
  expect(facts.formulas).toHaveLength(3);
  for (const formula of facts.formulas) {
    expect(formula.width).toBeGreaterThan(10);
    expect(formula.height).toBeGreaterThan(8);
  }
  expect(facts.displayHeight).toBeGreaterThan(30);
  expect(facts.fractionStacked).toBe(true);
  expect(facts.rootWider).toBe(true);
  expect(facts.hebrew).toBe('rtl');
  expect(facts.hebrewList).toBe('rtl');
  expect(facts.code).toBe('ltr');
  expect(facts.tableScrolls).toBe(true);
  expect(facts.cellLines).toBe(1);
  expect(facts.prices).toBe(true);
}

const TITLE = `a rich answer in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  const e2e = withFirefoxSite({
    uuid: UUID,
    site: { faults: { chunkDelayMs: 0 }, reply: RICH_ANSWER },
    pages: true,
    settings: { fallback: false },
  });
  beforeAll(() => {
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  it('in the popup page: MathML laid out, RTL blocks right to left, the table scrolls', async () => {
    const popup = await openExtensionPage(e2e.browser, UUID, 'popup/popup.html');
    await popup.setViewport({ width: 400, height: 600 });
    await askRich(popup, popup, 'Compare languages, with a formula');
    checkFacts(await richFacts(popup));
    await popup.evaluate(() =>
      document.querySelector('math[display="block"]')?.scrollIntoView({ block: 'center' }),
    );
    await popup.screenshot({ path: join(SCREENSHOTS, 'rich-firefox-popup.png') });
    await popup.close();
  });

  it('in the in-page sidebar: the same', async () => {
    const page = await e2e.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const url = `${e2e.pages.url}/article.html`;
    await page.goto(url);
    const opened = await openSidebarFrom(e2e.extensionPage, url);
    expect(opened).toMatchObject({ ok: true });
    const frame = await sidebarFrameOf(page, UUID);
    await askRich(page, frame, 'Compare languages, with a formula');
    checkFacts(await richFacts(frame));
    await frame.evaluate(() =>
      document.querySelector('math[display="block"]')?.scrollIntoView({ block: 'center' }),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'rich-firefox-sidebar.png') });
    await page.close();
  });
});

/**
 * Look and feel (issue 14) in real Chromium against the local test site: the "/" menu (open,
 * filter, choose, Esc), the Ctrl+Enter send setting, ↑ to edit the last question, an input
 * method's Enter never sends, the font size in the popup and the in-page sidebar, pinned
 * conversations kept on top across reloads, Tab reaching every action of a message (shown on
 * focus), and a header that stays one line at 320 px in Russian. Screenshots of each state land
 * in test-results/screenshots/look-*.png for human eyes. The README's streaming.gif is made from
 * the look-stream-*.png frames (ImageMagick):
 *   cd test-results/screenshots && convert -delay 80 -loop 0 look-stream-[1-4].png -delay 250 \
 *     look-stream-5.png -colors 64 -layers Optimize ../../docs/screenshots/streaming.gif
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './harness';
import {
  waitForClosed,
  dispatchShortcut,
  setSettings as mergeSettings,
  tabOf,
  waitForSidebar,
  reopenPopup,
} from './pages/helpers';
import { withSite } from './fixtures/with-site';

const ANSWERS = '.cg-message.cg-assistant';

interface ChromeStorage {
  chrome: {
    storage: {
      local: {
        get(key: string): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
      };
    };
  };
}

describe('look and feel', () => {
  const e2e = withSite({
    site: { faults: { chunkDelayMs: 20 } },
    pages: true,
    settings: { fallback: false },
  });
  let page: Page;

  const setSettings = (patch: Record<string, unknown>) => mergeSettings(page, patch);

  const reopen = () => reopenPopup(page);

  const composer = () => page.getByRole('textbox', { name: 'Message' });
  const answers = () => page.locator(ANSWERS);

  async function settle(): Promise<string> {
    const answer = answers().last();
    await expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error|interrupted/);
    return (await answer.getAttribute('data-status')) ?? '';
  }

  async function ask(text: string): Promise<string> {
    const before = await answers().count();
    await composer().fill(text);
    await composer().press('Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBeGreaterThan(before);
    return settle();
  }

  async function newChat(): Promise<void> {
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => answers().count()).toBe(0);
  }

  async function axeSerious(): Promise<Array<{ id: string; impact: string; nodes: number }>> {
    await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
          };
        }
      ).axe;
      const result = await axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  beforeAll(async () => {
    page = await e2e.harness.openPage('popup/popup.html');
    await page.setViewportSize({ width: 400, height: 600 });
    await reopen();
  });

  it('empty state: the site in use and starters that fill the composer in one click', async () => {
    await page.getByText('How can I help?').waitFor();
    expect(await page.locator('.cg-empty-site').textContent()).toContain(
      new URL(e2e.site.url).host,
    );
    await e2e.harness.screenshot(page, 'look-popup-empty-en-light');
    await page.getByRole('button', { name: 'Explain…' }).click();
    await expect.poll(() => composer().inputValue()).toBe('Explain in simple words: ');
    // The cursor waits at the end for the user's words.
    await page.keyboard.type('recursion');
    expect(await composer().inputValue()).toBe('Explain in simple words: recursion');
    await composer().fill('');
  });

  it('the "/" menu: opens, filters as you type, arrows + Enter choose, Esc closes', async () => {
    await composer().fill('');
    await composer().press('/');
    const menu = page.getByRole('listbox', { name: 'Quick actions and saved prompts' });
    await menu.waitFor();
    expect(await menu.getByRole('option').count()).toBe(4);
    await e2e.harness.screenshot(page, 'look-popup-slash-menu');
    await page.keyboard.type('tr');
    await expect
      .poll(() => menu.getByRole('option').allTextContents())
      .toEqual([expect.stringContaining('Translate')]);
    // Esc closes the menu and keeps the text.
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    expect(await composer().inputValue()).toBe('/tr');
    // Typing again reopens it; ↓ moves, Enter chooses.
    await composer().fill('');
    await composer().press('/');
    await menu.waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await menu.getByRole('option', { selected: true }).textContent()).toContain('Summarize');
    await page.keyboard.press('Enter');
    await expect.poll(() => menu.count()).toBe(0);
    // Without a selection the action asks for the text: its prompt, ready for the user's words.
    await expect.poll(() => composer().inputValue()).toBe('Summarize this:\n\n');
    expect(await answers().count()).toBe(0); // chosen, not sent
    await composer().fill('');
  });

  it('an input method composing a word: Enter confirms it and never sends', async () => {
    await composer().fill('にほん');
    await composer().evaluate((el) =>
      el.dispatchEvent(new CompositionEvent('compositionstart', { data: '' })),
    );
    await composer().press('Enter');
    // keyCode 229: the key reported to the page while the IME has it.
    await composer().evaluate((el) => {
      el.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'Enter',
          keyCode: 229,
          bubbles: true,
          cancelable: true,
        }),
      );
    });
    await page.waitForTimeout(300);
    expect(await answers().count()).toBe(0);
    expect(await composer().inputValue()).toContain('にほん');
    await composer().evaluate((el) =>
      el.dispatchEvent(new CompositionEvent('compositionend', { data: 'にほん' })),
    );
    await composer().fill('にほん');
    await composer().press('Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBe(1);
    await settle();
  });

  it('↑ in an empty composer edits the last question', async () => {
    await composer().fill('');
    await composer().press('ArrowUp');
    const editor = page.getByRole('textbox', { name: 'Edit your message' });
    await editor.waitFor();
    expect(await editor.inputValue()).toBe('にほん');
    await editor.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
  });

  it('Tab reaches each action of a message; they show on focus and hover, always on the last answer', async () => {
    await newChat();
    expect(await ask('first question')).toBe('done');
    expect(await ask('second question')).toBe('done');
    const first = answers().first();
    const copy = first.getByRole('button', { name: 'Copy', exact: true });
    const opacity = (l: typeof copy) =>
      l.evaluate((el) => getComputedStyle(el.parentElement as Element).opacity);
    await page.mouse.move(0, 0);
    await expect.poll(() => opacity(copy)).toBe('0');
    // The last answer's actions are always there.
    expect(await opacity(answers().last().getByRole('button', { name: 'Regenerate' }))).toBe('1');
    // From the first question's Edit, Tab walks through the first answer's actions.
    await page.locator('.cg-user').first().getByRole('button', { name: 'Edit' }).focus();
    const names: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      await page.keyboard.press('Tab');
      names.push(
        (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '',
      );
    }
    expect(names).toContain('Copy');
    expect(names).toContain('Edit');
    expect(names.indexOf('Copy')).toBeLessThan(names.lastIndexOf('Edit'));
    await copy.focus();
    await expect.poll(() => opacity(copy)).toBe('1');
    await page.mouse.move(0, 0);
    await first.hover();
    await e2e.harness.screenshot(page, 'look-popup-answer-hover-en-light');
  });

  it('Ctrl+Enter mode: Enter adds a line, Ctrl+Enter sends', async () => {
    await setSettings({ sendKey: 'ctrl-enter' });
    await reopen();
    await newChat();
    await composer().fill('line one');
    await composer().press('Enter');
    await page.keyboard.type('line two');
    expect(await composer().inputValue()).toBe('line one\nline two');
    expect(await answers().count()).toBe(0);
    await composer().press('Control+Enter');
    await expect.poll(() => answers().count(), { timeout: 20_000 }).toBe(1);
    await settle();
    await setSettings({ sendKey: 'enter' });
    await reopen();
  });

  it('a streamed answer, frame by frame: dots before the first byte, then text growing behind a caret', async () => {
    await newChat();
    // The first byte waits a moment, then the pieces come slowly enough to be seen.
    e2e.site.configure({ faults: { chunkDelayMs: 250, firstByteDelayMs: 1200 } });
    await composer().fill('Tell me about lighthouses');
    await composer().press('Enter');
    await page.locator('.cg-dots').waitFor();
    await e2e.harness.screenshot(page, 'look-stream-1');
    const answer = answers().last();
    let last = 0;
    for (let frame = 2; frame <= 4; frame += 1) {
      // Each frame shows more text than the one before.
      await expect
        .poll(async () => ((await answer.textContent()) ?? '').length, { timeout: 10_000 })
        .toBeGreaterThan(last + 10);
      last = ((await answer.textContent()) ?? '').length;
      await e2e.harness.screenshot(page, `look-stream-${frame}`);
    }
    await settle();
    await e2e.harness.screenshot(page, 'look-stream-5');
    e2e.site.configure({ faults: { chunkDelayMs: 20 } });
  });

  it('shortcuts: Ctrl+Shift+O new chat, Ctrl+K history search, Esc stops, ? lists them', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 300 } });
    await composer().fill('a slow one');
    await composer().press('Enter');
    await page.locator(`${ANSWERS}[aria-busy="true"]`).waitFor();
    await e2e.harness.screenshot(page, 'look-popup-streaming-en-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => answers().last().getAttribute('data-status')).not.toBe('streaming');
    e2e.site.configure({ faults: { chunkDelayMs: 20 } });
    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => answers().count()).toBe(0);
    await page.keyboard.press('Control+K');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Search conversations');
    await page.keyboard.press('Escape');
    // Focus out of the composer (a corner of the empty list, not a starter): "?" is then a key.
    await page.locator('.cg-messages').click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Ctrl+Shift+O');
    await e2e.harness.screenshot(page, 'look-popup-help-en-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('pinned conversations stay on top, in order, across reloads', async () => {
    for (const word of ['apples', 'pears', 'plums']) {
      await newChat();
      expect(await ask(`about ${word}`)).toBe('done');
    }
    const openHistory = async () => {
      await page.getByRole('button', { name: 'History' }).click();
      const history = page.getByRole('region', { name: 'History' });
      await history.locator('.cg-history-row').first().waitFor();
      return history;
    };
    const titles = async () => {
      const history = page.getByRole('region', { name: 'History' });
      return history.locator('.cg-history-title').allTextContents();
    };
    let history = await openHistory();
    const pin = async (word: string) => {
      const title =
        (await history.locator('.cg-history-title', { hasText: word }).textContent()) ?? '';
      await history.getByRole('button', { name: `Actions for “${title}”` }).click();
      await history.getByRole('menuitem', { name: `Pin to top “${title}”` }).click();
    };
    await pin('apples');
    await expect.poll(async () => (await titles())[0]).toContain('apples');
    await pin('pears');
    await expect
      .poll(async () => (await titles()).slice(0, 3).join('|'))
      .toMatch(/pears.*\|.*apples.*\|.*plums/);
    expect(await history.getByRole('heading', { name: 'Pinned' }).count()).toBe(1);
    await e2e.harness.screenshot(page, 'look-popup-history-en-light');
    await reopen();
    history = await openHistory();
    await expect
      .poll(async () => (await titles()).slice(0, 3).join('|'))
      .toMatch(/pears.*\|.*apples.*\|.*plums/);
    // Unpinning puts it back in time order.
    const title =
      (await history.locator('.cg-history-title', { hasText: 'pears' }).textContent()) ?? '';
    await history.getByRole('button', { name: `Actions for “${title}”` }).click();
    await history.getByRole('menuitem', { name: `Unpin “${title}”` }).click();
    await expect
      .poll(async () => (await titles()).slice(0, 3).join('|'))
      .toMatch(/apples.*\|.*plums.*\|.*pears/);
    await page.keyboard.press('Escape');
  });

  it('font size applies to the popup', async () => {
    const size = () => page.locator('.cg-app').evaluate((el) => getComputedStyle(el).fontSize);
    expect(await size()).toBe('14px');
    await setSettings({ fontSize: 'large', density: 'compact' });
    await expect.poll(size).toBe('16px');
    await e2e.harness.screenshot(page, 'look-popup-large-compact');
    await setSettings({ fontSize: 'small' });
    await expect.poll(size).toBe('12.5px');
    await setSettings({ fontSize: 'normal', density: 'comfortable' });
  });

  it('the popup header stays one line from 320 px, English and Russian', async () => {
    for (const language of ['en', 'ru'] as const) {
      await setSettings({ language });
      await reopen();
      for (const width of [320, 400, 800]) {
        await page.setViewportSize({ width, height: 600 });
        const height = await page
          .locator('.cg-header-row')
          .evaluate((el) => el.getBoundingClientRect().height);
        expect(height, `${language} ${width}`).toBeLessThan(40);
        // Nothing sticks out sideways (the empty state's starters wrap instead).
        await page.keyboard.press('Control+Shift+O');
        await page.locator('.cg-empty-state').waitFor();
        const overflow = await page
          .locator('.cg-messages')
          .evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `${language} ${width} overflow`).toBeLessThanOrEqual(0);
        await e2e.harness.screenshot(page, `look-popup-${language}-${width}`);
      }
    }
    await page.setViewportSize({ width: 400, height: 600 });
    await setSettings({ language: 'en' });
    await reopen();
  });

  it('the new states in light and dark, English and Russian: screenshots, and axe finds nothing serious', async () => {
    for (const language of ['en', 'ru'] as const) {
      await setSettings({ language });
      await reopen();
      const box = page.getByRole('textbox', { name: language === 'en' ? 'Message' : 'Сообщение' });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.keyboard.press('Control+Shift+O');
        await page.locator('.cg-empty-state').waitFor();
        await e2e.harness.screenshot(page, `look-popup-empty-${language}-${scheme}`);
        expect(await axeSerious(), `empty ${language} ${scheme}`).toEqual([]);
        await box.fill('');
        await box.press('/');
        await page.getByRole('listbox').waitFor();
        await e2e.harness.screenshot(page, `look-popup-slash-${language}-${scheme}`);
        expect(await axeSerious(), `slash ${language} ${scheme}`).toEqual([]);
        await box.fill('');
        await page.locator('.cg-header button[aria-haspopup="dialog"]').click();
        await page.getByRole('dialog').waitFor();
        expect(await axeSerious(), `help ${language} ${scheme}`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+K');
        const history = page.locator('.cg-history');
        await history.locator('.cg-history-row').first().waitFor();
        await history.locator('.cg-row-menu button').first().click();
        await page.getByRole('menu').waitFor();
        await e2e.harness.screenshot(page, `look-popup-history-menu-${language}-${scheme}`);
        expect(await axeSerious(), `history ${language} ${scheme}`).toEqual([]);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await setSettings({ language: 'en' });
    await reopen();
  });

  it('the sidebar at 320 px in Russian: one-line header, the chosen font size', async () => {
    const sw = await e2e.harness.worker();
    await mergeSettings(sw, { language: 'ru', sidebarWidth: 320, fontSize: 'large' });
    const tab = await e2e.harness.context.newPage();
    try {
      await tab.setViewportSize({ width: 1000, height: 700 });
      await tab.goto(`${e2e.pages.url}/article.html`);
      await tab.bringToFront();
      await dispatchShortcut(sw, await tabOf(sw, tab));
      const frame = await waitForSidebar(tab, e2e.harness.extensionId);
      const header = frame.locator('.cg-header-row');
      await header.waitFor();
      const box = await header.evaluate((el) => ({
        width: el.getBoundingClientRect().width,
        height: el.getBoundingClientRect().height,
        tops: [...el.children].map((child) => Math.round(child.getBoundingClientRect().top)),
      }));
      expect(box.width).toBeLessThanOrEqual(320);
      // One line: every button on the same row (a wrapped one would sit a whole row lower).
      expect(Math.max(...box.tops) - Math.min(...box.tops)).toBeLessThan(10);
      expect(box.height).toBeLessThan(40);
      expect(await frame.locator('.cg-app').evaluate((el) => getComputedStyle(el).fontSize)).toBe(
        '16px',
      );
      await e2e.harness.screenshot(tab, 'look-sidebar-ru-320-large');
      // Push mode, English, dark: the page makes room for the sidebar.
      await dispatchShortcut(sw, await tabOf(sw, tab));
      await waitForClosed(tab, e2e.harness.extensionId);
      await mergeSettings(sw, { language: 'en', sidebarMode: 'push', fontSize: 'normal' });
      await tab.emulateMedia({ colorScheme: 'dark' });
      await dispatchShortcut(sw, await tabOf(sw, tab));
      const pushed = await waitForSidebar(tab, e2e.harness.extensionId);
      await pushed.locator('.cg-header-row').waitFor();
      await pushed.getByRole('button', { name: 'New chat' }).click();
      await pushed.locator('.cg-empty-state').waitFor();
      await e2e.harness.screenshot(tab, 'look-sidebar-push-en-dark');
    } finally {
      await mergeSettings(sw, {
        language: 'en',
        sidebarWidth: 420,
        fontSize: 'normal',
        sidebarMode: 'overlay',
      });
      await tab.close();
    }
  });

  it('the options page sets text size, spacing and the send key', async () => {
    const options = await e2e.harness.openPage('options/options.html');
    try {
      const font = options.getByRole('combobox', { name: 'Text size' });
      await font.selectOption('large');
      await options.getByRole('combobox', { name: 'Spacing' }).selectOption('compact');
      await options.getByRole('combobox', { name: 'Send with' }).selectOption('ctrl-enter');
      await options.locator('#appearance').scrollIntoViewIfNeeded();
      await e2e.harness.screenshot(options, 'look-options-appearance');
      await expect
        .poll(() =>
          options.evaluate(async () => {
            const { chrome } = globalThis as unknown as ChromeStorage;
            const { settings } = (await chrome.storage.local.get('settings')) as {
              settings: { fontSize: string; density: string; sendKey: string };
            };
            return `${settings.fontSize} ${settings.density} ${settings.sendKey}`;
          }),
        )
        .toBe('large compact ctrl-enter');
      // The open popup follows at once.
      await expect
        .poll(() => page.locator('.cg-app').evaluate((el) => getComputedStyle(el).fontSize))
        .toBe('16px');
    } finally {
      await setSettings({ fontSize: 'normal', density: 'comfortable', sendKey: 'enter' });
      await options.close();
    }
  });
});

/**
 * Select to ask in real Chromium: the context menu (through the real onClicked listeners) with a
 * selection, a quick action answered by the local test site, long selections budgeted,
 * "Summarize this page" with Readability, and the opt-in floating "Ask" button driven by a real
 * mouse selection.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dispatchMenu,
  dragSelect as drag,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForSidebar,
  type ChromeApi,
  type Tab,
} from './pages/helpers';
import { withSite } from './fixtures/with-site';

describe('select to ask', () => {
  let page: Page;

  const e2e = withSite({ pages: true });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
    await setSettings(e2e.sw, {
      selectionButton: false,
      selectionDenyList: [],
      contextBudget: 12000,
    }).catch(() => undefined);
  });

  async function open(path: string): Promise<Page> {
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/${path}`);
    await page.bringToFront();
    return page;
  }

  const frameText = (): Promise<string> =>
    sidebarFrame(page, e2e.harness.extensionId)?.evaluate(() => document.body.innerText) ??
    Promise.resolve('');

  it('opens from the context menu with the selection quoted and answers a quick action', async () => {
    await open('article.html');
    const selected = (await selectText(page, '#target')).trim();
    const tab = await tabOf(e2e.sw, page);

    await dispatchMenu(e2e.sw, tab, 'chatgptt-ask', selected);
    await waitForSidebar(page, e2e.harness.extensionId);
    await expect.poll(frameText).toContain(selected.slice(0, 80));

    // A quick action from the menu sends at once; the local site answers with an echo.
    await dispatchMenu(e2e.sw, tab, 'chatgptt-action:explain', selected);
    await expect.poll(frameText, { timeout: 20_000 }).toContain('ECHO[');
    const text = await frameText();
    expect(text).toContain('Explain this');
    expect(e2e.site.log.some((entry) => entry.path.includes('admin-ajax'))).toBe(true);
    await e2e.harness.screenshot(page, 'sidebar-quick-action-answered');
  });

  it('warns before sending a selection over the budget and does not send it by itself', async () => {
    await setSettings(e2e.sw, { contextBudget: 200 });
    await open('article.html');
    const selected = (await selectText(page, 'article')).trim();
    expect(selected.length).toBeGreaterThan(1000);
    e2e.site.clearLog();
    await dispatchMenu(e2e.sw, await tabOf(e2e.sw, page), 'chatgptt-action:summarize', selected);
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    // The prompt waits in the composer with the budget warning; nothing reached the site.
    await expect
      .poll(() => frame.evaluate(() => document.querySelector('textarea')?.value ?? ''))
      .toContain('Summarize this');
    const composer = await frame.evaluate(() => document.querySelector('textarea')?.value ?? '');
    expect(composer.length).toBeLessThan(400);
    await page.waitForTimeout(500);
    expect(e2e.site.log.filter((entry) => entry.method === 'POST')).toEqual([]);
    await e2e.harness.screenshot(page, 'sidebar-budget-warning');
  });

  it('summarizes the page with its readable text (Readability), not the navigation', async () => {
    await open('article.html');
    const tab = await tabOf(e2e.sw, page);
    const extracted = (await e2e.sw.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      await api.scripting.executeScript({
        target: { tabId: id },
        files: ['content/readable-page.js'],
      });
      const [result] = await api.scripting.executeScript({
        target: { tabId: id },
        func: () =>
          (globalThis as { chatgpttExtractReadable?: () => unknown }).chatgpttExtractReadable?.(),
      });
      return result?.result;
    }, tab.id)) as { title: string; text: string };
    expect(extracted.text).toContain("Fresnel's insight");
    expect(extracted.text).not.toContain('Subscribe');
    expect(extracted.text).not.toContain('Privacy');
    // The live page was not touched by the extraction.
    expect(await page.locator('header.site nav a').count()).toBe(4);

    await dispatchMenu(e2e.sw, tab, 'chatgptt-summarize-page');
    await waitForSidebar(page, e2e.harness.extensionId);
    await expect.poll(frameText, { timeout: 20_000 }).toContain('ECHO[');
    expect(await frameText()).toContain('Summarize this page');
  });

  describe('the floating Ask button', () => {
    const askCount = (): Promise<number> =>
      page.evaluate(() => document.querySelectorAll('chatgptt-ask').length);

    /** Whether our resident script runs in the tab (checked in our isolated world). */
    const residentLoaded = (tab: Tab): Promise<boolean> =>
      e2e.sw.evaluate(async (id) => {
        const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
        const [result] = await api.scripting.executeScript({
          target: { tabId: id },
          func: () =>
            (globalThis as { __chatgpttSelectionButton?: boolean }).__chatgpttSelectionButton ===
            true,
        });
        return result?.result === true;
      }, tab.id);

    const registered = (): Promise<string[]> =>
      e2e.sw.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
        return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
      });

    const dragSelect = (selector: string): Promise<void> => drag(page, selector);

    it('is registered only while the setting is on', async () => {
      expect(await registered()).not.toContain('chatgptt-selection-button');
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await setSettings(e2e.sw, { selectionButton: false });
      await expect.poll(registered).not.toContain('chatgptt-selection-button');
    });

    it('shows near a fresh mouse selection and opens the sidebar with it', async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('article.html');
      const tab = await tabOf(e2e.sw, page);
      await expect.poll(() => residentLoaded(tab)).toBe(true);

      await dragSelect('#target');
      await expect.poll(askCount).toBe(1);
      const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
      expect(selected.length).toBeGreaterThan(20);
      const button = await page.locator('chatgptt-ask').boundingBox();
      const target = await page.locator('#target').boundingBox();
      expect(button && target).toBeTruthy();
      // Near the selection: within the paragraph's horizontal span, just below its first line.
      expect(button!.y).toBeGreaterThan(target!.y);
      expect(button!.y).toBeLessThan(target!.y + 80);
      await e2e.harness.screenshot(page, 'selection-button');

      // A click counts once the button has been in plain view for a moment (issue 23).
      await page.waitForTimeout(600);
      // The toolbar's first button is Ask.
      await page.mouse.click(button!.x + 20, button!.y + button!.height / 2);
      await waitForSidebar(page, e2e.harness.extensionId);
      await expect.poll(frameText).toContain(selected.trim().slice(0, 40));
      expect(await askCount()).toBe(0);
    });

    /** The toolbar's buttons from its right end: "…", then the third, second, first action. */
    const fromRight = (box: { x: number; width: number }, slot: number): number =>
      box.x + box.width - 2 - 14 - slot * 30;

    it('is a toolbar: an action button sends that action with the selection quoted', async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('article.html');
      const tab = await tabOf(e2e.sw, page);
      await expect.poll(() => residentLoaded(tab)).toBe(true);

      await dragSelect('#target');
      await expect.poll(askCount).toBe(1);
      const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
      const bar = await page.locator('chatgptt-ask').boundingBox();
      // Ask, three actions and "…" (the defaults hold four actions).
      expect(bar!.width).toBeGreaterThan(150);
      await page.emulateMedia({ colorScheme: 'light' });
      await e2e.harness.screenshot(page, 'selection-toolbar-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.evaluate(() => {
        document.documentElement.style.background = '#1e1e1e';
        document.body.style.color = '#ddd';
      });
      await e2e.harness.screenshot(page, 'selection-toolbar-dark');

      await page.waitForTimeout(600);
      // The first action, Explain.
      await page.mouse.click(fromRight(bar!, 3), bar!.y + bar!.height / 2);
      await waitForSidebar(page, e2e.harness.extensionId);
      await expect.poll(frameText).toContain('Explain this:');
      await expect.poll(frameText).toContain(selected.trim().slice(0, 40));
      expect(await askCount()).toBe(0);
    });

    it('is keyboard reachable (Tab, arrows, Enter on "…" lists every action) and Esc dismisses it', async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('article.html');
      const tab = await tabOf(e2e.sw, page);
      await expect.poll(() => residentLoaded(tab)).toBe(true);
      const focusedOurs = (): Promise<boolean> =>
        page.evaluate(() => document.activeElement?.localName === 'chatgptt-ask');

      await dragSelect('#target');
      await expect.poll(askCount).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(askCount).toBe(0);

      await dragSelect('#target');
      await expect.poll(askCount).toBe(1);
      await page.waitForTimeout(600);
      await page.keyboard.press('Tab');
      expect(await focusedOurs()).toBe(true);
      // Left from Ask wraps round to "…".
      await page.keyboard.press('ArrowLeft');
      expect(await askCount()).toBe(1);
      await page.keyboard.press('Enter');
      const frame = await waitForSidebar(page, e2e.harness.extensionId);
      // The composer opens on "/": its menu lists all four actions.
      await expect.poll(() => frame.getByRole('option').count()).toBeGreaterThanOrEqual(4);
      await expect.poll(frameText).toContain('Proofread');
    });

    it('does not show in editable fields, and goes away on scroll and on a click elsewhere', async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('article.html');
      const tab = await tabOf(e2e.sw, page);
      await expect.poll(() => residentLoaded(tab)).toBe(true);

      await dragSelect('#comment');
      await page.waitForTimeout(300);
      expect(await askCount()).toBe(0);
      await dragSelect('#rich');
      await page.waitForTimeout(300);
      expect(await askCount()).toBe(0);

      await dragSelect('#lede');
      await expect.poll(askCount).toBe(1);
      await page.mouse.wheel(0, 300);
      await expect.poll(askCount).toBe(0);
      // The wheel scroll is animated: let it end before selecting again.
      await page.evaluate(
        () =>
          new Promise<void>((done) => {
            let timer = setTimeout(done, 300);
            addEventListener('scroll', () => {
              clearTimeout(timer);
              timer = setTimeout(done, 300);
            });
          }),
      );

      await dragSelect('#lede');
      await expect.poll(askCount).toBe(1);
      await page.mouse.click(40, 700);
      await expect.poll(askCount).toBe(0);
    });

    it('never loads on a deny-listed site, and stops when turned off', async () => {
      await setSettings(e2e.sw, { selectionButton: true, selectionDenyList: ['127.0.0.1'] });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('article.html');
      const tab = await tabOf(e2e.sw, page);
      await page.waitForTimeout(300);
      expect(await residentLoaded(tab)).toBe(false);

      // Allowed again: a reload brings it; turning the setting off stops the running copy.
      await setSettings(e2e.sw, { selectionDenyList: [] });
      await page.waitForTimeout(300);
      await page.reload();
      await expect.poll(() => residentLoaded(tab)).toBe(true);
      await setSettings(e2e.sw, { selectionButton: false });
      await expect.poll(() => residentLoaded(tab)).toBe(false);
      await dragSelect('#lede');
      await page.waitForTimeout(300);
      expect(await askCount()).toBe(0);
    });
  });
});

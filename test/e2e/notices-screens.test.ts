/**
 * Screenshots of last session's notices where they are hardest to lay out: dark, Russian (the
 * longest words), 320 px wide, with right-to-left text where a user can type it. Kept in
 * test-results/screenshots/notice-*.png and checked by eye; asserted for each: nothing scrolls
 * sideways, the notice's button lies inside the view and takes keyboard focus with a visible ring.
 *
 * Covered: the options page's auto-resend choice and import progress; the in-page sidebar's
 * "no captions" notice; the old sidebar's "turned off or removed" and "updated" notices. The
 * popup's and side panel's "updated" notice cannot be reached here: Chromium closes every
 * extension tab, popup and panel on a reload (hostile-extension-reload.test.ts), so it is a
 * unit test (chat-app.test.tsx).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { launchExtension, type ExtensionHarness } from './harness';
import {
  dispatchMenu,
  dispatchShortcut,
  setSettings,
  tabOf,
  waitForSidebar,
} from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';
import { SILENT } from './pages/youtube';

const NARROW = { width: 320, height: 640 };
/** The sidebar at its narrowest in a page that leaves it 320 px. */
const SIDEBAR_WIDTH = 320;

/** How far a document scrolls sideways (0: it fits). */
function sidewaysOverflow(target: Page | Frame): Promise<number> {
  return target.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** The control lies inside the view, focuses, and draws a focus ring when focused by keyboard. */
async function reachable(target: Page | Frame, control: Locator): Promise<void> {
  const box = await control.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    return { left: rect.left, right: rect.right, width: innerWidth };
  });
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.width);
  await control.focus();
  // Focus through the keyboard: Shift+Tab then Tab lands on it again and shows :focus-visible.
  const page = 'keyboard' in target ? target : target.page();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await control.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      focused: element === document.activeElement || element.contains(document.activeElement),
      visible:
        element.matches(':focus-visible') || element.querySelector(':focus-visible') !== null,
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      shadow: style.boxShadow !== 'none',
    };
  });
  expect(ring.focused).toBe(true);
  expect(ring.visible).toBe(true);
  expect(ring.outline || ring.shadow).toBe(true);
}

describe('notices, dark, Russian, 320 px', () => {
  let pages: PagesServer;
  let site: TestSite;
  let harness: ExtensionHarness | undefined;
  let dir: string;
  beforeAll(async () => {
    pages = await startPages();
    site = await startSite();
    dir = mkdtempSync(join(tmpdir(), 'chatgptt-notices-'));
  });
  afterAll(async () => {
    await pages?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function launch(): Promise<ExtensionHarness> {
    harness = await launchExtension({ colorScheme: 'dark' });
    const sw = await harness.worker();
    await setSettings(sw, {
      sites: [{ url: `${site.url}/` }],
      defaultSite: `${site.url}/`,
      language: 'ru',
      theme: 'dark',
      sidebarWidth: SIDEBAR_WIDTH,
    });
    return harness;
  }

  /** A tab at `url`, in front (the sidebar and the menu act on the tab in front). */
  async function pageInFront(h: ExtensionHarness, url: string): Promise<Page> {
    const page = await h.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  it('options: the auto-resend choice and the import progress', async () => {
    const h = await launch();
    const options = await h.openPage('options/options.html');
    await options.setViewportSize(NARROW);
    await options.goto(`${options.url().split('#')[0]}#chat`);
    const choice = options.getByRole('checkbox', { name: /Отправлять автоматически/ });
    await choice.scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(options)).toBe(0);
    await reachable(options, choice);
    await h.screenshot(options, 'notice-options-auto-resend-ru-dark-320');

    // An export big enough that its progress shows for a while (about 12 MB).
    const file = join(dir, 'export.json');
    const answer = 'Ответ, שלום עולם, '.repeat(400);
    const conversations = Array.from({ length: 1500 }, (_, i) => ({
      id: `c-${i}`,
      title: `Разговор ${i}`,
      site: `${site.url}/`,
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: 1750000000000 + i,
      updatedAt: 1750000000000 + i,
      messages: [
        {
          id: `c-${i}-0`,
          conversationId: `c-${i}`,
          role: 'user',
          text: `Вопрос ${i}?`,
          status: 'done',
          parentId: null,
          seq: 0,
          createdAt: 1750000000000 + i,
          updatedAt: 1750000000000 + i,
        },
        {
          id: `c-${i}-1`,
          conversationId: `c-${i}`,
          role: 'assistant',
          text: answer,
          status: 'done',
          parentId: `c-${i}-0`,
          seq: 1,
          createdAt: 1750000000000 + i,
          updatedAt: 1750000000000 + i,
        },
      ],
    }));
    writeFileSync(
      file,
      JSON.stringify({
        format: 'chatgptt-export',
        version: 2,
        exportedAt: 1750000000000,
        conversations,
      }),
    );
    await options.goto(`${options.url().split('#')[0]}#data`);
    await options.locator('input[type="file"]').setInputFiles(file);
    const progress = options.getByTestId('import-progress');
    await expect.poll(() => progress.count(), { timeout: 20_000 }).toBe(1);
    await progress.scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(options)).toBe(0);
    const progressBox = await progress.boundingBox();
    expect((progressBox?.x ?? -1) + (progressBox?.width ?? 1e9)).toBeLessThanOrEqual(NARROW.width);
    await h.screenshot(options, 'notice-import-progress-ru-dark-320');
    const summary = options.locator('#import-summary');
    await expect.poll(() => summary.count(), { timeout: 120_000 }).toBe(1);
    await summary.scrollIntoViewIfNeeded();
    expect(await sidewaysOverflow(options)).toBe(0);
    await h.screenshot(options, 'notice-import-summary-ru-dark-320');
  }, 180_000);

  it('sidebar: a video without captions', async () => {
    const h = await launch();
    const sw = await h.worker();
    const page = await pageInFront(h, `${pages.url}/watch?v=${SILENT.id}`);
    await dispatchMenu(sw, await tabOf(sw, page), 'chatgptt-summarize-page');
    const frame = await waitForSidebar(page, h.extensionId);
    const notice = frame.locator('.sidebar-notice');
    await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(1);
    expect(await notice.innerText()).toContain('субтитр');
    expect(await frame.evaluate(() => innerWidth)).toBeLessThanOrEqual(SIDEBAR_WIDTH);
    expect(await sidewaysOverflow(frame)).toBe(0);
    await h.screenshot(page, 'notice-youtube-no-captions-ru-dark-320');
  }, 90_000);

  it('sidebar: turned off, with right-to-left text typed', async () => {
    const h = await launch();
    const sw = await h.worker();
    const page = await pageInFront(h, `${pages.url}/article.html`);
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, h.extensionId);
    await frame.locator('textarea').fill('מה זה עדשת פרנל? ما هي عدسة فرينل؟');
    const extensions = await h.context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(
      (id) =>
        (
          globalThis as unknown as {
            chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } };
          }
        ).chrome.management.setEnabled(id, false),
      h.extensionId,
    );
    await extensions.close();
    await page.bringToFront();
    const notice = frame.locator('.cg-updated');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.innerText()).toContain('выключен или удалён');
    expect(await sidewaysOverflow(frame)).toBe(0);
    // The typed words stay, right to left.
    expect(await frame.locator('textarea').evaluate((e) => getComputedStyle(e).direction)).toBe(
      'rtl',
    );
    await reachable(frame, notice.getByRole('button'));
    await h.screenshot(page, 'notice-sidebar-off-ru-dark-320');
  }, 90_000);

  it('sidebar: updated (a reload with developer mode on)', async () => {
    const h = await launch();
    const extensions = await h.context.newPage();
    await extensions.goto('chrome://extensions');
    // Without developer mode Chromium turns a reloaded --load-extension extension off.
    await extensions.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: {
            developerPrivate: {
              updateProfileConfiguration(u: { inDeveloperMode: boolean }): Promise<void>;
            };
          };
        }
      ).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }),
    );
    await extensions.close();
    const sw = await h.worker();
    const page = await pageInFront(h, `${pages.url}/article.html`);
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, h.extensionId);
    const fresh = h.context.waitForEvent('serviceworker', { timeout: 20_000 });
    await sw
      .evaluate(() =>
        (
          globalThis as unknown as { chrome: { runtime: { reload(): void } } }
        ).chrome.runtime.reload(),
      )
      .catch(() => undefined);
    await fresh;
    await page.bringToFront();
    const notice = frame.locator('.cg-updated');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    expect(await notice.getAttribute('data-kind')).toBe('updated');
    expect(await notice.innerText()).toContain('ChatGptt обновился');
    expect(await sidewaysOverflow(frame)).toBe(0);
    await reachable(frame, notice.getByRole('button'));
    await h.screenshot(page, 'notice-sidebar-updated-ru-dark-320');
  }, 90_000);
});

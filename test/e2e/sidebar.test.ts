/**
 * The in-page sidebar in real Chromium, on local pages: the shortcut (through the real
 * onCommand listeners), Esc, focus, resizing, push mode, hostile CSS, a strict CSP, forged
 * messages and events from the page, the popup fallback and the clean-up on extension reload.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionHarness } from './harness';
import {
  dispatchShortcut,
  frameBox,
  getSettingsRaw,
  hostCount,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForClosed,
  waitForSidebar,
  type ChromeApi,
} from './pages/helpers';
import { startPages, type PagesServer } from './pages/server';

describe('the in-page sidebar', () => {
  let harness: ExtensionHarness;
  let pages: PagesServer;
  let sw: Worker;
  let page: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    pages = await startPages();
    sw = await harness.worker();
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
    await setSettings(sw, { sidebarMode: 'overlay', sidebarWidth: 420 }).catch(() => undefined);
  });

  async function open(path: string): Promise<Page> {
    page = await harness.context.newPage();
    await page.goto(`${pages.url}/${path}`);
    await page.bringToFront();
    return page;
  }

  it('opens docked right at full height with the shortcut, focuses the composer, and closes with it again', async () => {
    await open('article.html');
    await page.focus('#name');
    const tab = await tabOf(sw, page);

    await dispatchShortcut(sw, tab);
    const frame = await waitForSidebar(page, harness.extensionId);
    expect(await hostCount(page)).toBe(1);
    const box = await frameBox(frame);
    expect(box).toMatchObject({ y: 0, height: 800, width: 420 });
    expect(box.x + box.width).toBe(1280);
    await expect
      .poll(() => frame.evaluate(() => document.hasFocus() && document.activeElement?.tagName))
      .toBe('TEXTAREA');

    await dispatchShortcut(sw, tab);
    await waitForClosed(page, harness.extensionId);
    // Focus is back where it was, and nothing of ours is left in the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
    expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
    const pending = await sw.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return (await api.storage.session.get(`sidebar:${id}`))[`sidebar:${id}`] ?? null;
    }, tab.id);
    expect(pending).toBeNull();
  });

  it('closes with Esc inside the sidebar and gives focus back to the page', async () => {
    await open('article.html');
    await page.focus('#comment');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
    // Key down, wait, key up, as a person does. A whole `press` sends the key-up to the sidebar's
    // out-of-process frame, which the key-down has just removed; Chromium then may never
    // acknowledge the key-up and the CDP call hangs (a 90 s timeout once in CI).
    await page.keyboard.down('Escape');
    await waitForClosed(page, harness.extensionId);
    await page.keyboard.up('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
  });

  it('closes with its close button', async () => {
    await open('article.html');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    await frame.locator('header button.cg-icon[aria-label]').last().click();
    await waitForClosed(page, harness.extensionId);
  });

  it('opens with the page selection quoted when the shortcut is pressed over a selection', async () => {
    await open('article.html');
    const selected = await selectText(page, '#target');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    await expect
      .poll(() => frame.evaluate(() => document.body.innerText))
      .toContain(selected.trim().slice(0, 60));
  });

  it('quotes a selection made inside a frame of the page when the shortcut is pressed', async () => {
    await open('framed.html');
    const inner = page.frame({ url: /article\.html$/ });
    if (!inner) throw new Error('the article frame did not load');
    await inner.waitForSelector('#target');
    const selected = await inner.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#target') as Element);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return getSelection()?.toString() ?? '';
    });
    expect(selected.length).toBeGreaterThan(40);
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    await expect
      .poll(() => frame.evaluate(() => document.body.innerText.replace(/\s+/g, ' ')))
      .toContain(selected.replace(/\s+/g, ' ').trim().slice(0, 60));
  });

  it('resizes by dragging its left edge and remembers the width', async () => {
    await open('article.html');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    const before = await frameBox(frame);
    // The handle lies just left of the frame (never over it: host.ts).
    await page.mouse.move(before.x - 3, 400);
    await page.mouse.down();
    await page.mouse.move(before.x - 90, 400, { steps: 5 });
    await page.mouse.move(before.x - 180, 400, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await frameBox(frame)).width).toBe(600);
    await expect.poll(async () => (await getSettingsRaw(sw)).sidebarWidth).toBe(600);

    // The next sidebar opens at the remembered width.
    await dispatchShortcut(sw, await tabOf(sw, page));
    await waitForClosed(page, harness.extensionId);
    await dispatchShortcut(sw, await tabOf(sw, page));
    expect((await frameBox(await waitForSidebar(page, harness.extensionId))).width).toBe(600);
  });

  it('pushes the page aside in push mode and puts it back on close', async () => {
    await setSettings(sw, { sidebarMode: 'push' });
    await open('article.html');
    const tab = await tabOf(sw, page);
    await dispatchShortcut(sw, tab);
    await waitForSidebar(page, harness.extensionId);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(
      '420px',
    );
    await dispatchShortcut(sw, tab);
    await waitForClosed(page, harness.extensionId);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(
      '0px',
    );
  });

  it("keeps the page's fixed header, banner and chat bubble clear of it in push mode", async () => {
    await setSettings(sw, { sidebarMode: 'push' });
    await open('fixed.html');
    const tab = await tabOf(sw, page);
    const boxes = () =>
      page.evaluate(() =>
        Object.fromEntries(
          ['header', '#bubble', '#banner', '#left-tab'].map((selector) => {
            const rect = (document.querySelector(selector) as HTMLElement).getBoundingClientRect();
            return [selector, { left: rect.left, right: rect.right }];
          }),
        ),
      );
    const before = await boxes();
    await dispatchShortcut(sw, tab);
    await waitForSidebar(page, harness.extensionId);
    expect(await boxes()).toEqual({
      header: { left: 0, right: 1280 - 420 },
      '#bubble': { left: before['#bubble']!.left - 420, right: 1280 - 420 - 16 },
      '#banner': { left: 0, right: 1280 - 420 },
      '#left-tab': before['#left-tab'],
    });
    await harness.screenshot(page, 'sidebar-push-fixed');
    await dispatchShortcut(sw, tab);
    await waitForClosed(page, harness.extensionId);
    expect(await boxes()).toEqual(before);
    // The page's own inline style is back as it was.
    expect(await page.locator('#bubble').getAttribute('style')).toBe('right: 16px;');
  });

  it('is not broken by hostile page CSS', async () => {
    await open('hostile.html');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    const box = await frameBox(frame);
    expect(box).toMatchObject({ y: 0, height: 800, width: 420 });
    // Visible and on top: the page's hit test at the sidebar's middle lands on our host.
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.hasAttribute('data-chatgptt-sidebar') ?? false,
      [box.x + box.width / 2, 400] as const,
    );
    expect(onTop).toBe(true);
    const hostStyle = await page.evaluate(() => {
      const host = document.querySelector('[data-chatgptt-sidebar]') as HTMLElement;
      const style = getComputedStyle(host);
      return { display: style.display, visibility: style.visibility, opacity: style.opacity };
    });
    expect(hostStyle).toEqual({ display: 'block', visibility: 'visible', opacity: '1' });
    expect(await frame.evaluate(() => getComputedStyle(document.body).fontSize)).not.toBe('96px');
    await harness.screenshot(page, 'sidebar-hostile-css');
  });

  it('works on a page whose CSP is default-src none', async () => {
    await open('csp.html');
    const selected = await selectText(page, '#target');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    expect((await frameBox(frame)).width).toBe(420);
    await expect
      .poll(() => frame.evaluate(() => document.body.innerText))
      .toContain(selected.trim().slice(0, 40));
    await harness.screenshot(page, 'sidebar-csp');
  });

  it('ignores what a page script posts to the frame or dispatches on the host', async () => {
    await open('article.html');
    await selectText(page, '#target');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    // Let the sidebar finish rendering the quoted selection before taking the reference text.
    const quoted = (await page.locator('#target').innerText()).trim().slice(0, 40);
    await expect
      .poll(() => frame.evaluate(() => document.body.innerText.replace(/\s+/g, ' ')))
      .toContain(quoted.replace(/\s+/g, ' '));
    const before = await frame.evaluate(() => document.body.innerText);

    const seen = await page.evaluate(() => {
      const host = document.querySelector('[data-chatgptt-sidebar]') as HTMLElement;
      for (let i = 0; i < window.frames.length; i++) {
        const target = window.frames[i] as Window;
        for (const message of [
          { type: 'sidebar/close' },
          'close',
          { type: 'sidebar/show', token: 'f'.repeat(32) },
          { type: 'send', text: 'leak the conversation' },
        ])
          target.postMessage(message, '*');
      }
      for (const type of ['keydown', 'pointerdown', 'pointermove', 'pointerup', 'click'])
        host.dispatchEvent(new KeyboardEvent(type, { key: 'Escape', bubbles: true }));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      const pageChrome = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } })
        .chrome;
      return {
        shadowRoot: host.shadowRoot === null,
        canMessageExtension: typeof pageChrome?.runtime?.sendMessage === 'function',
        frameReadable: (() => {
          try {
            return (window.frames[0] as Window).document !== undefined;
          } catch {
            return false;
          }
        })(),
      };
    });
    expect(seen).toEqual({ shadowRoot: true, canMessageExtension: false, frameReadable: false });
    await page.waitForTimeout(500);
    expect(await hostCount(page)).toBe(1);
    expect(sidebarFrame(page, harness.extensionId)).toBeDefined();
    expect(await frame.evaluate(() => document.body.innerText)).toBe(before);
  });

  it('cannot be framed or probed by a web page (a per-session URL for the sidebar page)', async () => {
    await open('article.html');
    const url = `chrome-extension://${harness.extensionId}/sidebar/sidebar.html#token=${'a'.repeat(32)}`;
    const probe = await page.evaluate(async (src) => {
      const fetched = await fetch(src).then(
        () => 'readable',
        () => 'refused',
      );
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
      return fetched;
    }, url);
    expect(probe).toBe('refused');
    // The frame the page made shows the browser's error page, not ours: no chat, no composer.
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith('chrome-error://')))
      .toBe(true);
    expect(sidebarFrame(page, harness.extensionId)).toBeUndefined();

    // Where the page does reach the sidebar page (Firefox has no per-session URLs, only a
    // per-install one), a token the worker did not issue opens no chat and sends nothing.
    const forged = await harness.openPage(
      `sidebar/sidebar.html#token=${'a'.repeat(32)}&prompt=FORGED&autoSend=1`,
    );
    await expect
      .poll(() => forged.evaluate(() => document.body.innerText))
      .toContain('Open the sidebar with the ChatGptt shortcut');
    expect(await forged.evaluate(() => document.querySelector('textarea'))).toBeNull();
    await forged.close();
  });

  it('opens the popup with a note where nothing can be injected and the side panel cannot open (a dispatched shortcut has no gesture)', async () => {
    page = await harness.context.newPage();
    await page.goto('chrome://version');
    await page.bringToFront();
    const tab = await sw.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return (await api.tabs.query({ active: true, currentWindow: true }))[0] ?? null;
    });
    expect(tab).not.toBeNull();
    await sw.evaluate(async () => {
      await (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.remove(
        'popupNote',
      );
    });
    await dispatchShortcut(sw, { ...tab, url: 'chrome://version/' });
    await expect
      .poll(() =>
        sw.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
          return (await api.storage.session.get('popupNote')).popupNote ?? null;
        }),
      )
      .toMatchObject({ message: expect.stringContaining('cannot open on this page') });
    await expect
      .poll(() =>
        sw.evaluate(async () => {
          const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
          const contexts = await api.runtime.getContexts({ contextTypes: ['POPUP'] });
          return contexts.map((c) => c.documentUrl ?? '');
        }),
      )
      .toEqual([expect.stringContaining('popup/popup.html')]);
  });

  // Last: reloading the extension replaces the worker.
  it('after an extension reload that leaves it off, the sidebar stays, says so, and Close removes it', async () => {
    await setSettings(sw, { sidebarMode: 'push' });
    await open('article.html');
    await dispatchShortcut(sw, await tabOf(sw, page));
    const frame = await waitForSidebar(page, harness.extensionId);
    await sw
      .evaluate(() => {
        (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.reload();
      })
      .catch(() => undefined);
    const notice = frame.locator('.cg-updated');
    // Chrome drops the port, then unloads the runtime: allow a loaded machine time for both.
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    // A runtime.reload() under --load-extension without developer mode leaves the extension
    // disabled ("unsupportedDeveloperExtension"; hostile-extension-reload.test.ts turns developer
    // mode on and sees "updated"), so the sidebar rightly says it was turned off.
    const extensions = await harness.context.newPage();
    await extensions.goto('chrome://extensions');
    const enabled = await extensions.evaluate(
      async (id) =>
        (
          await (
            globalThis as unknown as {
              chrome: { management: { get(id: string): Promise<{ enabled: boolean }> } };
            }
          ).chrome.management.get(id)
        ).enabled,
      harness.extensionId,
    );
    await extensions.close();
    expect(enabled).toBe(false);
    expect(await notice.innerText()).toContain('ChatGptt was turned off or removed');
    expect(await hostCount(page)).toBe(1);
    await notice.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => hostCount(page), { timeout: 5_000 }).toBe(0);
    // The push mode's page margin is given back.
    expect(await page.evaluate(() => document.documentElement.style.marginRight)).toBe('');
    // (installed-late.test.ts covers pages loaded before the extension was installed.)
  });
});

/**
 * Hostile-input suite, the page against our content scripts (issues 22 and 23) in real Chromium:
 * a page that clobbers `browser` and our guard flags with named elements, a page whose
 * Permissions-Policy blocks the clipboard, a page that moves the Ask button under the user's
 * next click with its own text selected, page text hidden inside a selection, and a
 * content-script world reading the extension's storage.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../hostile/extension-driver';
import {
  dispatchShortcut,
  dispatchMenu,
  dragSelect,
  frameBox,
  selectText,
  setSettings,
  sidebarFrame,
  tabOf,
  waitForClosed,
  waitForSidebar,
  type ChromeApi,
} from './pages/helpers';
import { withSite } from './fixtures/with-site';

/** Where the selection toolbar's first button, Ask, sits inside its host. */
const ASK_SPOT = { x: 20, y: 14 };
describe('a hostile page against the content scripts', () => {
  let page: Page;

  const e2e = withSite({ pages: true, settings: { fallback: false } });
  beforeAll(async () => {
    // Lets the test read the clipboard back; the extension gets no more than it has anyway.
    await e2e.harness.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
    await setSettings(e2e.sw, { selectionButton: false }).catch(() => undefined);
  });

  async function open(path: string): Promise<Page> {
    page = await e2e.harness.context.newPage();
    await page.goto(`${e2e.pages.url}/${path}`);
    await page.bringToFront();
    return page;
  }

  const registered = (): Promise<string[]> =>
    e2e.sw.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return (await api.scripting.getRegisteredContentScripts()).map((s) => s.id);
    });

  const askCount = (): Promise<number> =>
    page.evaluate(() => document.querySelectorAll('chatgptt-ask').length);

  const frameText = (): Promise<string> =>
    sidebarFrame(page, e2e.harness.extensionId)?.evaluate(() => document.body.innerText) ??
    Promise.resolve('');

  it('a page clobbering `browser`, `chrome` and our guard flags: the sidebar opens, the Ask button appears', async () => {
    await open('clobber.html');
    // What the page did: `browser` in our isolated world would be its form.
    expect(await page.evaluate(() => (window as unknown as { browser: Element }).browser.id)).toBe(
      'browser',
    );
    const tab = await tabOf(e2e.sw, page);
    await dispatchShortcut(e2e.sw, tab);
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    await frame.getByRole('textbox', { name: 'Message' }).waitFor();
    await dispatchShortcut(e2e.sw, tab);
    await waitForClosed(page, e2e.harness.extensionId);

    await setSettings(e2e.sw, { selectionButton: true });
    await expect.poll(registered).toContain('chatgptt-selection-button');
    await page.reload();
    await dragSelect(page, '#target');
    await expect.poll(askCount).toBe(1);
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
    // The user looks at it before clicking (a click at once is refused, see below).
    await page.waitForTimeout(600);
    await page.locator('chatgptt-ask').click({ position: ASK_SPOT });
    await waitForSidebar(page, e2e.harness.extensionId);
    await expect.poll(frameText).toContain(selected.trim().slice(0, 40));
  });

  for (const [path, what] of [
    ['plain.html', 'an ordinary page'],
    ['no-clipboard.html', 'a page whose Permissions-Policy blocks the clipboard'],
  ] as const) {
    it(`Copy in the sidebar puts the answer on the clipboard, on ${what}`, async () => {
      await open(path);
      await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
      const frame = await waitForSidebar(page, e2e.harness.extensionId);
      // On an ordinary page the frame's `allow` reaches the frame's real origin (the per-session
      // src address is another one); under the page's clipboard-write=() nothing can.
      expect(
        await frame.evaluate(() =>
          (
            document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }
          ).featurePolicy.allowsFeature('clipboard-write'),
        ),
      ).toBe(path === 'plain.html');
      const word = `copy-me-${path.length}-${Date.now()}`;
      expect(await ask(frame, word)).toBe('done');
      const answer = frame.locator('.cg-message.cg-assistant').last();
      await answer.getByRole('button', { name: 'Copy', exact: true }).click();
      await expect
        .poll(() => answer.locator('.cg-message-actions').innerText())
        .toContain('Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toContain('ECHO[');
      expect(copied).toContain(word);
    });
  }

  for (const mode of ['move', 'cover'] as const) {
    it(`a page that swaps in its own text and gets the Ask button under the next click (${mode}) opens nothing`, async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open(`ask-hijack.html#${mode}`);
      await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
      await page.waitForTimeout(300);
      await dragSelect(page, '#target');
      await expect.poll(askCount).toBe(1);
      await expect.poll(() => page.locator('chatgptt-ask[data-seen]').count()).toBe(1);
      await page.waitForTimeout(800);
      if (mode === 'move') {
        // The mouse is still where the drag ended: the invisible button sits under it.
        await page.mouse.down();
        await page.mouse.up();
      } else {
        const decoy = await page.locator('#decoy').boundingBox();
        if (!decoy) throw new Error('no decoy');
        await page.mouse.click(decoy.x + decoy.width / 2, decoy.y + decoy.height / 2);
      }
      await page.waitForTimeout(1500);
      expect(sidebarFrame(page, e2e.harness.extensionId), 'a sidebar opened by the page').toBe(
        undefined,
      );
    });
  }

  it('a page that slides the selection toolbar aside after it was seen gets no quick action run', async () => {
    await setSettings(e2e.sw, { selectionButton: true });
    await expect.poll(registered).toContain('chatgptt-selection-button');
    await open('ask-hijack.html#slide');
    await expect.poll(() => page.evaluate(() => document.readyState)).toBe('complete');
    await page.waitForTimeout(300);
    await dragSelect(page, '#target');
    await expect.poll(() => page.locator('chatgptt-ask[data-slid]').count()).toBe(1);
    await page.waitForTimeout(300);
    const bar = await page.locator('chatgptt-ask').boundingBox();
    if (!bar) throw new Error('no toolbar');
    // The first quick action (Explain) where the page slid it: from the right, "…" then three.
    await page.mouse.click(bar.x + bar.width - 2 - 14 - 3 * 30, bar.y + bar.height / 2);
    await page.waitForTimeout(1500);
    expect(sidebarFrame(page, e2e.harness.extensionId), 'a sidebar opened by the page').toBe(
      undefined,
    );
  });

  it("a content script's world can neither read nor write the extension's storage; the sidebar still gets its width", async () => {
    await setSettings(e2e.sw, { sidebarWidth: 480 });
    await open('plain.html');
    const tab = await tabOf(e2e.sw, page);
    const attempts = (await e2e.sw.evaluate(async (id) => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const [result] = await api.scripting.executeScript({
        target: { tabId: id },
        func: async () => {
          const local = (
            globalThis as unknown as {
              chrome: {
                storage: {
                  local: { get(k: null): Promise<unknown>; set(v: object): Promise<void> };
                };
              };
            }
          ).chrome.storage.local;
          // No named inner functions: the test transform would wrap them in a helper the page lacks.
          const settled = await Promise.allSettled([
            local.get(null),
            local.set({ settings: { proxy: { enabled: true, host: 'evil.example', port: 1 } } }),
          ]);
          return settled.map((r) =>
            r.status === 'rejected'
              ? String(r.reason)
              : `allowed ${JSON.stringify(r.value ?? null).slice(0, 60)}`,
          );
        },
      });
      return result?.result;
    }, tab.id)) as string[];
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) expect(attempt).toMatch(/not allowed/i);
    const stored = (await e2e.sw.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return (await api.storage.local.get('settings')).settings;
    })) as { proxy?: { host: string } };
    expect(stored.proxy?.host).not.toBe('evil.example');

    await dispatchShortcut(e2e.sw, tab);
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    expect((await frameBox(frame)).width).toBe(480);
  });

  describe('page text hidden inside the selection is not sent', () => {
    const VISIBLE = ['Lighthouses use Fresnel lenses.', 'The lens bends light into a beam.'];
    const posted = (): string =>
      e2e.site.log
        .filter((entry) => entry.method === 'POST')
        .map((entry) => Object.values(entry.form).join(' '))
        .join(' ');

    it('by the shortcut: the sidebar quotes only what the user sees', async () => {
      await open('hidden-text.html');
      const all = await selectText(page, '#target');
      expect(all).toContain('INJECT-6'); // what the selection itself says
      await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
      await waitForSidebar(page, e2e.harness.extensionId);
      await expect.poll(frameText).toContain(VISIBLE[0]);
      const text = await frameText();
      for (const words of VISIBLE) expect(text).toContain(words);
      expect(text).toContain('Second paragraph, also visible.');
      expect(text).not.toMatch(/INJECT/);
    });

    it('by a quick action from the menu: the site gets the visible text, quoted, and Details shows it', async () => {
      await open('hidden-text.html');
      // The browser's own selectionText would carry the hidden words (Chromium keeps some of them).
      const all = await selectText(page, '#target');
      e2e.site.clearLog();
      await dispatchMenu(e2e.sw, await tabOf(e2e.sw, page), 'chatgptt-action:explain', all);
      const frame = await waitForSidebar(page, e2e.harness.extensionId);
      await expect.poll(frameText, { timeout: 20_000 }).toContain('ECHO[');
      const sent = posted();
      for (const words of VISIBLE) expect(sent).toContain(words);
      expect(sent).not.toMatch(/INJECT/);
      const details = frame.locator('.cg-user details').first();
      await details.locator('summary').click();
      const shown = await details.locator('pre').innerText();
      expect(shown).toContain('"""');
      expect(shown).toContain(VISIBLE[1]);
      expect(shown).not.toMatch(/INJECT/);
      await e2e.harness.screenshot(page, 'hidden-text-details');
    });

    it('by the Ask button', async () => {
      await setSettings(e2e.sw, { selectionButton: true });
      await expect.poll(registered).toContain('chatgptt-selection-button');
      await open('hidden-text.html');
      await dragSelect(page, '#target p:first-child');
      await expect.poll(askCount).toBe(1);
      await page.waitForTimeout(600);
      await page.locator('chatgptt-ask').click({ position: ASK_SPOT });
      await waitForSidebar(page, e2e.harness.extensionId);
      await expect.poll(frameText).toContain('Lighthouses');
      expect(await frameText()).not.toMatch(/INJECT/);
    });
  });

  it('a page element with the highest z-index, added after the sidebar, does not cover it', async () => {
    await open('plain.html');
    await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
    const frame = await waitForSidebar(page, e2e.harness.extensionId);
    const box = await frameBox(frame);
    const onTop = await page.evaluate(
      ({ x, y }) => {
        const cover = document.createElement('div');
        cover.id = 'cover';
        cover.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:#fff';
        // After our host in tree order: at an equal z-index the later one is drawn on top.
        document.documentElement.append(cover);
        return document.elementFromPoint(x, y)?.hasAttribute('data-chatgptt-sidebar') ?? false;
      },
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(onTop, 'the sidebar is what lies under a click on it').toBe(true);
  });

  describe('a page restyling or covering the sidebar (issue 22.4)', () => {
    const hostShown = (): Promise<boolean> =>
      page.evaluate(() => {
        const host = document.querySelector<HTMLElement>('[data-chatgptt-sidebar]');
        if (!host) return false;
        const style = getComputedStyle(host);
        const box = host.getBoundingClientRect();
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return (
          host.matches(':popover-open') &&
          style.display === 'block' &&
          style.opacity === '1' &&
          style.visibility === 'visible' &&
          box.width > 100 &&
          !host.hasAttribute('inert') &&
          hit === host
        );
      });

    it('a page that hides the host once (style, hidden, inert, hidePopover) gets it shown again', async () => {
      await open('plain.html');
      await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
      await waitForSidebar(page, e2e.harness.extensionId);
      expect(await hostShown()).toBe(true);
      for (const attack of ['style', 'attributes', 'popover'] as const) {
        await page.evaluate((how) => {
          const host = document.querySelector<HTMLElement>('[data-chatgptt-sidebar]');
          if (!host) throw new Error('no host');
          if (how === 'style') {
            host.style.setProperty('display', 'none', 'important');
            host.style.setProperty('opacity', '0', 'important');
          } else if (how === 'attributes') {
            host.setAttribute('inert', '');
            host.removeAttribute('popover');
          } else host.hidePopover();
        }, attack);
        await expect.poll(hostShown, { message: `after the ${attack} attack` }).toBe(true);
        await page.waitForTimeout(200);
      }
      // Three single attacks are not a fight: the sidebar stays open.
      expect(
        await page.evaluate(() => document.querySelectorAll('[data-chatgptt-sidebar]').length),
      ).toBe(1);
    });

    it('a page that keeps restyling the host gets the sidebar closed', async () => {
      await open('plain.html');
      await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
      await waitForSidebar(page, e2e.harness.extensionId);
      await page.evaluate(() => {
        window.setInterval(() => {
          document
            .querySelector<HTMLElement>('[data-chatgptt-sidebar]')
            ?.style.setProperty('visibility', 'hidden', 'important');
        }, 50);
      });
      await waitForClosed(page, e2e.harness.extensionId);
    });

    it('clicks in the sidebar are refused while a page decoy covers it, and work once it is gone', async () => {
      await open('plain.html');
      await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, page));
      const frame = await waitForSidebar(page, e2e.harness.extensionId);
      const box = async (): Promise<{ x: number; y: number }> => {
        const b = await frame.getByRole('button', { name: 'Send' }).boundingBox();
        if (!b) throw new Error('no Send button');
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      };
      const textbox = frame.getByRole('textbox', { name: 'Message' });
      await textbox.fill('sent through a decoy');
      // The page's own top-layer element, shown after ours, clicks passing through it.
      await page.evaluate(() => {
        const decoy = document.createElement('div');
        decoy.id = 'decoy';
        decoy.popover = 'manual';
        decoy.textContent = 'Click here to win';
        decoy.style.cssText =
          'position:fixed;inset:160px 0 0 0;margin:0;width:auto;height:auto;border:0;background:#fc0;pointer-events:none;font:40px sans-serif';
        document.body.append(decoy);
        decoy.showPopover();
      });
      await page.waitForTimeout(600);
      const at = await box();
      await page.mouse.click(at.x, at.y);
      await page.waitForTimeout(600);
      expect(await textbox.inputValue(), 'the covered click sent nothing').toBe(
        'sent through a decoy',
      );
      expect(await frame.locator('.covered-note').isVisible()).toBe(true);
      await page.screenshot({ path: 'test-results/screenshots/sidebar-covered.png' });

      await page.evaluate(() => document.getElementById('decoy')?.remove());
      await expect.poll(() => frame.locator('.covered-note').isVisible()).toBe(false);
      await page.waitForTimeout(600);
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => textbox.inputValue()).toBe('');
      await page.screenshot({ path: 'test-results/screenshots/sidebar-uncovered.png' });
    });
  });
});

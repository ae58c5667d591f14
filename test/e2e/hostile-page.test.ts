/**
 * Hostile-input suite, the hostile page (issue 8): a web page with the sidebar open forges
 * messages to the sidebar iframe and to itself, dispatches events on the sidebar's host element,
 * tries to read the iframe and the closed shadow root (even with attachShadow patched before the
 * sidebar arrives), re-targets the iframe with a forged token, and floods selections. None of it
 * sends a message, creates a conversation, reads the conversation, or opens anything.
 */
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { withSite } from './fixtures/with-site';

interface Attack {
  /** Frames the page can address before it adds its own: the real sidebar must not be one. */
  reachableFrames: number;
  captured: number;
  reads: string[];
  forged: number;
  chromeRuntime: string;
}

describe('a hostile page with the sidebar open achieves nothing', () => {
  const e2e = withSite({ settings: { fallback: false, selectionButton: true } });
  let control: Page;
  /** Floating "Ask" buttons on the page after the synthetic selection flood. */
  let floatingButtons = -1;

  beforeAll(async () => {
    control = await e2e.harness.openPage('options/options.html');
  });

  const total = async (): Promise<number> =>
    (await request<{ total: number }>(control, 'conversations/list', {})).total;

  async function openSidebar(page: Page): Promise<Frame> {
    const worker = await e2e.harness.worker();
    await worker.evaluate(async (url) => {
      const api = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(q: object): Promise<Array<{ url?: string }>> };
            commands: { onCommand: { dispatch(name: string, tab: unknown): void } };
          };
        }
      ).chrome;
      const tab = (await api.tabs.query({})).find((t) => t.url === url);
      api.commands.onCommand.dispatch('toggle-sidebar', tab);
    }, page.url());
    const prefix = `chrome-extension://${e2e.harness.extensionId}/sidebar/`;
    await expect
      .poll(() => page.frames().some((f) => f.url().startsWith(prefix)), { timeout: 15_000 })
      .toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(prefix)) as Frame;
    await frame.getByRole('textbox', { name: 'Message' }).waitFor();
    return frame;
  }

  it(
    'forged messages, host events, reads of the iframe and the shadow root, forged tokens, selection floods',
    { timeout: 120_000 },
    async () => {
      const page = await e2e.harness.context.newPage();
      // Before any extension code: capture every shadow root, even closed ones, and every message.
      await page.addInitScript(() => {
        const w = window as unknown as { __roots: ShadowRoot[] };
        w.__roots = [];
        const original = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init: ShadowRootInit) {
          const root = original.call(this, init);
          w.__roots.push(root);
          return root;
        };
      });
      await page.goto(e2e.site.pages.nonChat);
      await page.bringToFront();
      const before = await total();
      const sidebar = await openSidebar(page);
      const sidebarUrl = sidebar.url();

      const attack = await page.evaluate(
        async (sidebarPage): Promise<Attack> => {
          const reachableFrames = window.frames.length;
          // The page tries to embed the (web-accessible) sidebar page itself, with a forged token: a
          // frame it could address, forge messages to and read from. Chromium refuses the load
          // (the resource has a per-session URL); the page still posts to whatever frame it got.
          const own = document.createElement('iframe');
          own.src = `${sidebarPage}#token=forged-by-page`;
          own.style.cssText = 'width:300px;height:300px';
          document.body.append(own);
          await new Promise((resolve) => own.addEventListener('load', resolve, { once: true }));
          await new Promise((resolve) => setTimeout(resolve, 500));
          const w = window as unknown as { __roots: ShadowRoot[]; chrome?: { runtime?: unknown } };
          const reads: string[] = [];
          const attempt = (name: string, fn: () => unknown): void => {
            try {
              const value = fn();
              if (value !== undefined && value !== null && value !== '')
                reads.push(`${name}: ${String(value).slice(0, 80)}`);
            } catch {
              // refused, as it should be
            }
          };
          // The host element is an ordinary element of this page: find it, look inside.
          const hosts = Array.from(document.querySelectorAll('*')).filter((e) =>
            e.tagName.toLowerCase().startsWith('chatgptt'),
          );
          for (const host of hosts) {
            attempt('shadowRoot', () => host.shadowRoot?.innerHTML);
            attempt('innerHTML', () => host.innerHTML);
          }
          // Child browsing contexts are reachable through window.frames, shadow root or not.
          const forgeries: unknown[] = [
            { type: 'send', conversationId: null, text: 'FORGED send' },
            { type: 'sidebar/show', token: 'forged' },
            { type: 'sidebar/toggle', token: 'forged' },
            { type: 'sidebar/close' },
            { type: 'sidebar/open', payload: { selection: 'FORGED selection' } },
            { type: 'conversations/deleteAll', payload: {} },
            { type: 'conversations/list', payload: {} },
            'FORGED string',
            { prompt: 'FORGED prompt', autoSend: true },
          ];
          let forged = 0;
          for (let i = 0; i < window.frames.length; i++) {
            const frame = window.frames[i] as Window;
            attempt('frame.document', () => frame.document.body.innerText);
            attempt('frame.location.href', () => frame.location.href);
            attempt('frame.localStorage', () => frame.localStorage.length);
            for (const message of forgeries) {
              frame.postMessage(message, '*');
              forged++;
            }
          }
          for (const message of forgeries) window.postMessage(message, '*');
          // Events on the host element: clicks, keys, pointer drags of the resize handle, custom events.
          for (const host of hosts) {
            for (const type of [
              'click',
              'mousedown',
              'mouseup',
              'pointerdown',
              'pointermove',
              'pointerup',
              'focus',
              'blur',
            ]) {
              host.dispatchEvent(
                new MouseEvent(type, { bubbles: true, composed: true, clientX: 10, clientY: 10 }),
              );
            }
            host.dispatchEvent(
              new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
            );
            host.dispatchEvent(
              new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }),
            );
            host.dispatchEvent(
              new CustomEvent('chatgptt:send', {
                detail: { text: 'FORGED event' },
                bubbles: true,
                composed: true,
              }),
            );
            host.dispatchEvent(new Event('message', { bubbles: true }));
          }
          document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
          // A selection flood with synthetic mouseups (what the floating button listens to).
          const paragraph = document.createElement('p');
          paragraph.textContent = 'Flood me. '.repeat(50);
          document.body.append(paragraph);
          for (let i = 0; i < 500; i++) {
            const range = document.createRange();
            range.setStart(paragraph.firstChild as Text, i % 400);
            range.setEnd(paragraph.firstChild as Text, (i % 400) + 20);
            getSelection()?.removeAllRanges();
            getSelection()?.addRange(range);
            document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
            paragraph.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
          return {
            reachableFrames,
            captured: w.__roots.length,
            reads,
            forged,
            chromeRuntime: typeof (w.chrome?.runtime as { sendMessage?: unknown } | undefined)
              ?.sendMessage,
          };
        },
        sidebarUrl.split('#')[0] ?? '',
      );
      expect(
        attack.reachableFrames,
        'the real sidebar iframe is not addressable through window.frames',
      ).toBe(0);
      expect(
        attack.forged,
        'the page posted its forgeries to every frame it could reach',
      ).toBeGreaterThan(0);
      expect(attack.reads, 'what the page could read').toEqual([]);
      expect(attack.captured, 'shadow roots captured by a patched attachShadow').toBe(0);
      expect(attack.chromeRuntime, 'the page has no way to message the extension').toBe(
        'undefined',
      );
      floatingButtons = await page.locator('chatgptt-ask').count();

      // A forged token with a prompt in the URL of the frame the page controls: the worker gives
      // nothing for a token it did not issue, so nothing is asked.
      await page.evaluate(
        (url) => {
          for (let i = 0; i < window.frames.length; i++)
            (window.frames[i] as Window).location.href = url;
        },
        `${sidebarUrl.split('#')[0]}#token=forged-by-page&prompt=FORGED&autoSend=1`,
      );
      await page.waitForTimeout(1000);

      // Nothing happened: no conversation, no message; the page got no copy of the sidebar page
      // of its own; the real sidebar is untouched.
      expect(await total(), 'conversations created by the page').toBe(before);
      expect(sidebar.url()).toBe(sidebarUrl);
      await expect
        .poll(() => sidebar.getByRole('textbox', { name: 'Message' }).isVisible())
        .toBe(true);
      const embedded = page
        .frames()
        .filter(
          (f) =>
            f !== sidebar &&
            f.url().startsWith(`chrome-extension://${e2e.harness.extensionId}/sidebar/`),
        );
      expect(embedded, 'the page embedded its own copy of the sidebar page').toEqual([]);
      const frames = page
        .frames()
        .filter((f) => f.url().startsWith(`chrome-extension://${e2e.harness.extensionId}/`));
      for (const frame of frames) {
        const text =
          (await frame
            .locator('body')
            .innerText()
            .catch(() => '')) ?? '';
        expect(text).not.toContain('FORGED');
      }
      const list = await request<{ items: Array<{ title: string }> }>(
        control,
        'conversations/list',
        { query: 'FORGED' },
      );
      expect(list.items).toEqual([]);
      await e2e.harness.screenshot(page, 'hostile-page');
      await page.close();
    },
  );

  it('synthetic mouseups of a selection flood do not raise the floating Ask button', () => {
    // Clicking the button takes a trusted click, so a forged one opens nothing (checked above);
    // showing it should take a trusted mouseup too, or a page can pop our button at will.
    expect(floatingButtons, 'buttons shown for synthetic selections').toBe(0);
  });
});

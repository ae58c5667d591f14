/**
 * The real toolbar popup (not the page in a tab): opened by the browser with action.openPopup,
 * reached through raw CDP because Playwright does not list popup windows (test/e2e/README.md#chromium).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, SCREENSHOTS, type ExtensionHarness } from './harness';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

/** Sends CDP commands to a target that Playwright does not know, through the browser session. */
function targetCaller(browserSession: CDPSession, sessionId: string) {
  let next = 0;
  const pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  browserSession.on(
    'Target.receivedMessageFromTarget',
    (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message) as {
        id?: number;
        result?: unknown;
        error?: unknown;
      };
      if (message.id !== undefined) pending.get(message.id)?.(message);
    },
  );
  return (method: string, params: Record<string, unknown> = {}) =>
    new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      void browserSession.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
}

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
    const worker = await harness.worker();
    await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }
      ).chrome.action.openPopup(),
    );

    const browser = harness.context.browser();
    if (!browser) throw new Error('no browser handle');
    const session = await browser.newBrowserCDPSession();
    const popupUrl = `chrome-extension://${harness.extensionId}/popup/popup.html`;
    let target: TargetInfo | undefined;
    await expect
      .poll(async () => {
        const { targetInfos } = (await session.send('Target.getTargets')) as {
          targetInfos: TargetInfo[];
        };
        target = targetInfos.find((t) => t.type === 'page' && t.url === popupUrl);
        return Boolean(target);
      })
      .toBe(true);
    const { sessionId } = (await session.send('Target.attachToTarget', {
      targetId: (target as TargetInfo).targetId,
      flatten: false,
    })) as { sessionId: string };
    const call = targetCaller(session, sessionId);

    const evaluate = async (expression: string): Promise<unknown> => {
      const reply = (await call('Runtime.evaluate', { expression, returnByValue: true })) as {
        result?: { result?: { value?: unknown } };
      };
      return reply.result?.result?.value;
    };
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
    await session.detach();
    await page.close();
  });
});

/**
 * Raw CDP to a target Playwright does not list (the real toolbar popup window): sends commands
 * through the browser session (test/e2e/README.md#chromium).
 */
import type { CDPSession } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionHarness } from './harness';

export interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

/** Sends CDP commands to a target that Playwright does not know, through the browser session. */
export function targetCaller(browserSession: CDPSession, sessionId: string) {
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

/**
 * Opens the real toolbar popup over the focused window (action.openPopup needs one) and
 * attaches to it: `call` sends a CDP command, `evaluate` returns an expression's value.
 */
export async function openRealPopup(harness: ExtensionHarness): Promise<{
  call: (
    method: string,
    params?: Record<string, unknown>,
  ) => Promise<{ result?: unknown; error?: unknown }>;
  evaluate: (expression: string) => Promise<unknown>;
  detach: () => Promise<void>;
}> {
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
  return { call, evaluate, detach: () => session.detach() };
}

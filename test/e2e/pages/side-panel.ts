/**
 * The browser's side panel in e2e: whether ours is open (runtime.getContexts in the worker),
 * and a raw CDP link to its page, which Playwright does not list (as with the real popup,
 * shared/browser-testing.md: Target.attachToTarget + Target.sendMessageToTarget).
 */
import type { BrowserContext, CDPSession, Worker } from 'playwright-core';

export async function panelContexts(sw: Worker): Promise<number> {
  return sw.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { getContexts(f: { contextTypes: string[] }): Promise<unknown[]> } };
    };
    return (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length;
  });
}

export interface PanelPage {
  /**
   * Evaluates `expression` in the panel page (awaiting a promise) and returns its value;
   * `userGesture` runs it as a user's action (a click that may ask for a permission).
   */
  evaluate<T>(expression: string, options?: { userGesture?: boolean }): Promise<T>;
  screenshot(): Promise<Buffer>;
  detach(): Promise<void>;
}

export async function attachPanel(
  context: BrowserContext,
  extensionId: string,
): Promise<PanelPage> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const url = `chrome-extension://${extensionId}/panel/panel.html`;
  let target: { targetId: string } | undefined;
  for (let i = 0; i < 50 && !target; i++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    target = targetInfos.find((t) => t.type === 'page' && t.url === url);
    if (!target) await new Promise((r) => setTimeout(r, 100));
  }
  if (!target) throw new Error('the side panel page is not open');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let next = 0;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message);
    if (message.id !== undefined) pending.delete(message.id);
  });
  const call = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, (m) =>
        m.error ? reject(new Error(m.error.message)) : resolve(m.result as T),
      );
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  return {
    async evaluate<T>(expression: string, options: { userGesture?: boolean } = {}) {
      const { result, exceptionDetails } = await call<{
        result: { value: T };
        exceptionDetails?: { text: string };
      }>('Runtime.evaluate', {
        expression,
        returnByValue: true,
        awaitPromise: true,
        userGesture: options.userGesture === true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value;
    },
    async screenshot() {
      const { data } = await call<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(data, 'base64');
    },
    async detach() {
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Polls `probe` in the panel until it returns something truthy (or fails after `ms`). */
export async function panelWaitFor<T>(
  panel: PanelPage,
  expression: string,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      last = await panel.evaluate<T>(expression);
      if (last) return last as T;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`side panel: ${expression} never held (last: ${String(last)})`);
}

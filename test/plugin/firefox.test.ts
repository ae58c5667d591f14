/**
 * One conversation in real Firefox (the Firefox test build, WebDriver BiDi) against the real
 * 2.4.71 AIPKit site: two turns through the worker's turn port, the second one remembered.
 * An AIPKit site refuses a foreign Origin, so this passes only with the Origin rewrite.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../src/shared/messages';
import { canRunFirefox, launchFirefoxWithExtension } from '../e2e/firefox';
import { marker, runs, siteUrl } from './tier';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4b1';
const B = siteUrl('b');

type PortApi = {
  browser: {
    storage: { local: { set(items: object): Promise<void> } };
    runtime: {
      connect(info: { name: string }): {
        postMessage(message: unknown): void;
        onMessage: { addListener(listener: (message: unknown) => void): void };
      };
    };
  };
};

/** One turn of conversation `conversationId` (null: a new one); every event until the end. */
function sendIn(page: Page, conversationId: string | null, text: string): Promise<WatchEvent[]> {
  return page.evaluate(
    (id, message) =>
      new Promise<WatchEvent[]>((resolvePromise, reject) => {
        const events: WatchEvent[] = [];
        const port = (globalThis as unknown as PortApi).browser.runtime.connect({ name: 'turn' });
        const timer = setTimeout(() => reject(new Error(JSON.stringify(events))), 40_000);
        port.onMessage.addListener((event) => {
          events.push(event as WatchEvent);
          const type = (event as WatchEvent).type;
          if (type === 'finished' || type === 'rejected') {
            clearTimeout(timer);
            resolvePromise(events);
          }
        });
        port.postMessage({ type: 'send', conversationId: id, text: message });
      }),
    conversationId,
    text,
  );
}

const firefoxRuns = (): boolean => {
  if (!canRunFirefox) {
    console.log(
      'NOT RUN — Firefox conversation: no firefox-esr or no extension/test-firefox build',
    );
    return false;
  }
  return runs('Firefox conversation', { site: 'b' });
};

describe.runIf(firefoxRuns())('a conversation in Firefox on the real 2.4.71', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ browser, extensionPage: page } = await launchFirefoxWithExtension(UUID));
    await page.evaluate(
      (url) =>
        (globalThis as unknown as PortApi).browser.storage.local.set({
          settings: { version: 1, sites: [{ url }], defaultSite: url, fallback: false },
        }),
      `${B}/`,
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('two turns answer, the second with the first remembered', async () => {
    const word = marker('ff');
    const first = await sendIn(page, null, `Hello ${word}`);
    const done = first.at(-1);
    expect(done).toMatchObject({ type: 'finished', message: { status: 'done' } });
    if (done?.type !== 'finished') return;
    expect(done.message.text).toContain(`Hello ${word}`);
    const second = (await sendIn(page, done.conversationId, `Again ${word}`)).at(-1);
    expect(second).toMatchObject({ type: 'finished', message: { status: 'done' } });
    if (second?.type !== 'finished') return;
    // system + the first exchange + this message, kept by the AIPKit server
    expect(second.message.text).toMatch(new RegExp(`^ECHO\\[n=4\\]: Again ${word}`));
  });
});

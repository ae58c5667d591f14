/**
 * Smoke test of the same worker code in Firefox (an MV3 event page there), driven over WebDriver
 * BiDi with puppeteer-core (no geckodriver exists offline; recipe in test/e2e/README.md#firefox): the
 * router answers, a turn streams from the local test site and lands in the store, and the
 * trust tiers refuse a malformed request.
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { canRunFirefox, sendTurn } from './firefox';
import { skipNote } from '../skips';
import { withFirefoxSite } from './fixtures/with-firefox-site';

const UUID = 'd2a7c8e0-0000-4000-8000-00000000c4a7';

type PageBrowser = typeof globalThis & {
  browser: {
    runtime: {
      sendMessage(message: unknown): Promise<unknown>;
    };
    storage: { local: { set(items: object): Promise<void> } };
  };
};

const TITLE = `the background worker in Firefox${skipNote(!canRunFirefox, 'firefox')}`;
describe.skipIf(!canRunFirefox)(TITLE, () => {
  let page: Page;

  const e2e = withFirefoxSite({ uuid: UUID });
  beforeAll(() => {
    page = e2e.extensionPage;
  });

  it('answers requests and refuses malformed ones', async () => {
    const pong = await page.evaluate(() =>
      (globalThis as PageBrowser).browser.runtime.sendMessage({ type: 'ping', payload: {} }),
    );
    expect(pong).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    const refused = await page.evaluate(() =>
      (globalThis as PageBrowser).browser.runtime.sendMessage({ type: 'nope', payload: {} }),
    );
    expect(refused).toMatchObject({ ok: false, error: { kind: 'protocol' } });
  });

  it('streams a turn from the test site and stores it', async () => {
    const events = await sendTurn(page, 'Hello from Firefox');
    const finished = events.at(-1);
    expect(finished).toMatchObject({ type: 'finished', message: { status: 'done' } });
    if (finished?.type !== 'finished') return;
    expect(finished.message.text).toContain('Hello from Firefox');
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1);
    const stored = (await page.evaluate(
      (id) =>
        (globalThis as PageBrowser).browser.runtime.sendMessage({
          type: 'conversations/get',
          payload: { id },
        }),
      finished.conversationId,
    )) as { ok: true; value: { messages: Array<{ text: string; status: string }> } };
    expect(stored.value.messages.map((m) => m.status)).toEqual(['done', 'done']);
    expect(stored.value.messages[1]?.text).toBe(finished.message.text);
  });
});

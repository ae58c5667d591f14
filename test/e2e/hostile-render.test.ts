/**
 * Hostile-input suite, rendering (issue 22, items 2 and 6) in real Chromium with the built
 * extension and the local test site as the hostile chat site. A bomb answer is stored while the
 * popup is closed (the answer keeps arriving in the worker), so it is the latest conversation;
 * then the popup must still open with its text on screen and a composer that sends. Before the
 * fix, the 2 KB nested quote blanked the popup (a stack overflow in the lexer) and the 40 KB
 * emphasis paragraph froze it for well over the 10 s the polls allow (quadratic lexing).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOMBS, fill } from '../hostile/markdown-bombs';
import {
  latestConversation,
  send,
  waitAnswer,
  type StoredMessageLike,
} from '../hostile/extension-driver';
import { withSite } from './fixtures/with-site';

/** Runs in every page before its scripts: keeps the longest main-thread task seen. */
function recordLongestTask(): void {
  const w = window as unknown as { __longestTaskMs: number };
  w.__longestTaskMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      w.__longestTaskMs = Math.max(w.__longestTaskMs, entry.duration);
  }).observe({ type: 'longtask' });
}

/**
 * The longest the popup may be unresponsive while opening a stored bomb. Generous on purpose (a
 * shared 2-core machine): ours takes well under a tenth of it, the unbounded renderer over 10 s.
 */
const FROZEN_MS = 3000;

describe('Hostile answers in the popup', () => {
  const e2e = withSite({ site: { faults: { chunkDelayMs: 0 } }, settings: { fallback: false } });
  /** An extension page that stays open to ask the worker what is stored. */
  let observer: Page;

  beforeAll(async () => {
    await e2e.harness.context.addInitScript(recordLongestTask);
    observer = await e2e.harness.openPage('popup/popup.html');
  });
  afterAll(() => {
    e2e.site.configure({ reply: null });
  });

  /** Asks for `reply` in a new chat of a popup, closes the popup at once, waits until stored. */
  async function storeAnswer(reply: string): Promise<void> {
    e2e.site.configure({ reply });
    const popup = await e2e.harness.openPage('popup/popup.html');
    await popup.getByRole('button', { name: 'New chat' }).click();
    await send(popup, 'Answer me');
    await popup.locator('.cg-message.cg-user').first().waitFor();
    await popup.close();
    await expect
      .poll(
        async () => {
          const latest = await latestConversation(observer);
          const answer = latest?.messages.at(-1) as StoredMessageLike | undefined;
          return answer?.role === 'assistant' && answer.status === 'done' && answer.text === reply;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
  }

  /** Opens the popup on the stored bomb; it must show its text and send a next message. */
  async function opensUsable(marker: string): Promise<Page> {
    e2e.site.configure({ reply: null });
    const popup = await e2e.harness.openPage('popup/popup.html');
    const errors: string[] = [];
    popup.on('pageerror', (error) => errors.push(error.message));
    const answer = popup.locator('.cg-message.cg-assistant').first();
    await expect.poll(async () => (await answer.textContent()) ?? '').toContain(marker);
    const longest = await popup.evaluate(
      () => (window as unknown as { __longestTaskMs: number }).__longestTaskMs,
    );
    expect(longest, 'longest main-thread task while opening (ms)').toBeLessThan(FROZEN_MS);
    await send(popup, 'Still there?');
    expect(await waitAnswer(popup, 1)).toBe('done');
    await expect
      .poll(
        async () => (await popup.locator('.cg-message.cg-assistant').nth(1).textContent()) ?? '',
      )
      .toContain('Still there?');
    expect(errors).toEqual([]);
    return popup;
  }

  it('a stored 2 KB nested-quote answer: the popup opens, shows it, and sends', async () => {
    const bomb = BOMBS.quotes().replace(/deep$/, 'QUOTE-BOMB-END');
    await storeAnswer(bomb);
    const popup = await opensUsable('QUOTE-BOMB-END');
    // Some levels are quotes, the rest text: never 2000 nested elements.
    const quotes = await popup
      .locator('.cg-message.cg-assistant')
      .first()
      .locator('blockquote')
      .count();
    expect(quotes).toBeGreaterThan(5);
    expect(quotes).toBeLessThan(30);
    await e2e.harness.screenshot(popup, 'hostile-render-quotes');
    await popup.close();
  });

  it('a stored 40 KB emphasis-bomb paragraph: the popup opens, shows it, and sends', async () => {
    const bomb = `${fill('*a_', 40_000)} EMPHASIS-BOMB-END`;
    await storeAnswer(bomb);
    const popup = await opensUsable('EMPHASIS-BOMB-END');
    await popup.close();
  });

  it('a link whose text names another host shows the real one', async () => {
    await storeAnswer(
      'Sign in at [https://bank.example/login](https://evil.example/phish) or [the docs](https://docs.example/).',
    );
    const popup = await e2e.harness.openPage('popup/popup.html');
    const host = popup.locator('.cg-message.cg-assistant .md-link-host');
    await expect.poll(async () => host.textContent()).toBe('opens evil.example');
    expect(await popup.locator('.cg-message.cg-assistant .md-link-host').count()).toBe(1);
    await e2e.harness.screenshot(popup, 'hostile-render-link-host');
    await popup.close();
  });
});

/**
 * Reliability, issue 21 case 2 (part): two views on one conversation, in real Chromium. Two
 * popup pages show the same conversation; one sends while the other only watches, the other
 * stops it, then the other sends. Every view shows the store's text within a second of the
 * store having it, with no duplicated or interleaved text, and no turn is started twice.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { latestConversation, send, useSite } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

const SLOW_REPLY = Array.from({ length: 20 }, (_, i) => `Piece ${i} of the shared answer. `).join(
  '',
);

describe('two views on one conversation', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    site = await startSite({});
    harness = await launchExtension();
    a = await harness.openPage('popup/popup.html');
    await useSite(a, site.url);
    await a.reload();
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  const lastAnswer = (page: Page) => page.locator('.cg-message.cg-assistant').last();
  const answerText = async (page: Page) =>
    (await lastAnswer(page).locator('.md').textContent()) ?? '';

  async function storeAnswer(): Promise<{ text: string; status: string }> {
    const c = await latestConversation(a);
    const m = c?.messages.filter((x) => x.role === 'assistant').at(-1);
    return { text: m?.text ?? '', status: m?.status ?? '' };
  }

  it(
    'send in one, stop from the other, send from the other: both converge within 1 s, 0 duplicated texts, 0 turns started twice',
    {
      timeout: 120_000,
    },
    async () => {
      site.configure({ reply: 'First answer.' });
      await send(a, 'first');
      await expect
        .poll(() => lastAnswer(a).getAttribute('data-status'), { timeout: 15_000 })
        .toBe('done');
      b = await harness.openPage('popup/popup.html');
      await expect.poll(() => answerText(b), { timeout: 5_000 }).toBe('First answer.');

      // A sends; B follows it live.
      site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 60 } });
      await send(a, 'second, from A');
      await expect.poll(() => answerText(b), { timeout: 10_000 }).toContain('Piece 2');
      // B is busy too: it offers Stop, not a second Send of its own.
      expect(await b.getByRole('button', { name: 'Stop' }).count()).toBe(1);
      // B stops A's turn.
      await b.getByRole('button', { name: 'Stop' }).click();
      await expect
        .poll(async () => (await storeAnswer()).status, { timeout: 10_000 })
        .toBe('interrupted');
      const stopped = await storeAnswer();
      const started = Date.now();
      await expect.poll(() => answerText(a), { timeout: 1_000, interval: 50 }).toBe(stopped.text);
      await expect.poll(() => answerText(b), { timeout: 1_000, interval: 50 }).toBe(stopped.text);
      const converged = Date.now() - started;

      // B sends; A follows; both end on the store's text exactly (nothing doubled).
      site.configure({ reply: 'Third answer, sent from B.', faults: {} });
      await send(b, 'third, from B');
      await expect.poll(async () => (await storeAnswer()).status, { timeout: 15_000 }).toBe('done');
      const final = await storeAnswer();
      await expect.poll(() => answerText(a), { timeout: 1_000, interval: 50 }).toBe(final.text);
      await expect.poll(() => answerText(b), { timeout: 1_000, interval: 50 }).toBe(final.text);

      const c = await latestConversation(a);
      const users = c?.messages.filter((m) => m.role === 'user').map((m) => m.text);
      expect(users, 'no turn started twice').toEqual(['first', 'second, from A', 'third, from B']);
      expect(c?.messages.filter((m) => m.role === 'assistant')).toHaveLength(3);
      for (const page of [a, b]) {
        expect(await page.locator('.cg-message.cg-user').count()).toBe(3);
        expect(await page.locator('.cg-message.cg-assistant').count()).toBe(3);
      }
      console.log(
        `two views: stop converged in ${converged} ms; 0 duplicated texts; 3 turns, each started once`,
      );
    },
  );
});

/**
 * Reliability, issue 21 case 2 (part): two views on one conversation, in real Chromium. Two
 * popup pages show the same conversation; one sends while the other only watches, the other
 * stops it, then the other sends. Every view shows the store's text within a second of the
 * store having it, with no duplicated or interleaved text, and no turn is started twice.
 */
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_ACTIONS } from '../site/legacy';
import { latestConversation, send, type Surface } from '../hostile/extension-driver';
import { dispatchShortcut, tabOf, waitForSidebar } from './pages/helpers';
import { withSite } from './fixtures/with-site';

const LEGACY_CHAT: readonly string[] = LEGACY_ACTIONS;

const SLOW_REPLY = Array.from({ length: 20 }, (_, i) => `Piece ${i} of the shared answer. `).join(
  '',
);

describe('two views on one conversation', () => {
  const e2e = withSite({ settings: { fallback: false } });
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    a = await e2e.harness.openPage('popup/popup.html');
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
      e2e.site.configure({ reply: 'First answer.' });
      await send(a, 'first');
      await expect
        .poll(() => lastAnswer(a).getAttribute('data-status'), { timeout: 15_000 })
        .toBe('done');
      b = await e2e.harness.openPage('popup/popup.html');
      await expect.poll(() => answerText(b), { timeout: 5_000 }).toBe('First answer.');

      // A sends; B follows it live.
      e2e.site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 60 } });
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
      e2e.site.configure({ reply: 'Third answer, sent from B.', faults: {} });
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

/**
 * Case 2 complete: the popup and the in-page sidebars of two tabs on one conversation. One
 * sends while the others show it streaming, another stops it, a third edits the first question
 * while the others show the old branch. After each step every view shows exactly the store's
 * shown path (questions, answers, statuses) within a second, every text seen while streaming
 * is a prefix of what the store kept (nothing interleaved), and the site got one chat request
 * per turn (nothing started twice).
 */
describe('three views on one conversation: the popup and two sidebars', () => {
  const e2e = withSite({ pages: true, settings: { fallback: false } });
  let popup: Page;
  const tabs: Page[] = [];

  beforeAll(async () => {
    popup = await e2e.harness.openPage('popup/popup.html');
  });

  /** Chat requests the site received (one per turn started). */
  const chatRequests = (): number =>
    e2e.site.log.filter((e) => e.method === 'POST' && LEGACY_CHAT.includes(e.form['action'] ?? ''))
      .length;

  async function openSidebar(): Promise<Frame> {
    const tab = await e2e.harness.context.newPage();
    // A URL of its own: tabOf finds the tab by its URL.
    await tab.goto(`${e2e.pages.url}/article.html?tab=${tabs.length + 1}`);
    await tab.bringToFront();
    await dispatchShortcut(e2e.sw, await tabOf(e2e.sw, tab));
    tabs.push(tab);
    return waitForSidebar(tab, e2e.harness.extensionId);
  }

  interface Shown {
    users: string[];
    answers: string[];
    statuses: string[];
  }
  async function shownIn(view: Surface): Promise<Shown> {
    return {
      users: await view.locator('.cg-message.cg-user .cg-bubble').allTextContents(),
      answers: await view.locator('.cg-message.cg-assistant .md').allTextContents(),
      statuses: await view
        .locator('.cg-message.cg-assistant')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? '')),
    };
  }
  async function truth(): Promise<Shown> {
    const c = await latestConversation(popup);
    const answers = c?.messages.filter((m) => m.role === 'assistant') ?? [];
    return {
      users: c?.messages.filter((m) => m.role === 'user').map((m) => m.text) ?? [],
      answers: answers.map((m) => m.text),
      statuses: answers.map((m) => m.status),
    };
  }
  /** Waits for the store to settle (no answer streaming), then for every view to show it. */
  async function converge(views: Surface[], step: string): Promise<number> {
    await expect
      .poll(async () => (await truth()).statuses.includes('streaming'), { timeout: 20_000 })
      .toBe(false);
    const store = await truth();
    const started = Date.now();
    for (const view of views) {
      await expect
        .poll(() => shownIn(view), { timeout: 1_000, interval: 50, message: step })
        .toEqual(store);
    }
    return Date.now() - started;
  }

  it(
    '3 views, 7 sends (send, stop from another, send, edit while the others show the old branch, send, 2 at once): each view shows the store within 1 s, 0 interleaved texts, 6 chat requests for 6 turns',
    { timeout: 180_000 },
    async () => {
      e2e.site.configure({ reply: 'First answer.' });
      await send(popup, 'first, from the popup');
      await expect
        .poll(async () => (await truth()).statuses, { timeout: 15_000 })
        .toEqual(['done']);
      const one = await openSidebar();
      const two = await openSidebar();
      const views: Surface[] = [popup, one, two];
      const slowest: Record<string, number> = {};
      slowest['open'] = await converge(views, 'opened');

      // Sidebar one sends; the popup and sidebar two show it streaming.
      e2e.site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 60 } });
      await send(one, 'second, from sidebar one');
      const seen: string[] = [];
      // The second answer as each view shows it while it streams (once it is there).
      const secondText = async (view: Surface): Promise<string | null> => {
        const texts = await view.locator('.cg-message.cg-assistant .md').allTextContents();
        return texts[1] ?? null;
      };
      await expect
        .poll(
          async () => {
            for (const view of views) {
              const text = await secondText(view);
              if (text !== null) seen.push(text);
            }
            return (await secondText(two)) ?? '';
          },
          { timeout: 10_000 },
        )
        .toContain('Piece 3');
      // Every view is busy: Stop, not a Send of its own.
      for (const view of views) {
        expect(await view.getByRole('button', { name: 'Stop' }).count()).toBe(1);
      }
      // Sidebar two stops sidebar one's turn.
      await two.getByRole('button', { name: 'Stop' }).click();
      slowest['stop'] = await converge(views, 'stopped');
      const stopped = (await truth()).answers[1] ?? '';
      expect((await truth()).statuses).toEqual(['done', 'interrupted']);
      const interleaved = seen.filter((text) => !stopped.startsWith(text));
      expect(interleaved, 'every streamed text a prefix of the stored one').toEqual([]);

      // The popup sends; everyone follows.
      e2e.site.configure({ reply: 'Third answer.', faults: {} });
      await send(popup, 'third, from the popup');
      slowest['send'] = await converge(views, 'sent from the popup');

      // Sidebar two edits the first question while the others show the old branch.
      const first = two.locator('.cg-message.cg-user').first();
      await first.getByRole('button', { name: 'Edit' }).click();
      await two.getByRole('textbox', { name: 'Edit your message' }).fill('first, edited in two');
      e2e.site.configure({ reply: 'Edited answer.' });
      await two.getByRole('button', { name: 'Save & send' }).click();
      slowest['edit'] = await converge(views, 'edited in sidebar two');
      expect((await truth()).users).toEqual(['first, edited in two']);

      // Sidebar one goes on from the new branch.
      e2e.site.configure({ reply: 'Fifth answer.' });
      await send(one, 'fifth, from sidebar one');
      slowest['after edit'] = await converge(views, 'sent after the edit');
      expect((await truth()).users).toEqual(['first, edited in two', 'fifth, from sidebar one']);

      // Two views press Send at the same moment: one turn is taken, the other view is told the
      // conversation is busy and keeps its words in the composer.
      // (A slow answer, so the first is still running when the second arrives; the two clicks
      // are dispatched in the pages at once, not one after the other by the test.)
      e2e.site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 30 } });
      const racers: Array<[Surface, string]> = [
        [popup, 'race, from the popup'],
        [two, 'race, from sidebar two'],
      ];
      for (const [view, text] of racers)
        await view.getByRole('textbox', { name: 'Message' }).fill(text);
      const buttons = await Promise.all(
        racers.map(([view]) =>
          view.getByRole('button', { name: 'Send', exact: true }).elementHandle(),
        ),
      );
      await Promise.all(buttons.map((b) => b?.evaluate((e) => (e as HTMLElement).click())));
      // The refused view says why (no bubble of a message the store does not have) while the
      // other answer streams, and has its words back in the box.
      const refused = (view: Surface) => view.locator('[data-pending="refused"]').count();
      await expect
        .poll(async () => (await refused(popup)) + (await refused(two)), { timeout: 5_000 })
        .toBe(1);
      const loser = (await refused(popup)) === 1 ? racers[0] : racers[1];
      if (!loser) throw new Error('no racer');
      expect(await loser[0].locator('[data-pending="refused"]').textContent()).toContain(
        'Another window is getting an answer',
      );
      expect(await loser[0].getByRole('textbox', { name: 'Message' }).inputValue()).toBe(loser[1]);
      if (loser[0] === two) await e2e.harness.screenshot(tabs[1] as Page, 'two-views-busy');
      else await e2e.harness.screenshot(popup, 'two-views-busy');
      slowest['race'] = await converge(views, 'two sends at once');
      const raced = (await truth()).users.slice(2);
      expect(raced, 'one of the two racing sends taken').toHaveLength(1);
      expect(raced[0]).not.toBe(loser[1]);
      // The reason goes once that answer is done; the words stay in the box.
      expect(await refused(loser[0])).toBe(0);
      expect(await loser[0].getByRole('textbox', { name: 'Message' }).inputValue()).toBe(loser[1]);

      expect(chatRequests(), 'one chat request per turn').toBe(6);
      const worst = Math.max(...Object.values(slowest));
      console.log(
        `three views: 7 sends, 6 turns, ${chatRequests()} chat requests, ${seen.length} streamed texts seen, ` +
          `${interleaved.length} interleaved; slowest convergence ${worst} ms (${JSON.stringify(slowest)})`,
      );
    },
  );
});

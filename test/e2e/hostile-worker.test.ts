/**
 * Hostile-input suite through the real extension worker (issue 8):
 *  - bad replies: a handful of test/hostile/bad-replies.ts cases answered to the worker; each
 *    ends as a typed error (or the right text) in the store, the user's message is kept, and
 *    the worker keeps working;
 *  - worker kills: the worker is stopped 20 times in a row mid-answer; no user message is
 *    lost, every partial answer is kept as "interrupted", and each Regenerate completes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_REPLIES } from '../hostile/bad-replies';
import { startHostileServer, type HostileServer } from '../hostile/hostile-server';
import {
  ask,
  bootId,
  latestConversation,
  request,
  send,
  useSite,
  type StoredMessageLike,
} from '../hostile/extension-driver';
import { withSite } from './fixtures/with-site';

/** The cases sent through the worker: one of each family (JSON, HTTP, SSE, timeouts, page). */
const THROUGH_WORKER = [
  'json-truncated',
  'challenge-403',
  'sse-empty-200',
  'sse-invalid-utf8',
  'sse-never-ends',
  'page-no-chat',
];

const KILLS = 20;
/** ~34 chunks of 16 characters, 25 ms apart: most of a second of streaming to cut into. */
const SLOW_REPLY = Array.from(
  { length: 16 },
  (_, i) => `Sentence ${String(i).padStart(2, '0')} of a slow answer. `,
).join('');

describe('hostile replies and worker kills through the real worker', () => {
  let hostile: HostileServer;
  let page: Page;

  // Each test points the extension at the site or the hostile server itself.
  const e2e = withSite({ settings: false });
  beforeAll(async () => {
    hostile = await startHostileServer();
    page = await e2e.harness.openPage('popup/popup.html');
  });
  afterAll(async () => {
    await hostile?.close();
  });

  async function newChat(): Promise<void> {
    await page.getByRole('button', { name: 'New chat' }).click();
  }

  it(
    `${THROUGH_WORKER.length} bad replies: typed errors in the store, user message kept, worker alive`,
    { timeout: 180_000 },
    async () => {
      const boot = await bootId(page);
      const outcomes: string[] = [];
      for (const name of THROUGH_WORKER) {
        const c = BAD_REPLIES.find((r) => r.name === name);
        if (!c) throw new Error(`no case ${name}`);
        await useSite(page, hostile.pageOf(name), { firstByteTimeoutSec: 1, idleTimeoutSec: 1 });
        await newChat();
        const text = `bad reply case ${name}`;
        const status = await ask(page, text, 30_000);
        const conversation = await latestConversation(page);
        const user = conversation?.messages.find((m) => m.role === 'user');
        const answer = conversation?.messages.filter((m) => m.role === 'assistant').at(-1);
        expect(user?.text, `${name}: user message kept`).toBe(text);
        if (status === 'done') {
          expect(
            c.expect.text,
            `${name}: answered "${answer?.text.slice(0, 60)}" but an error was expected`,
          ).toBeDefined();
          expect(answer?.text === c.expect.text, `${name}: text differs`).toBe(true);
        } else {
          expect(status, name).toBe('error');
          expect(
            c.expect.errors ?? [],
            `${name}: ${answer?.error?.kind}: ${answer?.error?.message}`,
          ).toContain(answer?.error?.kind);
        }
        outcomes.push(`${name}: ${status} ${answer?.error?.kind ?? ''}`);
        // The error is shown to the user, with something to do about it.
        await expect
          .poll(() => page.locator('.cg-message.cg-assistant').last().textContent())
          .not.toBe('');
      }
      await e2e.harness.screenshot(page, 'hostile-worker-bad-reply');
      // The worker kept working: same boot, and a good site still answers.
      expect(await bootId(page)).toBe(boot);
      await useSite(page, e2e.site.url, { firstByteTimeoutSec: 30, idleTimeoutSec: 30 });
      await page.reload();
      await newChat();
      expect(await ask(page, 'after the bad replies')).toBe('done');
      console.log(outcomes.join('\n'));
    },
  );

  it(
    `the worker stopped ${KILLS} times mid-answer: no message lost, partials kept, every Regenerate completes`,
    { timeout: 300_000 },
    async () => {
      e2e.site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 25 } });
      await useSite(page, e2e.site.url);
      await page.reload();
      await newChat();
      let reloadsNeeded = 0;
      const partials: number[] = [];
      for (let i = 0; i < KILLS; i++) {
        const text = `kill ${i}`;
        const before = await page.locator('.cg-message.cg-assistant').count();
        await send(page, text);
        const answer = page.locator('.cg-message.cg-assistant').nth(before);
        // Mid-answer: text on screen and some of it already in the store (the worker writes
        // deltas in batches of ~100 ms; what it has not written yet dies with it), not finished.
        await expect
          .poll(async () => ((await answer.textContent()) ?? '').includes('Sentence 01'), {
            timeout: 15_000,
            interval: 50,
          })
          .toBe(true);
        let storedBefore = 0;
        await expect
          .poll(
            async () => {
              const conversation = await latestConversation(page).catch(() => null);
              storedBefore =
                conversation?.messages.filter((m) => m.role === 'assistant').at(-1)?.text.length ??
                0;
              return storedBefore;
            },
            { timeout: 15_000, interval: 50 },
          )
          .toBeGreaterThan(0);
        expect(await answer.getAttribute('data-status')).toBe('streaming');
        await e2e.harness.stopWorker();
        // Any request wakes the worker; its start-up recovery marks the cut answer interrupted.
        let stored: StoredMessageLike | undefined;
        await expect
          .poll(
            async () => {
              const conversation = await latestConversation(page).catch(() => null);
              stored = conversation?.messages.filter((m) => m.role === 'assistant').at(-1);
              return stored?.status;
            },
            { timeout: 15_000, interval: 50 },
          )
          .toBe('interrupted');
        expect(stored?.text.length, `kill ${i}: partial kept`).toBeGreaterThanOrEqual(storedBefore);
        expect(
          SLOW_REPLY.startsWith(stored?.text ?? '-'),
          `kill ${i}: the partial is a prefix of the answer`,
        ).toBe(true);
        partials.push(stored?.text.length ?? 0);
        // The view follows the store; if it lost track of the dead worker, reopening must show it.
        const shown = await expect
          .poll(() => answer.getAttribute('data-status'), { timeout: 5_000, interval: 50 })
          .toBe('interrupted')
          .then(() => true)
          .catch(() => false);
        if (!shown) {
          reloadsNeeded++;
          await page.reload();
        }
        const cut = page.locator('.cg-message.cg-assistant').nth(before);
        await expect
          .poll(() => cut.getAttribute('data-status'), { timeout: 10_000, interval: 50 })
          .toBe('interrupted');
        // Its partial text stands: it is answered anew with Regenerate (Retry is for failures).
        await cut.getByRole('button', { name: 'Regenerate' }).click();
        await expect
          .poll(
            () => page.locator('.cg-message.cg-assistant').nth(before).getAttribute('data-status'),
            { timeout: 20_000, interval: 50 },
          )
          .toBe('done');
      }
      const conversation = await latestConversation(page);
      const users =
        conversation?.messages.filter((m) => m.role === 'user').map((m) => m.text) ?? [];
      expect(users).toEqual(Array.from({ length: KILLS }, (_, i) => `kill ${i}`));
      const answers = conversation?.messages.filter((m) => m.role === 'assistant') ?? [];
      expect(answers).toHaveLength(KILLS);
      for (const answer of answers) {
        expect(answer.status).toBe('done');
        expect(answer.text === SLOW_REPLY).toBe(true);
      }
      await e2e.harness.screenshot(page, 'hostile-worker-kills');
      console.log(
        `partial lengths ${partials.join(',')}; popup reloads needed after a kill: ${reloadsNeeded}`,
      );
      // Reported, not hidden: a view that needs reopening after a worker restart is a UI gap.
      expect(
        reloadsNeeded,
        'times the open popup did not notice the interrupted answer by itself',
      ).toBe(0);
      await request(page, 'ping');
    },
  );
});

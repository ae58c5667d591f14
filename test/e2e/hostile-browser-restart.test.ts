/**
 * Reliability, issue 21 case 3: the whole browser closes while an answer streams. Real Chromium
 * on a kept profile is closed mid-answer (the worker dies with it, no chance to write), then
 * started again on the same profile: the answer is marked interrupted with the partial text it
 * had stored, Continue finishes it, and every other message is as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { ask, latestConversation, send, useSite } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

const RESTARTS = 3;
const SLOW_REPLY = Array.from(
  { length: 24 },
  (_, i) => `Sentence ${String(i).padStart(2, '0')} of an answer cut by a browser restart. `,
).join('');

describe('browser restart mid-answer', () => {
  let site: TestSite;
  let profile: string;
  let harness: ExtensionHarness | undefined;

  beforeAll(async () => {
    site = await startSite({});
    profile = mkdtempSync(join(tmpdir(), 'chatgptt-restart-'));
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it(
    `${RESTARTS} browser restarts mid-answer: each answer interrupted with its partial text, Continue completes it, 0 other messages changed`,
    {
      timeout: 240_000,
    },
    async () => {
      harness = await launchExtension({ userDataDir: profile });
      let page = await harness.openPage('popup/popup.html');
      await useSite(page, site.url);
      await page.reload();
      site.configure({ reply: 'A short answer that is done.' });
      expect(await ask(page, 'a question before the restarts')).toBe('done');
      const partials: number[] = [];
      for (let i = 0; i < RESTARTS; i++) {
        const before = await latestConversation(page);
        site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 40 } });
        const count = await page.locator('.cg-message.cg-assistant').count();
        await send(page, `restart ${i}`);
        // Some of the answer stored (the worker writes in ~100 ms batches), not finished.
        await expect
          .poll(
            async () => {
              const c = await latestConversation(page).catch(() => null);
              return c?.messages.at(-1)?.text.length ?? 0;
            },
            { timeout: 15_000, interval: 50 },
          )
          .toBeGreaterThan(40);
        await harness.close();

        harness = await launchExtension({ userDataDir: profile });
        page = await harness.openPage('popup/popup.html');
        site.configure({ reply: SLOW_REPLY });
        const after = await latestConversation(page);
        const cut = after?.messages.at(-1);
        expect(cut?.status, `restart ${i}`).toBe('interrupted');
        expect(SLOW_REPLY.startsWith(cut?.text ?? '-'), 'the partial is a prefix').toBe(true);
        expect(cut?.text.length).toBeGreaterThan(0);
        partials.push(cut?.text.length ?? 0);
        // Nothing else changed: the earlier messages are exactly as before, the question kept.
        expect(after?.messages.slice(0, before?.messages.length ?? 0)).toEqual(before?.messages);
        expect(after?.messages.at(-2)?.text).toBe(`restart ${i}`);
        // The popup shows it interrupted; Continue asks for the rest and appends it.
        const answer = page.locator('.cg-message.cg-assistant').nth(count);
        await expect
          .poll(() => answer.getAttribute('data-status'), { timeout: 10_000 })
          .toBe('interrupted');
        if (i === 0) await harness.screenshot(page, 'browser-restart-interrupted');
        await answer.getByRole('button', { name: 'Continue' }).click();
        await expect
          .poll(() => answer.getAttribute('data-status'), { timeout: 20_000 })
          .toBe('done');
        const continued = (await latestConversation(page))?.messages.at(-1);
        expect(continued?.id).toBe(cut?.id);
        expect(continued?.text.startsWith(cut?.text ?? '-')).toBe(true);
        expect(continued?.text.length).toBeGreaterThan(cut?.text.length ?? 0);
      }
      const users = (await latestConversation(page))?.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.text);
      expect(users).toEqual([
        'a question before the restarts',
        ...Array.from({ length: RESTARTS }, (_, i) => `restart ${i}`),
      ]);
      console.log(
        `${RESTARTS} browser restarts mid-answer; partial lengths ${partials.join(',')}; 0 messages lost`,
      );
    },
  );
});

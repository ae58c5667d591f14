/**
 * Reliability, issue 21 case 6: offline and back, in real Chromium. The browser goes offline
 * (Playwright's network emulation: the pages' navigator.onLine turns false and they get the
 * `offline` event) and the chat site goes down with it (its server stops, so the worker's fetch
 * fails for real), before a send and in the middle of an answer. The answer says "you are
 * offline", the question is kept in the store, and when the network is back (the `online`
 * event, the site up again on the same port) one click on Retry answers it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { latestConversation, send, useSite } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

const SLOW_REPLY = Array.from({ length: 30 }, (_, i) => `Part ${i} of a slow answer. `).join('');

describe('offline and back', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  let port: number;
  let page: Page;

  beforeAll(async () => {
    site = await startSite({});
    port = Number(new URL(site.url).port);
    harness = await launchExtension();
    page = await harness.openPage('popup/popup.html');
    await useSite(page, site.url, { firstByteTimeoutSec: 5, idleTimeoutSec: 2 });
    await page.reload();
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  async function goOffline(): Promise<void> {
    await harness.context.setOffline(true);
    await site.close();
  }
  async function comeBack(): Promise<void> {
    site = await startSite({ port });
    site.configure({ reply: 'Answered once the network was back.' });
    await harness.context.setOffline(false);
  }

  const answer = (i: number) => page.locator('.cg-message.cg-assistant').nth(i);

  it(
    'offline 2 times (before send, mid-stream): "you are offline", 0 questions lost, 1 click each when back',
    {
      timeout: 120_000,
    },
    async () => {
      const cases = ['before send', 'mid-stream'];
      let clicks = 0;
      for (const [i, when] of cases.entries()) {
        const question = `offline question ${i} (${when})`;
        if (when === 'before send') {
          await goOffline();
          await send(page, question);
        } else {
          site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 60 } });
          await send(page, question);
          await expect
            .poll(async () => (await answer(i).textContent()) ?? '', { timeout: 15_000 })
            .toContain('Part 2');
          await goOffline();
        }
        const notice = answer(i).locator('.cg-error');
        await expect
          .poll(() => notice.getAttribute('data-kind'), { timeout: 20_000 })
          .toBe('offline');
        expect(await notice.textContent()).toContain('You are offline');
        // No way to send while offline: the button comes with the connection.
        expect(await notice.getByRole('button', { name: 'Retry' }).count()).toBe(0);
        const stored = await latestConversation(page);
        expect(stored?.messages.filter((m) => m.role === 'user').at(-1)?.text).toBe(question);
        if (i === 0) await harness.screenshot(page, 'offline-notice');

        await comeBack();
        await expect
          .poll(() => notice.getAttribute('data-online'), { timeout: 10_000 })
          .toBe('true');
        expect(await notice.textContent()).toContain('You are back online');
        // Mid-stream the partial answer stands: it is continued; before send it is answered.
        await notice
          .getByRole('button', { name: when === 'mid-stream' ? 'Continue' : 'Retry' })
          .click();
        clicks++;
        await expect
          .poll(() => answer(i).getAttribute('data-status'), { timeout: 20_000 })
          .toBe('done');
        expect(await answer(i).textContent()).toContain('Answered once the network was back.');
      }
      const conversation = await latestConversation(page);
      const users = conversation?.messages.filter((m) => m.role === 'user').map((m) => m.text);
      expect(users).toEqual(cases.map((when, i) => `offline question ${i} (${when})`));
      console.log(
        `offline ${cases.length} times (before send, mid-stream): 0 questions lost, ${clicks} clicks to resend`,
      );
    },
  );
});

/**
 * The automatic choice (Options → Chat, "Send automatically when back online"): two popups on
 * one conversation, the question sent offline from one; when the network is back, with no
 * click, it is sent once (one chat request at the site, not one per view) and both show it.
 */
describe('offline and back, sent automatically', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  let port: number;

  beforeAll(async () => {
    site = await startSite({});
    port = Number(new URL(site.url).port);
    harness = await launchExtension();
  });
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  it(
    '2 views, 1 question sent offline, 0 clicks when back: 1 chat request, both views show the answer',
    { timeout: 120_000 },
    async () => {
      const a = await harness.openPage('popup/popup.html');
      await useSite(a, site.url, { firstByteTimeoutSec: 5, idleTimeoutSec: 2 });
      // The user's choice, made on the options page.
      const options = await harness.openPage('options/options.html');
      const choice = options.getByRole('checkbox', { name: /Send automatically when back online/ });
      expect(await choice.isChecked()).toBe(false);
      await choice.check();
      await choice.scrollIntoViewIfNeeded();
      await harness.screenshot(options, 'options-auto-resend');
      await expect
        .poll(() =>
          options.evaluate(async () => {
            const { chrome } = globalThis as unknown as {
              chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
            };
            return (
              (await chrome.storage.local.get('settings'))['settings'] as {
                autoResend?: boolean;
              }
            ).autoResend;
          }),
        )
        .toBe(true);
      await options.close();
      await a.reload();
      site.configure({ reply: 'A first answer.' });
      await send(a, 'online first');
      const answer = (page: Page, i: number) => page.locator('.cg-message.cg-assistant').nth(i);
      await expect.poll(() => answer(a, 0).getAttribute('data-status')).toBe('done');
      const b = await harness.openPage('popup/popup.html');
      await expect.poll(() => answer(b, 0).getAttribute('data-status')).toBe('done');

      await harness.context.setOffline(true);
      await site.close();
      await send(a, 'sent while offline');
      for (const page of [a, b]) {
        await expect
          .poll(() => answer(page, 1).locator('.cg-error').getAttribute('data-kind'), {
            timeout: 20_000,
          })
          .toBe('offline');
      }
      site = await startSite({ port });
      site.configure({ reply: 'Sent by itself once the network was back.' });
      await harness.context.setOffline(false);
      for (const page of [a, b]) {
        await expect
          .poll(() => answer(page, 1).getAttribute('data-status'), { timeout: 20_000 })
          .toBe('done');
        expect(await answer(page, 1).textContent()).toContain('Sent by itself');
      }
      // Give a late second resend its chance to show up: there is none.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // The restarted site has a new nonce secret: the worker's cached nonce is refused once
      // (403) and read again; one answered request is one turn.
      const posts = site.log.filter((e) => e.method === 'POST' && e.form['message'] !== undefined);
      const chats = posts.filter((e) => e.status === 200);
      expect(
        posts.map((e) => [e.status, e.form['message']]),
        'one turn',
      ).toEqual([
        [403, 'sent while offline'],
        [200, 'sent while offline'],
      ]);
      for (const page of [a, b]) expect(await page.locator('.cg-notice').count()).toBe(0);
      const users = (await latestConversation(a))?.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.text);
      expect(users).toEqual(['online first', 'sent while offline']);
      console.log(`auto resend: 2 views, 0 clicks, ${chats.length} chat request when back online`);
    },
  );
});

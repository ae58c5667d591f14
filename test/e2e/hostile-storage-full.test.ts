/**
 * Reliability, issue 21 case 1: the browser's storage for ChatGptt is full. Real Chromium gives
 * the extension a small quota (CDP `Storage.overrideQuotaForOrigin`): its worker script plus
 * ~60 KB, so a few turns fit and a big one does not; IndexedDB refuses that write with a real
 * QuotaExceededError. (Chromium reads the quota when a database is first opened, so it is set
 * before the extension is installed; the extension id of an unpacked build is its path's hash.) Sending then says plainly that storage is full and where
 * to make room, the typed message is back in the composer, nothing of the refused turn is stored
 * and what was stored before is intact; the options page shows the space used and the largest
 * conversations, deleting one there makes room, and the same words then send.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { ask, latestConversation, request, send, useSite } from '../hostile/extension-driver';
import { TEST_EXTENSION, launchThenInstall, type ExtensionHarness } from './harness';

/** Chromium's id for an unpacked extension: the path's SHA-256, its first 32 hex digits as a–p. */
function unpackedId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Big and incompressible (the store compresses: a repeated phrase would fit in the few bytes
 * left), so no rounding of the quota check lets it through. Deterministic, so reruns compare.
 */
const BIG_QUESTION = `Please keep this question: ${noise(150_000)} end.`;
/** Room for the database beyond the worker's script. */
const ROOM = 60_000;

function noise(length: number): string {
  let seed = 21;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += (seed % 36).toString(36);
    if (seed % 7 === 0) out += ' ';
  }
  return out;
}

interface ListedConversation {
  id: string;
  messageCount: number;
}

describe('storage full (IndexedDB quota exceeded)', () => {
  let harness: ExtensionHarness;
  let site: TestSite;
  let page: Page;
  let cdp: CDPSession;
  let origin: string;

  beforeAll(async () => {
    site = await startSite({});
    const late = await launchThenInstall();
    const web = await late.context.newPage();
    await web.goto(site.url);
    cdp = await late.context.newCDPSession(web);
    origin = `chrome-extension://${unpackedId(TEST_EXTENSION)}`;
    // The service worker's registration counts: it is the worker script's size.
    const script = statSync(join(TEST_EXTENSION, 'background.js')).size;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: script + ROOM });
    harness = await late.install();
    expect(`chrome-extension://${harness.extensionId}`).toBe(origin);
    page = await harness.openPage('popup/popup.html');
    await useSite(page, site.url);
    await page.reload();
  });
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
    await harness?.close();
    await site?.close();
  });

  /** What the browser's quota manager counts (navigator.storage.estimate ignores an override). */
  async function usageAndQuota(): Promise<{ usage: number; quota: number }> {
    return cdp.send('Storage.getUsageAndQuota', { origin });
  }

  async function listed(): Promise<ListedConversation[]> {
    const { items } = await request<{ items: ListedConversation[] }>(page, 'conversations/list', {
      limit: 100,
    });
    return items;
  }

  it(
    '3 sends into a full store: refused in plain words, 0 half-written turns, 0 words lost (kept in the composer)',
    {
      timeout: 120_000,
    },
    async () => {
      // Something stored first, which must survive.
      site.configure({ reply: 'The first answer, stored before the disk filled up.' });
      expect(await ask(page, 'first question')).toBe('done');
      expect(await ask(page, 'second question')).toBe('done');
      const before = await latestConversation(page);
      const listBefore = await listed();
      expect(before?.messages).toHaveLength(4);

      const { usage, quota } = await usageAndQuota();
      console.log(
        `usage ${usage} bytes of a ${quota} byte quota; sending ${BIG_QUESTION.length} characters`,
      );

      let refusals = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        await send(page, BIG_QUESTION);
        const notice = page.locator('.cg-message[data-pending="true"] .cg-error');
        await notice.waitFor({ timeout: 15_000 });
        await expect
          .poll(() => notice.getAttribute('data-kind'), { timeout: 15_000 })
          .toBe('storage-full');
        refusals++;
        expect(await notice.textContent()).toContain('storage for ChatGptt is full');
        expect(await notice.getByRole('button', { name: 'Open settings' }).isVisible()).toBe(true);
        // The words are back in the composer, whole.
        await expect
          .poll(() => page.getByRole('textbox', { name: 'Message' }).inputValue())
          .toBe(BIG_QUESTION);
        // Nothing of the refused turn was written; what was there is unchanged.
        const after = await latestConversation(page);
        expect(after?.id).toBe(before?.id);
        expect(after?.messages.map((m) => [m.role, m.text, m.status])).toEqual(
          before?.messages.map((m) => [m.role, m.text, m.status]),
        );
        expect(await listed()).toEqual(listBefore);
      }
      await harness.screenshot(page, 'storage-full-popup');

      // The way out: the options page shows the space used and the largest conversations.
      const options = await harness.openPage('options/options.html');
      await expect.poll(() => options.getByTestId('storage-used').textContent()).toContain('use');
      await expect
        .poll(() => options.getByTestId('storage-used').textContent())
        .toContain('Room left for ChatGptt');
      const largest = options.getByTestId('largest-conversations');
      await expect.poll(() => largest.textContent()).toContain('first question');
      await largest.scrollIntoViewIfNeeded();
      await harness.screenshot(options, 'storage-full-options');
      await largest.getByRole('button', { name: 'Delete: first question' }).click();
      await expect.poll(async () => (await listed()).length).toBe(listBefore.length - 1);
      await options.close();

      // The store still works for what fits: a short question sends, in one click.
      await page.reload();
      await page.getByRole('button', { name: 'New chat' }).click();
      expect(await ask(page, 'a short question after the refusals')).toBe('done');
      const sent = await latestConversation(page);
      expect(sent?.messages[0]?.text).toBe('a short question after the refusals');
      console.log(`storage full: ${refusals} sends refused, 0 half-written turns, 0 words lost`);
    },
  );
});

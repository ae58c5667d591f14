/**
 * Reliability, issue 21 case 4: the extension reloaded mid-answer, in real Chromium. An answer
 * streams in the popup while the in-page sidebar of a tab follows it and the options page is
 * open; `chrome.runtime.reload()` runs in the worker. Chromium closes the extension's own tabs
 * (popup and options opened as tabs) itself; the sidebar, framed in a web page, stays and says
 * "ChatGptt was updated" instead of vanishing or failing silently, and its Close works without
 * the worker. The new worker marks the answer interrupted with its partial text, Continue
 * finishes it, a new sidebar opens by the shortcut, and no turn was started twice.
 *
 * Developer mode is turned on first: without it Chromium disables an extension loaded with
 * --load-extension when it reloads ("unsupportedDeveloperExtension"), which no user meets.
 */
import type { Frame, Worker } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_ACTIONS } from '../site/legacy';
import { latestConversation, send, useSite } from '../hostile/extension-driver';
import { dispatchShortcut, hostCount, tabOf, waitForSidebar } from './pages/helpers';
import { withSite } from './fixtures/with-site';

const SLOW_REPLY = Array.from({ length: 60 }, (_, i) => `Piece ${i} of the long answer. `).join('');
const LEGACY_CHAT: readonly string[] = LEGACY_ACTIONS;

interface DeveloperPrivate {
  updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
}

describe('the extension reloaded mid-answer', () => {
  // The test points the extension at the site itself.
  const e2e = withSite({ pages: true, settings: false });
  beforeAll(async () => {
    const extensions = await e2e.harness.context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(() =>
      (
        globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }
      ).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }),
    );
    await extensions.close();
  });

  const chatRequests = (): number =>
    e2e.site.log.filter((e) => e.method === 'POST' && LEGACY_CHAT.includes(e.form['action'] ?? ''))
      .length;

  async function reload(sw: Worker): Promise<Worker> {
    const fresh = e2e.harness.context.waitForEvent('serviceworker', { timeout: 20_000 });
    // The worker goes away while answering this evaluation.
    await sw
      .evaluate(() =>
        (
          globalThis as unknown as { chrome: { runtime: { reload(): void } } }
        ).chrome.runtime.reload(),
      )
      .catch(() => undefined);
    return fresh;
  }

  it(
    '1 reload while an answer streams (popup, sidebar, options open): 2 extension tabs closed by Chromium, the sidebar says "updated", 0 words lost, Continue finishes it, 3 chat requests for 3 turns',
    { timeout: 120_000 },
    async () => {
      const popup = await e2e.harness.openPage('popup/popup.html');
      await useSite(popup, e2e.site.url);
      await popup.reload();
      e2e.site.configure({ reply: 'Short first answer.' });
      await send(popup, 'first question');
      await expect
        .poll(() => popup.locator('.cg-assistant').last().getAttribute('data-status'), {
          timeout: 15_000,
        })
        .toBe('done');
      const options = await e2e.harness.openPage('options/options.html');
      const tab = await e2e.harness.context.newPage();
      await tab.goto(`${e2e.pages.url}/article.html`);
      await tab.bringToFront();
      const sw = await e2e.harness.worker();
      await dispatchShortcut(sw, await tabOf(sw, tab));
      const sidebar: Frame = await waitForSidebar(tab, e2e.harness.extensionId);

      e2e.site.configure({ reply: SLOW_REPLY, faults: { chunkDelayMs: 80 } });
      await send(popup, 'the question before the reload');
      const sidebarAnswer = sidebar.locator('.cg-message.cg-assistant .md').last();
      await expect
        .poll(async () => (await sidebarAnswer.textContent()) ?? '', { timeout: 15_000 })
        .toContain('Piece 3');

      const newWorker = await reload(sw);
      expect(new URL(newWorker.url()).host).toBe(e2e.harness.extensionId);

      // Chromium closes the extension's tabs on reload: the popup and the options page.
      await expect
        .poll(() => popup.isClosed() && options.isClosed(), { timeout: 10_000 })
        .toBe(true);
      // The sidebar of the old version stays and says so, with what it showed.
      const notice = sidebar.locator('[data-kind="updated"]');
      await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
      expect(await notice.textContent()).toContain('ChatGptt was updated');
      expect(await sidebarAnswer.textContent()).toContain('Piece 3');
      // Still there a few seconds later (the old content script used to remove it within 1 s).
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await hostCount(tab)).toBe(1);
      await e2e.harness.screenshot(tab, 'extension-reload-sidebar');

      // The new worker kept everything: the question, the partial answer marked interrupted.
      const fresh = await e2e.harness.openPage('popup/popup.html');
      const stored = await latestConversation(fresh);
      const users = stored?.messages.filter((m) => m.role === 'user').map((m) => m.text);
      expect(users).toEqual(['first question', 'the question before the reload']);
      const partial = stored?.messages.at(-1);
      expect(partial?.status).toBe('interrupted');
      expect(partial?.text.length).toBeGreaterThan(0);
      expect(SLOW_REPLY.startsWith(partial?.text ?? '-')).toBe(true);

      // Continue from the reopened popup finishes it.
      e2e.site.configure({ reply: 'And that is the rest.', faults: {} });
      const answer = fresh.locator('.cg-message.cg-assistant').last();
      await answer.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => answer.getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
      const done = (await latestConversation(fresh))?.messages.at(-1);
      expect(done?.text.startsWith(partial?.text ?? '-')).toBe(true);
      expect(done?.text).toContain('And that is the rest.');

      // The old sidebar closes with no worker; the new one opens by the shortcut, on the same
      // conversation.
      await notice.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => hostCount(tab), { timeout: 5_000 }).toBe(0);
      await tab.bringToFront();
      await dispatchShortcut(newWorker, await tabOf(newWorker, tab));
      const reopened = await waitForSidebar(tab, e2e.harness.extensionId);
      await expect
        .poll(
          async () =>
            (await reopened.locator('.cg-message.cg-assistant .md').last().textContent()) ?? '',
          {
            timeout: 10_000,
          },
        )
        .toContain('And that is the rest.');
      expect(await hostCount(tab)).toBe(1);

      expect(chatRequests(), 'first, the one cut by the reload, Continue').toBe(3);
      console.log(
        `extension reload mid-answer: 2 extension tabs closed by Chromium, 1 sidebar kept with the notice, ` +
          `partial ${partial?.text.length} chars kept and continued, ${chatRequests()} chat requests for 3 turns`,
      );
    },
  );
});

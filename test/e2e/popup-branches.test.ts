/**
 * Versions and branches in the popup through the real worker and the test site (issue 12):
 *  - edit the first of four turns: the new branch shows `2 / 2`; going back (by keyboard)
 *    shows branch 1 with all four turns;
 *  - regenerate twice: `3 / 3`, each version readable;
 *  - a follow-up after switching is sent exactly the shown path (ECHO count, last message,
 *    and the history the site received holds no hidden version);
 *  - a JSON export of the branched conversation, deleted and imported again, is the same tree;
 *  - the worker stopped mid-answer of an edit and of a regenerate: nothing is lost, the new
 *    version is kept interrupted and the old one is whole.
 * Screenshots of the switcher in light, dark and Russian.
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { latestConversation, request } from '../hostile/extension-driver';
import { useSite } from './background-driver';
import { withSite } from './fixtures/with-site';

const ANSWER = '.cg-message.cg-assistant';
const USER = '.cg-message.cg-user';
const SLOW = Array.from({ length: 24 }, (_, i) => `Slow sentence ${i}. `).join('');

describe('versions and branches, in the popup', () => {
  const e2e = withSite({ site: { faults: { chunkDelayMs: 2 } }, settings: { fallback: false } });
  let page: Page;

  const answers = () => page.locator(ANSWER);
  const users = () => page.locator(USER);
  const lastAnswer = () => answers().last();
  const settled = (answer: Locator) =>
    expect
      .poll(() => answer.getAttribute('data-status'), { timeout: 30_000 })
      .toMatch(/done|error|interrupted/);
  const switcher = (message: Locator, kind: 'question' | 'answer') =>
    message.getByRole('group', { name: `Versions of this ${kind}` });
  const position = async (message: Locator, kind: 'question' | 'answer') =>
    (await switcher(message, kind).locator('.cg-version-position').textContent())?.trim();
  const shownTexts = async () =>
    (await page.locator(`${USER} .cg-bubble`).allTextContents()).map((t) => t.trim());

  async function ask(text: string): Promise<string> {
    const before = await answers().count();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill(text);
    await composer.press('Enter');
    await expect.poll(() => answers().count(), { timeout: 10_000 }).toBe(before + 1);
    await settled(lastAnswer());
    return (await lastAnswer().locator('.md').textContent()) ?? '';
  }

  async function newChat(): Promise<void> {
    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => answers().count()).toBe(0);
  }

  async function editFirst(text: string): Promise<void> {
    const first = users().first();
    await first.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: 'Edit your message' }).fill(text);
    await page.getByRole('button', { name: 'Save & send' }).click();
  }

  beforeAll(async () => {
    page = await e2e.harness.openPage('popup/popup.html');
    await page.setViewportSize({ width: 400, height: 600 });
  });

  it('edit the first of four turns: 2 / 2, and back to branch 1 with all four turns', async () => {
    for (let i = 1; i <= 4; i++) {
      expect(await ask(`turn ${i}`)).toContain(`ECHO[n=${2 * i}]: turn ${i}`);
    }
    await editFirst('turn 1, edited');
    await expect.poll(() => answers().count()).toBe(1);
    await settled(lastAnswer());
    expect(await lastAnswer().locator('.md').textContent()).toContain('ECHO[n=2]: turn 1, edited');
    await expect.poll(() => position(users().first(), 'question')).toBe('2 / 2');
    const group = switcher(users().first(), 'question');
    expect(await group.getByRole('button', { name: 'Next version' }).isDisabled()).toBe(true);
    await e2e.harness.screenshot(page, 'popup-branches-light');

    for (const [patch, name, label] of [
      [{ theme: 'dark' }, 'popup-branches-dark', 'Versions of this question'],
      [{ theme: 'light', language: 'ru' }, 'popup-branches-ru', 'Версии этого вопроса'],
    ] as const) {
      await useSite(page, `${e2e.site.url}/`, { fallback: false, ...patch });
      await page.reload();
      await expect.poll(() => page.getByRole('group', { name: label }).count()).toBe(1);
      await e2e.harness.screenshot(page, name);
    }
    await useSite(page, `${e2e.site.url}/`, { fallback: false, theme: 'light', language: 'en' });
    await page.reload();

    // By keyboard: focus "Previous version" and press Enter.
    await switcher(users().first(), 'question')
      .getByRole('button', { name: 'Previous version' })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => answers().count()).toBe(4);
    expect(await shownTexts()).toEqual(['turn 1', 'turn 2', 'turn 3', 'turn 4']);
    const texts = await answers().locator('.md').allTextContents();
    texts.forEach((text, i) => expect(text).toContain(`ECHO[n=${2 * (i + 1)}]: turn ${i + 1}`));
    expect(await position(users().first(), 'question')).toBe('1 / 2');
    // Remembered by the worker: a reopened popup shows the same branch.
    await page.reload();
    await expect.poll(() => answers().count()).toBe(4);
    expect(await position(users().first(), 'question')).toBe('1 / 2');
  });

  it('regenerate twice: 3 / 3, each version readable; a follow-up goes from the version shown', async () => {
    for (const n of [2, 3]) {
      e2e.site.configure({ reply: `Answer version ${n}.` });
      await lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
      await expect.poll(() => lastAnswer().getAttribute('data-status')).toBe('done');
      await expect
        .poll(() => lastAnswer().locator('.md').textContent())
        .toContain(`Answer version ${n}.`);
    }
    e2e.site.configure({ reply: null });
    expect(await answers().count()).toBe(4);
    await expect.poll(() => position(lastAnswer(), 'answer')).toBe('3 / 3');
    await e2e.harness.screenshot(page, 'popup-branches-answer-versions');
    const previous = () =>
      switcher(lastAnswer(), 'answer').getByRole('button', { name: 'Previous version' });
    await previous().click();
    await expect.poll(() => position(lastAnswer(), 'answer')).toBe('2 / 3');
    expect(await lastAnswer().locator('.md').textContent()).toContain('Answer version 2.');
    await previous().click();
    await expect.poll(() => position(lastAnswer(), 'answer')).toBe('1 / 3');
    expect(await lastAnswer().locator('.md').textContent()).toContain('ECHO[n=8]: turn 4');

    e2e.site.clearLog();
    const reply = await ask('turn 5');
    // preamble + the eight shown messages + the question: nothing of branch 2 or versions 2, 3.
    expect(reply).toContain('ECHO[n=10]: turn 5');
    const posted = e2e.site.log.filter((entry) => entry.method === 'POST').at(-1);
    const history = posted?.form['wpaicg_chat_history'] ?? '';
    expect(history).toContain('turn 4');
    expect(history).not.toContain('Answer version');
    expect(history).not.toContain('edited');
    expect(await answers().count()).toBe(5);
  });

  it('a JSON export of the branched conversation imports back as the same tree', async () => {
    const conversation = await latestConversation(page);
    if (!conversation) throw new Error('no conversation');
    const exported = await request<{ content: string }>(page, 'conversations/export', {
      id: conversation.id,
      format: 'json',
    });
    const bundle = JSON.parse(exported.content) as {
      version: number;
      conversations: Array<{ messages: Array<{ parentId: string | null }> }>;
    };
    expect(bundle.version).toBe(2);
    // 8 + the edited branch (2) + two more versions of answer 4 + turn 5 (2).
    expect(bundle.conversations[0]?.messages).toHaveLength(14);
    const markdown = await request<{ content: string }>(page, 'conversations/export', {
      id: conversation.id,
      format: 'markdown',
    });
    expect(markdown.content).toContain('4 more messages in other versions');
    const before = await request<unknown>(page, 'conversations/get', { id: conversation.id });
    await request(page, 'conversations/delete', { id: conversation.id });
    await request(page, 'conversations/import', { json: exported.content });
    expect(await request<unknown>(page, 'conversations/get', { id: conversation.id })).toEqual(
      before,
    );
    await page.reload();
    await expect.poll(() => answers().count()).toBe(5);
    await switcher(users().first(), 'question')
      .getByRole('button', { name: 'Next version' })
      .click();
    await expect.poll(() => shownTexts()).toEqual(['turn 1, edited']);
  });

  for (const operation of ['edit', 'regenerate'] as const) {
    it(`the worker stopped mid-answer of ${operation}: nothing lost, the new version kept`, async () => {
      await newChat();
      e2e.site.configure({ reply: null, faults: { chunkDelayMs: 2 } });
      await ask('first question');
      await ask('second question');
      const before = await latestConversation(page);
      e2e.site.configure({ reply: SLOW, faults: { chunkDelayMs: 40 } });
      if (operation === 'edit') await editFirst('first question, edited');
      else await lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
      await expect
        .poll(async () => (await lastAnswer().textContent())?.includes('Slow sentence 1'), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(true);
      // Some of it in the store, then the worker dies.
      await expect
        .poll(
          async () =>
            (await latestConversation(page))?.messages.at(-1)?.text.includes('Slow sentence'),
          { timeout: 15_000, interval: 50 },
        )
        .toBe(true);
      await e2e.harness.stopWorker();
      await expect
        .poll(async () => (await latestConversation(page).catch(() => null))?.messages.at(-1), {
          timeout: 15_000,
          interval: 100,
        })
        .toMatchObject({ status: 'interrupted' });
      e2e.site.configure({ reply: null, faults: { chunkDelayMs: 2 } });
      const after = await latestConversation(page);
      const partial = after?.messages.at(-1)?.text ?? '';
      expect(SLOW.startsWith(partial) && partial.length > 0).toBe(true);
      expect(after?.messages).toHaveLength(operation === 'edit' ? 2 : 4);
      // The old version is whole: switch back to it.
      await page.reload();
      await expect.poll(() => answers().count()).toBe(operation === 'edit' ? 1 : 2);
      const target = operation === 'edit' ? users().first() : lastAnswer();
      const kind = operation === 'edit' ? 'question' : 'answer';
      expect(await position(target, kind)).toBe('2 / 2');
      await switcher(target, kind).getByRole('button', { name: 'Previous version' }).click();
      await expect.poll(() => answers().count()).toBe(2);
      const restored = await latestConversation(page);
      expect(restored?.messages.map((m) => [m.id, m.text, m.status])).toEqual(
        before?.messages.map((m) => [m.id, m.text, m.status]),
      );
    });
  }
});

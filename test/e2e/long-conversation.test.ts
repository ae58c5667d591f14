/**
 * A 500-message conversation in the popup (issue 18). It opens on its newest messages and adds
 * the older ones above (src/ui/newest-first.ts); once they are in, every message stays readable
 * by screen readers, also those far out of view: all are in the DOM and the accessibility tree
 * (what assistive technology is given, read through CDP) names the first question while it is
 * thousands of pixels above the view, and the page's text search finds it. This is why
 * off-screen messages get no `content-visibility: auto` (bench 8b measures it): with it, this
 * test failed (only the 18 rendered questions near the bottom were named), as would a windowed
 * list. Older messages arriving above do not move what the reader scrolled to, and code blocks
 * far from the view stay plain until they come near it (src/ui/markdown/near-view.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

const COUNT = 500;

function bundle(): string {
  const at = Date.now() + 86_400_000;
  const id = 'long-e2e';
  return JSON.stringify({
    format: 'chatgptt-export',
    version: 1,
    exportedAt: Date.now(),
    conversations: [
      {
        id,
        title: 'Long',
        site: 'https://chatgptt.me/',
        model: 'gpt-4o',
        systemPrompt: '',
        createdAt: at,
        updatedAt: at + COUNT,
        messages: Array.from({ length: COUNT }, (_, m) => ({
          id: `${id}-${m}`,
          conversationId: id,
          role: m % 2 ? 'assistant' : 'user',
          text:
            m % 2 ? `Answer ${m}\n\n\`\`\`js\nconst x${m} = ${m};\n\`\`\`` : `Question number ${m}`,
          status: 'done',
          seq: m,
          createdAt: at + m,
          updatedAt: at + m,
        })),
      },
    ],
  });
}

describe('a 500-message conversation', () => {
  let harness: ExtensionHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    page = await harness.openPage('popup/popup.html');
    await request(page, 'conversations/import', { json: bundle() });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('opens on the newest messages; older ones arriving above leave the reader where they were', async () => {
    await page.reload();
    const list = page.locator('.cg-messages');
    await page.getByText('Answer 499', { exact: true }).waitFor();
    // The reader scrolls up a little while the older messages are still coming.
    const before = await list.evaluate((el) => {
      el.scrollTop -= 300;
      const count = el.querySelectorAll(':scope > .cg-message').length;
      const view = el.getBoundingClientRect();
      const seen = [...el.querySelectorAll(':scope > .cg-message')].find(
        (m) => m.getBoundingClientRect().top >= view.top,
      );
      seen?.setAttribute('data-seen', '');
      return { count, top: (seen?.getBoundingClientRect().top ?? 0) - view.top };
    });
    expect(before.count).toBeLessThan(COUNT);
    await expect.poll(() => page.locator('.cg-messages > .cg-message').count()).toBe(COUNT);
    const after = await list.evaluate((el) => {
      const seen = el.querySelector('[data-seen]');
      return (seen?.getBoundingClientRect().top ?? 0) - el.getBoundingClientRect().top;
    });
    expect(Math.abs(after - before.top)).toBeLessThan(2);
  });

  it('highlights a code block far above the view only once it comes near', async () => {
    const blocks = page.locator('.cg-messages code');
    await expect.poll(() => blocks.count()).toBe(COUNT / 2);
    await expect.poll(() => blocks.last().getAttribute('data-highlighted')).toBe('true');
    expect(await blocks.first().getAttribute('data-highlighted')).toBeNull();
    await page.locator('.cg-messages').evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => blocks.first().getAttribute('data-highlighted')).toBe('true');
  });

  it('keeps every message in the DOM and the accessibility tree', async () => {
    await page.reload();
    await expect.poll(() => page.locator('.cg-messages > .cg-message').count()).toBe(COUNT);
    const first = page.locator('.cg-messages > .cg-message').first();
    // Far above the view.
    await expect
      .poll(() =>
        first.evaluate((el) => {
          const view = el.closest('.cg-messages')?.getBoundingClientRect();
          return view ? el.getBoundingClientRect().bottom < view.top - 1000 : false;
        }),
      )
      .toBe(true);
    // Screen readers: the accessibility tree names the first question and the last one.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ name?: { value?: unknown } }>;
    };
    await cdp.detach();
    const names = nodes.map((n) => String(n.name?.value ?? ''));
    expect(names.some((n) => n.includes('Question number 498'))).toBe(true);
    expect(names.some((n) => n.includes('Question number 0'))).toBe(true);
    // The page's text search (what find-in-page uses; wrapping round) reaches the far-off first
    // question and the newest one.
    const found = await page.evaluate(() => {
      const find = (window as { find?: (...a: unknown[]) => boolean }).find;
      return ['Question number 0', 'Question number 498'].map((s) => find?.(s, false, false, true));
    });
    expect(found).toEqual([true, true]);
  });
});

/**
 * A 500-message conversation in the popup (issue 18): every message stays readable by screen
 * readers, also those far out of view: all are in the DOM and the accessibility tree (what
 * assistive technology is given, read through CDP) names the first question while it is
 * thousands of pixels above the view. This is why off-screen messages get no
 * `content-visibility: auto` (bench 8b measures it): with it, this test failed (only the 18
 * rendered questions near the bottom were named), as would a windowed list.
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
    await page.reload();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps every message in the DOM and the accessibility tree', async () => {
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
  });
});

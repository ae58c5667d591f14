/**
 * A chat site's redirects through the real extension worker in real Chromium (issue 22, item 1).
 * In a browser `redirect: 'manual'` hides the Location, so this is where the worker's opaque-
 * redirect path runs: a same-origin move is followed and answers; a move to another origin is an
 * error naming both hosts, and that origin is never sent the chat (at most the one cookieless
 * GET that reads where the page leads).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer } from '../hostile/hostile-server';
import { ask, latestConversation, useSite } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

describe('chat-site redirects through the real worker', () => {
  let harness: ExtensionHarness;
  let hostile: HostileServer;
  let page: Page;

  beforeAll(async () => {
    hostile = await startHostileServer();
    harness = await launchExtension();
    page = await harness.openPage('popup/popup.html');
  });
  afterAll(async () => {
    await harness?.close();
    await hostile?.close();
  });

  const answer = async () => (await latestConversation(page))?.messages.at(-1);

  it('a same-origin page redirect is followed and the chat answers', async () => {
    await useSite(page, hostile.pageOf('page-redirect-same-origin'));
    hostile.requests.length = 0;
    expect(await ask(page, 'through a same-origin redirect')).toBe('done');
    expect((await answer())?.text).toBe('target answered');
    expect(hostile.requests.filter((r) => r.origin === hostile.otherOrigin)).toEqual([]);
  });

  it('a page redirect to another origin: an error naming both hosts, no chat sent there', async () => {
    await useSite(page, hostile.pageOf('page-redirect-cross-origin'));
    await page.getByRole('button', { name: 'New chat' }).click();
    hostile.requests.length = 0;
    expect(await ask(page, 'through a cross-origin redirect')).toBe('error');
    const last = await answer();
    expect(last?.error?.kind).toBe('not-a-chat-site');
    expect(last?.error?.message).toContain(new URL(hostile.origin).host);
    expect(last?.error?.message).toContain(new URL(hostile.otherOrigin).host);
    const other = hostile.requests.filter((r) => r.origin === hostile.otherOrigin);
    expect(other.every((r) => r.method === 'GET' && r.path.startsWith('/case/'))).toBe(true);
    expect(hostile.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('admin-ajax redirects to another origin: the message is posted once, never re-sent there', async () => {
    await useSite(page, hostile.pageOf('ajax-redirect-cross-origin'));
    await page.getByRole('button', { name: 'New chat' }).click();
    hostile.requests.length = 0;
    expect(await ask(page, 'through an ajax redirect')).toBe('error');
    expect((await answer())?.error?.kind).toBe('protocol');
    expect(hostile.requests.filter((r) => r.origin === hostile.otherOrigin)).toEqual([]);
    expect(hostile.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

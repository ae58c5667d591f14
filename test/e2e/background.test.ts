/**
 * The background worker in real Chromium against the local wpaicg test site: answers stream
 * over ports, survive the view closing and the worker dying, and every view of a conversation
 * sees the same live answer. Driven from an extension page, as the popup and sidebar do.
 */
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../src/shared/model';
import type { WatchEvent } from '../../src/shared/messages';
import { startSite, type TestSite } from '../site/server';
import {
  events,
  rawMessage,
  request,
  runTurn,
  startTurn,
  textFromDeltas,
  useSite,
  waitForEvent,
  watch,
} from './background-driver';
import { withSite } from './fixtures/with-site';

const PAGE = 'popup/popup.html';

function finishedMessage(list: WatchEvent[]): StoredMessage {
  const event = list.find((e) => e.type === 'finished');
  if (!event || event.type !== 'finished')
    throw new Error(`no finished event: ${JSON.stringify(list)}`);
  return event.message;
}

function acceptedEvent(list: WatchEvent[]) {
  const event = list.find((e) => e.type === 'accepted');
  if (!event || event.type !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(list)}`);
  return event;
}

async function waitForMessage(
  page: Page,
  conversationId: string,
  messageId: string,
  done: (m: StoredMessage) => boolean,
): Promise<StoredMessage> {
  let last: StoredMessage | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = await request(page, 'conversations/get', { id: conversationId });
        last = messages.find((m) => m.id === messageId);
        return last !== undefined && done(last);
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
  return last as StoredMessage;
}

describe('the background worker in Chromium', () => {
  const e2e = withSite();
  let page: Page;

  beforeAll(async () => {
    page = await e2e.harness.openPage(PAGE);
  });
  beforeEach(() => {
    e2e.site.configure({ faults: {} });
  });

  it('opens the onboarding page on install', async () => {
    await expect
      .poll(() =>
        e2e.harness.context.pages().some((p) => p.url().endsWith('/onboarding/onboarding.html')),
      )
      .toBe(true);
  });

  it('streams a turn into the page and stores it', async () => {
    const list = await runTurn(page, 'first', {
      type: 'send',
      conversationId: null,
      text: 'Hello from the e2e test',
    });
    const accepted = acceptedEvent(list);
    expect(accepted.userMessage).toMatchObject({ text: 'Hello from the e2e test', status: 'done' });
    const deltas = list.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    const answer = finishedMessage(list);
    expect(answer.status).toBe('done');
    expect(answer.site).toBe(`${e2e.site.url}/`);
    expect(answer.text).toContain('Hello from the e2e test');
    expect(answer.text).toContain('жёлтый');
    expect(textFromDeltas(list, answer.id)).toBe(answer.text);
    const stored = await request(page, 'conversations/get', { id: accepted.conversation.id });
    expect(stored.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    expect(stored.messages[1]?.text).toBe(answer.text);
    expect(stored.conversation.title).toBe('Hello from the e2e test');
  });

  it('finishes the answer after the page that asked is closed', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 120 } });
    const asker = await e2e.harness.openPage(PAGE);
    await startTurn(asker, 'closing', {
      type: 'send',
      conversationId: null,
      text: 'Close me early',
    });
    const seen = await waitForEvent(asker, 'closing', (e) => e.type === 'delta');
    const { conversation, assistantMessage } = acceptedEvent(seen);
    await asker.close();

    const reopened = await e2e.harness.openPage(PAGE);
    const answer = await waitForMessage(
      reopened,
      conversation.id,
      assistantMessage.id,
      (m) => m.status !== 'streaming',
    );
    expect(answer.status).toBe('done');
    expect(answer.text).toContain('Close me early');
    expect(answer.text).toContain('[model=');
    await reopened.close();
  });

  it('shows the same live stream in two pages watching one conversation', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 60 } });
    const other = await e2e.harness.openPage(PAGE);
    const conversation = await request(page, 'conversations/create', {});
    await watch(other, 'watching', conversation.id);
    await watch(page, 'watching-too', conversation.id);
    // Let both watch ports register before the turn starts (watching has no acknowledgement).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const turn = await runTurn(page, 'live', {
      type: 'send',
      conversationId: conversation.id,
      text: 'Both of you',
    });
    const answer = finishedMessage(turn);
    const first = await waitForEvent(other, 'watching', (e) => e.type === 'finished');
    const second = await waitForEvent(page, 'watching-too', (e) => e.type === 'finished');
    expect(first).toEqual(turn);
    expect(second).toEqual(turn);
    expect(textFromDeltas(first, answer.id)).toBe(answer.text);
    await other.close();
  });

  it('Stop aborts the answer and keeps what was written', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 200 } });
    await startTurn(page, 'stopped', { type: 'send', conversationId: null, text: 'Stop me' });
    const seen = await waitForEvent(page, 'stopped', (e) => e.type === 'delta');
    const { conversation } = acceptedEvent(seen);
    expect(await request(page, 'turn/stop', { conversationId: conversation.id })).toEqual({
      stopped: true,
    });
    const list = await waitForEvent(page, 'stopped', (e) => e.type === 'finished');
    const answer = finishedMessage(list);
    expect(answer.status).toBe('interrupted');
    expect(answer.error?.kind).toBe('aborted');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(answer.text).not.toContain('[model=');
  });

  it('survives the worker being stopped mid-answer: interrupted with partial text, then Retry completes it', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 250 } });
    const { bootId } = await request(page, 'ping', {});
    await startTurn(page, 'killed', { type: 'send', conversationId: null, text: 'Survive this' });
    const seen = await waitForEvent(page, 'killed', (e) => e.type === 'delta' && e.offset > 0);
    const { conversation, assistantMessage, userMessage } = acceptedEvent(seen);
    // Give the batched writer time to store a chunk, then kill the worker.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await e2e.harness.stopWorker();
    await expect.poll(async () => (await events(page, 'killed')).length).toBeGreaterThan(0);

    const restarted = await request(page, 'ping', {});
    expect(restarted.bootId).not.toBe(bootId);
    const { messages } = await request(page, 'conversations/get', { id: conversation.id });
    expect(messages[0]).toMatchObject({ id: userMessage?.id, text: 'Survive this', role: 'user' });
    const cut = messages[1];
    expect(cut).toMatchObject({ id: assistantMessage.id, status: 'interrupted' });
    expect(cut?.text.length).toBeGreaterThan(0);
    expect(cut?.text).not.toContain('[model=');

    // Retry: the tokens were cached in storage, so the restarted worker does not fetch the page.
    e2e.site.configure({ faults: {} });
    e2e.site.clearLog();
    const retried = await runTurn(page, 'retry', {
      type: 'retry',
      conversationId: conversation.id,
      messageId: assistantMessage.id,
    });
    const answer = finishedMessage(retried);
    expect(answer).toMatchObject({ id: assistantMessage.id, status: 'done' });
    expect(answer.text).toContain('Survive this');
    expect(answer.text).toContain('[model=');
    expect(e2e.site.log.filter((entry) => entry.method === 'GET')).toEqual([]);
    const after = await request(page, 'conversations/get', { id: conversation.id });
    expect(after.messages.map((m) => [m.role, m.text.length > 0, m.status])).toEqual([
      ['user', true, 'done'],
      ['assistant', true, 'done'],
    ]);
  });

  it('continue appends to an interrupted answer', async () => {
    e2e.site.configure({ faults: { chunkDelayMs: 200 } });
    await startTurn(page, 'to-continue', { type: 'send', conversationId: null, text: 'Go on' });
    const seen = await waitForEvent(page, 'to-continue', (e) => e.type === 'delta');
    const { conversation, assistantMessage } = acceptedEvent(seen);
    await request(page, 'turn/stop', { conversationId: conversation.id });
    const partial = finishedMessage(
      await waitForEvent(page, 'to-continue', (e) => e.type === 'finished'),
    );
    e2e.site.configure({ faults: {} });
    const more = await runTurn(page, 'continued', {
      type: 'continue',
      conversationId: conversation.id,
      messageId: assistantMessage.id,
    });
    const answer = finishedMessage(more);
    expect(answer.id).toBe(assistantMessage.id);
    expect(answer.status).toBe('done');
    expect(answer.text.startsWith(partial.text)).toBe(true);
    expect(answer.text.length).toBeGreaterThan(partial.text.length);
    const firstDelta = more.find((e) => e.type === 'delta');
    expect(firstDelta).toMatchObject({ offset: partial.text.length });
  });

  it('regenerates and edits', async () => {
    const first = await runTurn(page, 'base', {
      type: 'send',
      conversationId: null,
      text: 'Version one',
    });
    const { conversation, userMessage } = acceptedEvent(first);
    const regenerated = finishedMessage(
      await runTurn(page, 'regen', { type: 'regenerate', conversationId: conversation.id }),
    );
    expect(regenerated.status).toBe('done');
    const edited = await runTurn(page, 'edit', {
      type: 'edit',
      conversationId: conversation.id,
      messageId: userMessage?.id ?? '',
      text: 'Version two',
    });
    expect(finishedMessage(edited).text).toContain('Version two');
    const { messages } = await request(page, 'conversations/get', { id: conversation.id });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[0]?.text).toBe('Version two');
  });

  it('falls back to the next site when the default one shows a challenge', async () => {
    const backup = await startSite();
    try {
      await useSite(page, `${e2e.site.url}/`, {
        sites: [{ url: `${e2e.site.url}/` }, { url: `${backup.url}/` }],
      });
      e2e.site.configure({ faults: { challenge: 503 } });
      const answer = finishedMessage(
        await runTurn(page, 'fallback', {
          type: 'send',
          conversationId: null,
          text: 'Anyone there?',
        }),
      );
      expect(answer.status).toBe('done');
      expect(answer.site).toBe(`${backup.url}/`);
    } finally {
      e2e.site.configure({ faults: {} });
      await useSite(page, `${e2e.site.url}/`);
      await backup.close();
    }
  });

  it('falls back when the default site is unreachable or silent, labels why, and goes straight to the working site next', async () => {
    const backup = await startSite();
    // A port nobody listens on: the worker's fetch fails with a network error.
    const down = 'http://127.0.0.1:9/';
    let slow: TestSite | undefined;
    try {
      await useSite(page, down, { sites: [{ url: down }, { url: `${backup.url}/` }] });
      const first = finishedMessage(
        await runTurn(page, 'down-1', { type: 'send', conversationId: null, text: 'Down?' }),
      );
      expect(first).toMatchObject({
        status: 'done',
        site: `${backup.url}/`,
        fallback: { from: down, kind: 'network' },
      });
      const second = finishedMessage(
        await runTurn(page, 'down-2', { type: 'send', conversationId: null, text: 'Again?' }),
      );
      expect(second).toMatchObject({
        status: 'done',
        site: `${backup.url}/`,
        fallback: { from: down, kind: 'network', remembered: true },
      });
      // A default site that sends no first byte in time (a fresh one: the worker remembers
      // the others' failures): the backup answers too.
      slow = await startSite({ faults: { firstByteDelayMs: 3000 } });
      await useSite(page, `${slow.url}/`, {
        sites: [{ url: `${slow.url}/` }, { url: `${backup.url}/` }],
        firstByteTimeoutSec: 1,
      });
      const silent = finishedMessage(
        await runTurn(page, 'silent', { type: 'send', conversationId: null, text: 'Slow?' }),
      );
      expect(silent).toMatchObject({
        status: 'done',
        site: `${backup.url}/`,
        fallback: { from: `${slow.url}/`, kind: 'timeout' },
      });
    } finally {
      await slow?.close();
      await useSite(page, `${e2e.site.url}/`);
      await backup.close();
    }
  });

  it('a custom site without host permission fails with "permission" before any request', async () => {
    // 127.0.0.2 is outside the test build's host permissions (127.0.0.1 and localhost only).
    const url = 'http://127.0.0.2:9/';
    // Configured (create refuses a site that is not), but its permission was never granted.
    await useSite(page, `${e2e.site.url}/`, { sites: [{ url: `${e2e.site.url}/` }, { url }] });
    const conversation = await request(page, 'conversations/create', { site: url });
    const answer = finishedMessage(
      await runTurn(page, 'no-permission', {
        type: 'send',
        conversationId: conversation.id,
        text: 'hello?',
      }),
    );
    expect(answer).toMatchObject({ status: 'error', error: { kind: 'permission' } });
    const reply = await rawMessage(page, { type: 'site/selfTest', payload: { url } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'permission' } });
    await useSite(page, `${e2e.site.url}/`);
  });

  it('runs the site self-test', async () => {
    const result = await request(page, 'site/selfTest', { url: `${e2e.site.url}/` });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.step, s.ok])).toEqual([
      ['page', true],
      ['tokens', true],
      ['generation', true],
      ['message', true],
      ['reply', true],
    ]);
  });

  it('lists, searches, exports and imports; a bad file changes nothing', async () => {
    const list = await request(page, 'conversations/list', { limit: 100 });
    expect(list.total).toBeGreaterThan(3);
    const found = await request(page, 'conversations/list', { query: 'survive this' });
    expect(found.items.map((c) => c.title)).toEqual(['Survive this']);
    const all = await request(page, 'conversations/export', { format: 'json' });
    const broken = JSON.parse(all.content) as { conversations: Array<{ messages: unknown[] }> };
    broken.conversations.at(-1)?.messages.push({ id: 'bad' });
    await request(page, 'conversations/deleteAll', {});
    const refused = await rawMessage(page, {
      type: 'conversations/import',
      payload: { json: JSON.stringify(broken) },
    });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect((await request(page, 'conversations/list', {})).total).toBe(0);
    const imported = await request(page, 'conversations/import', { json: all.content });
    expect(imported.conversations).toBe(list.total);
    expect((await request(page, 'conversations/list', { limit: 100 })).total).toBe(list.total);
  });

  it('answers the latest conversation and the storage in use', async () => {
    const { conversation } = acceptedEvent(
      await runTurn(page, 'latest', { type: 'send', conversationId: null, text: 'Newest one' }),
    );
    expect(await request(page, 'conversations/latest', {})).toEqual({ id: conversation.id });
    expect((await request(page, 'storage/usage', {})).bytes).toBeGreaterThan(0);
  });

  it('refuses malformed and unknown requests', async () => {
    expect(await rawMessage(page, { type: 'conversations/nuke', payload: {} })).toMatchObject({
      ok: false,
      error: { kind: 'protocol' },
    });
    expect(await rawMessage(page, { type: 'conversations/get', payload: { id: 7 } })).toMatchObject(
      {
        ok: false,
        error: { kind: 'protocol' },
      },
    );
  });
});

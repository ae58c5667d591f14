/** The framework-free conversation session on its own (no DOM, no Preact): a FakeClient and timers. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationSession, STALE_MS } from '../../../src/ui/conversation-session';
import type { WatchEvent } from '../../../src/shared/messages';
import { conversation, FakeClient, message } from './fake-client';

/** A FakeClient whose watch port can be made to die like a restarted worker's. */
class DyingClient extends FakeClient {
  gone: Array<() => void> = [];
  override watch(onEvent: (event: WatchEvent) => void, onGone?: () => void) {
    if (onGone) this.gone.push(onGone);
    return super.watch(onEvent);
  }
}

const conv = conversation({ id: 'c1' });
const q = message({ id: 'q', role: 'user', seq: 0, text: 'question', conversationId: 'c1' });
const a = message({
  id: 'a',
  role: 'assistant',
  seq: 1,
  text: 'answer',
  conversationId: 'c1',
  parentId: 'q',
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.useRealTimers());

describe('ConversationSession', () => {
  it('opens a conversation: loading, then the shown path and its versions, subscribers told', async () => {
    const client = new FakeClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q, a],
      versions: { a: { index: 2, count: 2 } },
    }));
    const session = new ConversationSession(client);
    const seen: boolean[] = [];
    session.subscribe(() => seen.push(session.snapshot.loading));
    session.open('c1');
    expect(session.snapshot.loading).toBe(true);
    expect(client.watching).toEqual(['c1']);
    await flush();
    expect(session.snapshot).toMatchObject({
      conversation: conv,
      messages: [q, a],
      versions: { a: { index: 2, count: 2 } },
      loading: false,
      busy: false,
    });
    expect(seen[0]).toBe(true);
    expect(seen.at(-1)).toBe(false);
    session.dispose();
  });

  it('a send is pending until accepted, then streams and finishes (the turn port closed)', async () => {
    const client = new FakeClient();
    const session = new ConversationSession(client);
    session.open(null);
    session.send('hello');
    expect(session.snapshot.pending).toEqual({ text: 'hello' });
    expect(session.snapshot.busy).toBe(true);
    const turn = client.turns[0]!;
    expect(turn.command).toEqual({ type: 'send', conversationId: null, text: 'hello' });
    const user = { ...q, text: 'hello' };
    const answer = { ...a, text: '', status: 'streaming' as const };
    turn.emit({
      type: 'accepted',
      conversation: conv,
      userMessage: user,
      assistantMessage: answer,
    });
    expect(session.snapshot.pending).toBeNull();
    expect(client.watching).toEqual(['c1']);
    turn.emit({ type: 'delta', conversationId: 'c1', messageId: 'a', offset: 0, text: 'Hi' });
    expect(session.snapshot.messages.map((m) => m.text)).toEqual(['hello', 'Hi']);
    turn.emit({
      type: 'finished',
      conversationId: 'c1',
      message: { ...answer, text: 'Hi', status: 'done' },
    });
    expect(session.snapshot.busy).toBe(false);
    expect(turn.closed).toBe(true);
    session.dispose();
  });

  it('a refused send keeps the text with the error', () => {
    const client = new FakeClient();
    const session = new ConversationSession(client);
    session.send('kept');
    client.turns[0]!.emit({ type: 'rejected', error: { kind: 'protocol', message: 'busy' } });
    expect(session.snapshot.pending).toEqual({
      text: 'kept',
      error: { kind: 'protocol', message: 'busy' },
    });
    expect(session.snapshot.busy).toBe(false);
  });

  it('follows the watch port: edited reloads, deleted empties the view', async () => {
    let text = 'before';
    const client = new FakeClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [{ ...q, text }],
      versions: {},
    }));
    const session = new ConversationSession(client);
    session.open('c1');
    await flush();
    text = 'after';
    client.broadcast({ type: 'changed', conversationId: 'c1', reason: 'edited' });
    await flush();
    expect(session.snapshot.messages[0]?.text).toBe('after');
    client.broadcast({ type: 'changed', conversationId: 'c1', reason: 'deleted' });
    expect(session.snapshot.conversation).toBeNull();
    expect(session.snapshot.messages).toEqual([]);
  });

  it('idle when the worker went away: no reconnect until the user shows intent, then one, with a reload', async () => {
    vi.useFakeTimers();
    const client = new DyingClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q, a],
      versions: {},
    }));
    const session = new ConversationSession(client);
    session.open('c1');
    await vi.advanceTimersByTimeAsync(0);
    const loads = () => client.requests.filter((r) => r.type === 'conversations/get').length;
    expect(loads()).toBe(1);
    // Connected: waking does nothing (no second port, no reload).
    session.wake();
    expect(client.gone).toHaveLength(1);
    client.gone[0]!();
    // A reconnect now would start the stopped worker again: a keep-alive. It waits.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.gone).toHaveLength(1);
    expect(loads()).toBe(1);
    // The first key wakes it; the next keys find it connected.
    for (let key = 0; key < 20; key++) session.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.gone).toHaveLength(2);
    expect(client.watching).toEqual(['c1', 'c1']);
    expect(loads()).toBe(2);
    // Once per drop: the next drop is woken again, once.
    client.gone[1]!();
    session.wake();
    session.wake();
    expect(client.gone).toHaveLength(3);
    session.dispose();
  });

  it('idle after a drop: a worker started by something else brings the view back, live, with a reload', async () => {
    vi.useFakeTimers();
    const client = new DyingClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q, a],
      versions: {},
    }));
    const session = new ConversationSession(client);
    session.open('c1');
    await vi.advanceTimersByTimeAsync(0);
    const loads = () => client.requests.filter((r) => r.type === 'conversations/get').length;
    client.gone[0]!();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.gone).toHaveLength(1);
    // Another view sends (or a menu is clicked): the worker starts and says so.
    client.workerStarted();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.gone, 'reconnected').toHaveLength(2);
    expect(client.watching).toEqual(['c1', 'c1']);
    expect(loads(), 'what changed meanwhile is read').toBe(2);
    // Connected: a second announcement opens no second port.
    client.workerStarted();
    expect(client.gone).toHaveLength(2);
    session.dispose();
    // Disposed: it no longer listens.
    client.gone[1]!();
    client.workerStarted();
    expect(client.gone).toHaveLength(2);
  });

  it('idle after a drop: the extension going away shows "updated" without a key, and no reconnect is tried', async () => {
    vi.useFakeTimers();
    const client = new DyingClient();
    const session = new ConversationSession(client);
    session.open(null);
    client.gone[0]!();
    await vi.advanceTimersByTimeAsync(350);
    expect(session.snapshot.updated).toBe(false);
    // Chrome clears runtime.id a moment after it dropped the port.
    client.runtimeGone = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(session.snapshot.updated).toBe(true);
    expect(client.gone, 'no port tried').toHaveLength(1);
    session.dispose();
  });

  it('idle after a drop: an unloaded extension whose runtime.id still reads set shows "updated" too', async () => {
    vi.useFakeTimers();
    const client = new DyingClient();
    const session = new ConversationSession(client);
    session.open(null);
    // Chrome unloaded the extension: the port dropped, API calls fail, runtime.id reads set.
    client.connectThrows = true;
    client.gone[0]!();
    await vi.advanceTimersByTimeAsync(350);
    expect(session.snapshot.updated).toBe(true);
    expect(client.gone, 'no port tried').toHaveLength(1);
    session.dispose();
  });

  it('idle after a drop: woken at once while the extension is being unloaded, it still shows "updated"', async () => {
    vi.useFakeTimers();
    const client = new DyingClient();
    const session = new ConversationSession(client);
    session.open(null);
    client.gone[0]!();
    // The page is brought to the front at that moment: the view wakes and opens a port that,
    // in an extension being unloaded, never says it closed.
    session.wake();
    expect(client.gone).toHaveLength(2);
    client.runtimeGone = true;
    await vi.advanceTimersByTimeAsync(350);
    expect(session.snapshot.updated).toBe(true);
    session.dispose();
  });

  it('a send after an idle drop reconnects the watch (the turn wakes the worker anyway)', async () => {
    const client = new DyingClient();
    const session = new ConversationSession(client);
    session.open(null);
    client.gone[0]!();
    session.send('hello');
    expect(client.gone).toHaveLength(2);
    expect(client.turns).toHaveLength(1);
    session.dispose();
  });

  it('busy when the worker went away: reconnects by itself and reloads the open conversation', async () => {
    vi.useFakeTimers();
    const streaming = { ...a, text: 'par', status: 'streaming' as const };
    const client = new DyingClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q, streaming],
      versions: {},
    }));
    const session = new ConversationSession(client);
    session.open('c1');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.snapshot.busy).toBe(true);
    const loads = () => client.requests.filter((r) => r.type === 'conversations/get').length;
    client.gone[0]!();
    await vi.advanceTimersByTimeAsync(300);
    expect(client.gone).toHaveLength(2);
    expect(client.watching).toEqual(['c1', 'c1']);
    expect(loads()).toBe(2);
    session.dispose();
  });

  it('re-reads the store after a silence while an answer streams, not while events arrive', async () => {
    vi.useFakeTimers();
    const streaming = { ...a, text: 'par', status: 'streaming' as const };
    const client = new FakeClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q, streaming],
      versions: {},
    }));
    const session = new ConversationSession(client);
    session.open('c1');
    await vi.advanceTimersByTimeAsync(0);
    const loads = () => client.requests.filter((r) => r.type === 'conversations/get').length;
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(STALE_MS - 100);
      client.broadcast({
        type: 'delta',
        conversationId: 'c1',
        messageId: 'a',
        offset: 3 + i,
        text: 't',
      });
    }
    expect(loads()).toBe(1);
    await vi.advanceTimersByTimeAsync(STALE_MS);
    expect(loads()).toBe(2);
    session.dispose();
  });

  it('switches versions and shows the path the worker answers', async () => {
    const other = { ...a, id: 'a2', text: 'other answer' };
    const client = new FakeClient()
      .on('conversations/get', () => ({ conversation: conv, messages: [q, a], versions: {} }))
      .on('conversations/switchVersion', () => ({
        conversation: conv,
        messages: [q, other],
        versions: { a2: { index: 1, count: 2 } },
      }));
    const session = new ConversationSession(client);
    session.open('c1');
    await flush();
    session.switchVersion('a', -1);
    await flush();
    expect(client.requests.at(-1)).toEqual({
      type: 'conversations/switchVersion',
      payload: { id: 'c1', messageId: 'a', step: -1 },
    });
    expect(session.snapshot.messages.map((m) => m.text)).toEqual(['question', 'other answer']);
    expect(session.snapshot.versions).toEqual({ a2: { index: 1, count: 2 } });
  });

  it('after dispose nothing changes and no one is told', async () => {
    const client = new FakeClient().on('conversations/get', () => ({
      conversation: conv,
      messages: [q],
      versions: {},
    }));
    const session = new ConversationSession(client);
    const listener = vi.fn();
    session.subscribe(listener);
    session.open('c1');
    session.dispose();
    await flush();
    expect(session.snapshot.messages).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

import { describe, expect, it, vi } from 'vitest';
import {
  applyDelta,
  applyTurnEvent,
  type ConversationState,
} from '../../../src/ui/conversation-state';
import { conversation, message } from './fake-client';

// The polyfill refuses to load outside an extension; nothing here uses it.
vi.mock('../../../src/shared/browser', () => ({ default: {}, browser: {} }));

const conv = conversation({ id: 'c' });

function state(...messages: ReturnType<typeof message>[]): ConversationState {
  return { conversation: conv, messages };
}

describe('applyDelta', () => {
  const answer = message({ role: 'assistant', seq: 2, text: 'Hello', status: 'streaming' });
  it('appends at the current length', () => {
    expect(applyDelta(answer, 5, ' world')).toMatchObject({ text: 'Hello world' });
  });
  it('ignores a piece already applied', () => {
    expect(applyDelta(answer, 0, 'Hello')).toBe(answer);
    expect(applyDelta(answer, 2, 'll')).toBe(answer);
  });
  it('keeps only the new part of an overlapping piece', () => {
    expect(applyDelta(answer, 3, 'lo there')).toMatchObject({ text: 'Hello there' });
  });
  it('reports a gap', () => {
    expect(applyDelta(answer, 9, 'x')).toBe('gap');
  });
});

describe('applyTurnEvent', () => {
  const user = message({ role: 'user', seq: 1, text: 'Q', conversationId: 'c' });
  const old = message({ role: 'assistant', seq: 2, text: 'old answer', conversationId: 'c' });

  it('applies the same delta twice only once', () => {
    const streaming = { ...old, text: '', status: 'streaming' as const };
    let s = state(user, streaming);
    const delta = {
      type: 'delta' as const,
      conversationId: 'c',
      messageId: old.id,
      offset: 0,
      text: 'Hi',
    };
    s = applyTurnEvent(s, delta).state;
    s = applyTurnEvent(s, delta).state;
    expect(s.messages[1]?.text).toBe('Hi');
  });

  it('asks for a reload on a gap or an unknown message', () => {
    const s = state(user, old);
    expect(
      applyTurnEvent(s, {
        type: 'delta',
        conversationId: 'c',
        messageId: old.id,
        offset: 99,
        text: 'x',
      }).reload,
    ).toBe(true);
    expect(
      applyTurnEvent(s, {
        type: 'delta',
        conversationId: 'c',
        messageId: 'nope',
        offset: 0,
        text: 'x',
      }).reload,
    ).toBe(true);
  });

  it('regenerate: the old answer goes, the new one follows the question', () => {
    const fresh = message({
      role: 'assistant',
      seq: 3,
      text: '',
      status: 'streaming',
      conversationId: 'c',
    });
    const { state: s } = applyTurnEvent(state(user, old), {
      type: 'accepted',
      conversation: conv,
      userMessage: user,
      assistantMessage: fresh,
    });
    expect(s.messages.map((m) => m.id)).toEqual([user.id, fresh.id]);
  });

  it('edit: everything after the edited question is cut', () => {
    const later = message({ role: 'user', seq: 3, text: 'later', conversationId: 'c' });
    const edited = { ...user, text: 'Q2' };
    const fresh = message({
      role: 'assistant',
      seq: 5,
      text: '',
      status: 'streaming',
      conversationId: 'c',
    });
    const { state: s } = applyTurnEvent(state(user, old, later), {
      type: 'accepted',
      conversation: conv,
      userMessage: edited,
      assistantMessage: fresh,
    });
    expect(s.messages.map((m) => m.text)).toEqual(['Q2', '']);
  });

  it('retry: the answer is replaced in place, later messages cut', () => {
    const failed = {
      ...old,
      status: 'error' as const,
      error: { kind: 'network' as const, message: 'x' },
    };
    const later = message({ role: 'user', seq: 3, text: 'later', conversationId: 'c' });
    const reset = { ...old, text: '', status: 'streaming' as const };
    const { state: s } = applyTurnEvent(state(user, failed, later), {
      type: 'accepted',
      conversation: conv,
      userMessage: null,
      assistantMessage: reset,
    });
    expect(s.messages.map((m) => [m.id, m.status])).toEqual([
      [user.id, 'done'],
      [old.id, 'streaming'],
    ]);
  });

  it('finished replaces the message', () => {
    const done = { ...old, text: 'final', status: 'done' as const };
    const { state: s } = applyTurnEvent(state(user, old), {
      type: 'finished',
      conversationId: 'c',
      message: done,
    });
    expect(s.messages[1]).toEqual(done);
  });
});

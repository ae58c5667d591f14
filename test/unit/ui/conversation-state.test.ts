import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  applyTurnEvent,
  type ConversationState,
} from '../../../src/ui/conversation-state';
import { conversation, message } from './fake-client';

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
  const old = message({
    role: 'assistant',
    seq: 2,
    text: 'old answer',
    conversationId: 'c',
    parentId: user.id,
  });

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

  it('regenerate: the new version is shown after the question, the old one leaves the view', () => {
    const fresh = message({
      role: 'assistant',
      seq: 3,
      text: '',
      status: 'streaming',
      conversationId: 'c',
      parentId: user.id,
    });
    const { state: s } = applyTurnEvent(state(user, old), {
      type: 'accepted',
      conversation: conv,
      userMessage: user,
      assistantMessage: fresh,
    });
    expect(s.messages.map((m) => m.id)).toEqual([user.id, fresh.id]);
  });

  it('edit: the new version of the question is shown in place of the old branch', () => {
    const later = message({
      role: 'user',
      seq: 3,
      text: 'later',
      conversationId: 'c',
      parentId: old.id,
    });
    const edited = message({ role: 'user', seq: 4, text: 'Q2', conversationId: 'c' });
    const fresh = message({
      role: 'assistant',
      seq: 5,
      text: '',
      status: 'streaming',
      conversationId: 'c',
      parentId: edited.id,
    });
    const accepted = {
      type: 'accepted' as const,
      conversation: conv,
      userMessage: edited,
      assistantMessage: fresh,
    };
    const { state: s } = applyTurnEvent(state(user, old, later), accepted);
    expect(s.messages.map((m) => m.text)).toEqual(['Q2', '']);
    // The same event again (turn port and watch port) changes nothing.
    expect(applyTurnEvent(s, accepted).state.messages).toEqual(s.messages);
  });

  it('send: the question and its answer follow the last message shown', () => {
    const next = message({
      role: 'user',
      seq: 3,
      text: 'Q3',
      conversationId: 'c',
      parentId: old.id,
    });
    const fresh = message({
      role: 'assistant',
      seq: 4,
      text: '',
      status: 'streaming',
      conversationId: 'c',
      parentId: next.id,
    });
    const accepted = {
      type: 'accepted' as const,
      conversation: conv,
      userMessage: next,
      assistantMessage: fresh,
    };
    const { state: s } = applyTurnEvent(state(user, old), accepted);
    expect(s.messages.map((m) => m.id)).toEqual([user.id, old.id, next.id, fresh.id]);
    expect(applyTurnEvent(s, accepted).state.messages).toEqual(s.messages);
  });

  it('a new message hanging from one the view does not show asks for a reload', () => {
    const fresh = message({
      role: 'assistant',
      seq: 9,
      status: 'streaming',
      conversationId: 'c',
      parentId: 'unknown',
    });
    const result = applyTurnEvent(state(user, old), {
      type: 'accepted',
      conversation: conv,
      userMessage: null,
      assistantMessage: fresh,
    });
    expect(result.reload).toBe(true);
  });

  it('retry: the answer is replaced in place', () => {
    const failed = {
      ...old,
      status: 'error' as const,
      error: { kind: 'network' as const, message: 'x' },
    };
    const reset = { ...old, text: '', status: 'streaming' as const };
    const { state: s } = applyTurnEvent(state(user, failed), {
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

/**
 * Applying the worker's turn events to the messages a view shows. Pure and idempotent: the
 * same event may arrive twice (turn port and watch port), deltas carry their offset, and a
 * gap means "reload from the store", which is the truth.
 */
import type { TurnEvent } from '../shared/messages';
import type { Conversation, StoredMessage } from '../shared/model';

export interface ConversationState {
  conversation: Conversation | null;
  messages: StoredMessage[];
}

export type ApplyResult = { state: ConversationState; reload: boolean };

function bySeq(a: StoredMessage, b: StoredMessage): number {
  return a.seq - b.seq;
}

function upsert(messages: StoredMessage[], message: StoredMessage): StoredMessage[] {
  const index = messages.findIndex((m) => m.id === message.id);
  if (index === -1) return [...messages, message].sort(bySeq);
  const next = messages.slice();
  next[index] = message;
  return next;
}

/** Appends a delta at its offset: repeated pieces are ignored, overlaps trimmed, gaps reported. */
export function applyDelta(
  message: StoredMessage,
  offset: number,
  text: string,
): StoredMessage | 'gap' {
  const length = message.text.length;
  if (offset > length) return 'gap';
  const end = offset + text.length;
  if (end <= length) return message;
  return { ...message, text: message.text + text.slice(length - offset) };
}

export function applyTurnEvent(state: ConversationState, event: TurnEvent): ApplyResult {
  switch (event.type) {
    case 'accepted': {
      const { userMessage: user, assistantMessage: answer } = event;
      // The shown path now runs through the new messages: what comes before their fork stays,
      // what was shown after it (an older version of the question or answer) leaves the view.
      const isNew = user !== null && !state.messages.some((m) => m.id === user.id);
      const forkParent = isNew ? user.parentId : answer.parentId;
      const at = state.messages.findIndex((m) => m.id === forkParent);
      if (forkParent !== null && at === -1) {
        // The view does not show where the new messages hang: the store says.
        return { state: { ...state, conversation: event.conversation }, reload: true };
      }
      const messages = [...state.messages.slice(0, at + 1), ...(isNew ? [user] : []), answer];
      return { state: { conversation: event.conversation, messages }, reload: false };
    }
    case 'delta': {
      const index = state.messages.findIndex((m) => m.id === event.messageId);
      const current = state.messages[index];
      if (!current) return { state, reload: true };
      const next = applyDelta(current, event.offset, event.text);
      if (next === 'gap') return { state, reload: true };
      if (next === current) return { state, reload: false };
      const messages = state.messages.slice();
      messages[index] = next;
      return { state: { ...state, messages }, reload: false };
    }
    case 'finished':
      return {
        state: { ...state, messages: upsert(state.messages, event.message) },
        reload: false,
      };
    case 'rejected':
      return { state, reload: false };
  }
}

/** True while an answer of the conversation is still being written. */
export function isBusy(messages: StoredMessage[]): boolean {
  return messages.some((m) => m.status === 'streaming' || m.status === 'pending');
}

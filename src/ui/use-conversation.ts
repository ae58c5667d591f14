/**
 * The thin Preact binding of a ConversationSession: one session per client for the view's
 * life, re-rendering on each of its changes. The behaviour lives in conversation-session.ts.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Conversation, PageContext } from '../shared/model';
import type { Translator } from '../shared/i18n';
import type { ChatClient } from './chat-client';
import {
  ConversationSession,
  type SendOptions,
  type SessionSnapshot,
} from './conversation-session';

export type { PendingSend, SendOptions } from './conversation-session';

export interface ConversationView extends SessionSnapshot {
  open(id: string | null): void;
  send(text: string, options?: SendOptions): void;
  summarize(prompt: string, context: PageContext, parts?: number): void;
  resumeSummary(): void;
  regenerate(): void;
  edit(messageId: string, text: string): void;
  retry(messageId: string): void;
  continueAnswer(messageId: string): void;
  /** Shows the previous (-1) or next (+1) version of a message and what followed it. */
  switchVersion(messageId: string, step: -1 | 1): void;
  stop(): void;
  dismissNotice(): void;
  setConversation(conversation: Conversation): void;
}

/**
 * What counts as the user showing intent in the view: a key, typing, a focus, a press. Any of
 * them wakes a worker that was stopped while the view sat idle (ConversationSession.wake), so
 * the message typed next is sent to a running worker. Captured on the document: the composer's
 * own handlers never see fewer of them.
 */
const INTENT = ['keydown', 'input', 'focusin', 'pointerdown'] as const;

/** `t`: the view's language, for the few words the session says itself. */
export function useConversation(client: ChatClient, t: Translator['t']): ConversationView {
  const session = useMemo(() => new ConversationSession(client), [client]);
  useEffect(() => session.setTranslator(t), [session, t]);
  const [snapshot, setSnapshot] = useState(session.snapshot);
  useEffect(() => {
    const wake = (): void => session.wake();
    const shown = (): void => {
      if (document.visibilityState === 'visible') session.wake();
    };
    for (const type of INTENT) document.addEventListener(type, wake, true);
    document.addEventListener('visibilitychange', shown);
    return () => {
      for (const type of INTENT) document.removeEventListener(type, wake, true);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [session]);
  useEffect(() => {
    setSnapshot(session.snapshot);
    const unsubscribe = session.subscribe(() => setSnapshot(session.snapshot));
    return () => {
      unsubscribe();
      session.dispose();
    };
  }, [session]);
  return {
    ...snapshot,
    open: (id) => session.open(id),
    send: (text, options) => session.send(text, options),
    summarize: (prompt, context, parts) => session.summarize(prompt, context, parts),
    resumeSummary: () => session.resumeSummary(),
    regenerate: () => session.regenerate(),
    edit: (messageId, text) => session.edit(messageId, text),
    retry: (messageId) => session.retry(messageId),
    continueAnswer: (messageId) => session.continueAnswer(messageId),
    switchVersion: (messageId, step) => session.switchVersion(messageId, step),
    stop: () => session.stop(),
    dismissNotice: () => session.dismissNotice(),
    setConversation: (conversation) => session.setConversation(conversation),
  };
}

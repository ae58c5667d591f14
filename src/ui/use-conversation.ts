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

/** `t`: the view's language, for the few words the session says itself. */
export function useConversation(client: ChatClient, t: Translator['t']): ConversationView {
  const session = useMemo(() => new ConversationSession(client), [client]);
  useEffect(() => session.setTranslator(t), [session, t]);
  const [snapshot, setSnapshot] = useState(session.snapshot);
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

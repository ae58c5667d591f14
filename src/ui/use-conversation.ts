/**
 * The conversation a view shows, kept in step with the worker: loads it from the store,
 * follows it live on the watch port (turns started elsewhere too), applies turn events
 * idempotently and reloads when the store changed under it. Starting a turn never ties the
 * turn's life to the view: closing the popup only closes ports.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationShown, TurnCommand, TurnEvent, WatchEvent } from '../shared/messages';
import type {
  Conversation,
  PageContext,
  StoredError,
  StoredMessage,
  VersionInfo,
} from '../shared/model';
import type { ModelName } from '../shared/models';
import { RequestError } from '../shared/rpc';
import type { ChatClient, WatchHandle } from './chat-client';
import { applyTurnEvent, isBusy, type ConversationState } from './conversation-state';

/** A question on its way to the worker, shown until the worker has saved it. */
export interface PendingSend {
  text: string;
  context?: PageContext;
  /** Set when the worker refused it; the text stays on screen with the error. */
  error?: StoredError;
}

export interface SendOptions {
  context?: PageContext;
  model?: ModelName;
  systemPrompt?: string;
}

export interface ConversationView {
  conversation: Conversation | null;
  messages: StoredMessage[];
  /** Version positions (`2 / 3`) of the shown messages that have other versions. */
  versions: Record<string, VersionInfo>;
  pending: PendingSend | null;
  loading: boolean;
  busy: boolean;
  /** An error not tied to a message (a refused regenerate, a failed load). */
  notice: StoredError | null;
  open(id: string | null): void;
  send(text: string, options?: SendOptions): void;
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

/** Silence (ms) during an answer after which the view re-reads the store. */
const STALE_MS = 5000;

function eventConversationId(event: TurnEvent): string | null {
  switch (event.type) {
    case 'accepted':
      return event.conversation.id;
    case 'delta':
    case 'finished':
      return event.conversationId;
    case 'rejected':
      return null;
  }
}

function toStoredError(error: unknown): StoredError {
  if (error instanceof RequestError) return error.error;
  return { kind: 'protocol', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The store may lag a few pieces behind the deltas a view already shows (the worker batches its
 * writes): keep the longer text of an answer still streaming rather than flicker back.
 */
function keepStreamedText(shown: StoredMessage[], loaded: StoredMessage[]): StoredMessage[] {
  return loaded.map((message) => {
    const current = shown.find((m) => m.id === message.id);
    const behind =
      message.status === 'streaming' &&
      current !== undefined &&
      current.text.length > message.text.length &&
      current.text.startsWith(message.text);
    return behind ? { ...message, text: current.text } : message;
  });
}

export function useConversation(client: ChatClient): ConversationView {
  const [state, setState] = useState<ConversationState>({ conversation: null, messages: [] });
  const [versions, setVersions] = useState<Record<string, VersionInfo>>({});
  const [pending, setPending] = useState<PendingSend | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<StoredError | null>(null);
  // The id the view is on, readable from port callbacks without stale closures.
  const currentId = useRef<string | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const watchRef = useRef<WatchHandle | null>(null);
  const loadSeq = useRef(0);
  /** Stop pressed while a turn was still on its way to the worker. */
  const stopAsked = useRef(false);

  const showLoaded = useCallback((shown: ConversationShown) => {
    const next = {
      conversation: shown.conversation,
      messages: keepStreamedText(stateRef.current.messages, shown.messages),
    };
    stateRef.current = next;
    setState(next);
    setVersions(shown.versions);
  }, []);

  const load = useCallback(
    async (id: string) => {
      const seq = ++loadSeq.current;
      try {
        const shown = await client.request('conversations/get', { id });
        if (seq !== loadSeq.current || currentId.current !== id) return;
        showLoaded(shown);
      } catch (error) {
        if (seq !== loadSeq.current) return;
        setNotice(toStoredError(error));
      } finally {
        if (seq === loadSeq.current) setLoading(false);
      }
    },
    [client, showLoaded],
  );

  const apply = useCallback(
    (event: TurnEvent) => {
      const id = eventConversationId(event);
      if (id === null || id !== currentId.current) return;
      const result = applyTurnEvent(stateRef.current, event);
      stateRef.current = result.state;
      setState(result.state);
      if (result.reload) void load(id);
    },
    [load],
  );

  const onWatch = useCallback(
    (event: WatchEvent) => {
      if (event.type !== 'changed') return apply(event);
      if (event.conversationId !== currentId.current) return;
      if (event.reason === 'deleted') {
        currentId.current = null;
        setState({ conversation: null, messages: [] });
        setVersions({});
      } else void load(event.conversationId);
    },
    [apply, load],
  );

  // One watch port for the view's life; it follows whichever conversation is open.
  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      watchRef.current = client.watch(onWatch, () => {
        // The worker restarted: reconnect, then reload what may have changed meanwhile.
        if (closed) return;
        retry = setTimeout(() => {
          connect();
          const id = currentId.current;
          if (id) {
            watchRef.current?.follow(id);
            void load(id);
          }
        }, 300);
      });
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      watchRef.current?.close();
    };
  }, [client, onWatch, load]);

  // A safety net for lost events (a port that died quietly, a worker that restarted and marked
  // the answer interrupted): while an answer is being written and nothing arrives for a while,
  // ask the store. Every event re-arms the timer, so a live stream never triggers it.
  const streaming = isBusy(state.messages);
  useEffect(() => {
    const id = state.conversation?.id;
    if (!streaming || !id) return;
    const timer = setTimeout(() => void load(id), STALE_MS);
    return () => clearTimeout(timer);
  }, [streaming, state, load]);

  const open = useCallback(
    (id: string | null) => {
      currentId.current = id;
      setPending(null);
      setNotice(null);
      setState({ conversation: null, messages: [] });
      setVersions({});
      if (id) {
        setLoading(true);
        watchRef.current?.follow(id);
        void load(id);
      }
    },
    [load],
  );

  const run = useCallback(
    (command: TurnCommand, onRejected?: (error: StoredError) => void) => {
      setNotice(null);
      stopAsked.current = false;
      const handle = client.startTurn(
        command,
        (event) => {
          if (event.type === 'rejected') {
            if (onRejected) onRejected(event.error);
            else setNotice(event.error);
            return;
          }
          if (event.type === 'accepted' && currentId.current !== event.conversation.id) {
            // A new conversation was created for this send: the view moves onto it.
            if (command.type !== 'send' || command.conversationId !== null) return;
            currentId.current = event.conversation.id;
            watchRef.current?.follow(event.conversation.id);
          }
          if (event.type === 'accepted') {
            setPending(null);
            // Stop was pressed before the worker had taken the turn: stop it now.
            if (stopAsked.current) {
              stopAsked.current = false;
              void client
                .request('turn/stop', { conversationId: event.conversation.id })
                .catch(() => undefined);
            }
          }
          apply(event);
          if (event.type === 'finished') handle.close();
        },
        () => {
          // The worker went away mid-turn: what it saved is the truth.
          const id = currentId.current;
          if (id) void load(id);
        },
      );
    },
    [client, apply, load],
  );

  const send = useCallback(
    (text: string, options: SendOptions = {}) => {
      const conversationId = currentId.current;
      setPending({ text, ...(options.context ? { context: options.context } : {}) });
      run(
        {
          type: 'send',
          conversationId,
          text,
          ...(options.context ? { context: options.context } : {}),
          ...(options.model ? { model: options.model } : {}),
          ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
        },
        (error) => setPending((current) => (current ? { ...current, error } : current)),
      );
    },
    [run],
  );

  const withId = (make: (conversationId: string) => TurnCommand) => () => {
    const id = currentId.current;
    if (id) run(make(id));
  };

  return {
    conversation: state.conversation,
    messages: state.messages,
    versions,
    pending,
    loading,
    busy: isBusy(state.messages) || (pending !== null && !pending.error),
    notice,
    open,
    send,
    regenerate: withId((conversationId) => ({ type: 'regenerate', conversationId })),
    edit: (messageId, text) =>
      withId((conversationId) => ({ type: 'edit', conversationId, messageId, text }))(),
    retry: (messageId) =>
      withId((conversationId) => ({ type: 'retry', conversationId, messageId }))(),
    continueAnswer: (messageId) =>
      withId((conversationId) => ({ type: 'continue', conversationId, messageId }))(),
    switchVersion: (messageId, step) => {
      const id = currentId.current;
      if (!id) return;
      // A later load supersedes this answer; an earlier one is superseded by it.
      const seq = ++loadSeq.current;
      client
        .request('conversations/switchVersion', { id, messageId, step })
        .then((shown) => {
          if (seq === loadSeq.current && currentId.current === id) showLoaded(shown);
        })
        .catch((error: unknown) => setNotice(toStoredError(error)));
    },
    stop: () => {
      const id = currentId.current;
      stopAsked.current = !isBusy(stateRef.current.messages);
      if (id)
        client
          .request('turn/stop', { conversationId: id })
          .catch((error: unknown) => setNotice(toStoredError(error)));
    },
    dismissNotice: () => setNotice(null),
    setConversation: (conversation) => setState((s) => ({ ...s, conversation })),
  };
}

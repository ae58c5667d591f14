/**
 * The conversation a view shows, kept in step with the worker, without a framework: loads it
 * from the store, follows it live on one watch port (turns started elsewhere too), applies turn
 * events idempotently and reloads when the store changed under it. Starting a turn never ties
 * the turn's life to the view: disposing only closes ports. Views read `snapshot` and
 * `subscribe` to changes; the popup and the sidebar share it through `useConversation`.
 */
import type { ConversationShown, TurnCommand, TurnEvent, WatchEvent } from '../shared/messages';
import type {
  Conversation,
  PageContext,
  StoredError,
  StoredMessage,
  VersionInfo,
} from '../shared/model';
import type { ChosenBot } from '../shared/bots';
import type { ModelName } from '../shared/models';
import { languageOf, translator, type Translator } from '../shared/i18n';
import { RequestError } from '../shared/rpc';
import { mark } from './trace';
import type { ChatClient, WatchHandle } from './chat-client';
import { applyTurnEvent, isBusy } from './conversation-state';

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
  bot?: ChosenBot;
  systemPrompt?: string;
}

export interface SessionSnapshot {
  conversation: Conversation | null;
  messages: StoredMessage[];
  /** Version positions (`2 / 3`) of the shown messages that have other versions. */
  versions: Record<string, VersionInfo>;
  pending: PendingSend | null;
  loading: boolean;
  busy: boolean;
  /** An error not tied to a message (a refused regenerate, a failed load). */
  notice: StoredError | null;
  /** The extension was updated or reloaded under this page: it must be reopened. */
  updated: boolean;
}

/** Silence (ms) during an answer after which the view re-reads the store. */
export const STALE_MS = 5000;
/** Wait (ms) before reconnecting the watch port after the worker went away. */
const RECONNECT_MS = 300;
/**
 * When an idle view looks again whether its port dropped because the extension went away (turned
 * off, updated, removed): Chrome drops the port first; `runtime.id` may read set for seconds
 * after, while API calls already fail (ChatClient.reachable).
 */
const GONE_CHECKS_MS = [RECONNECT_MS, 1_000, 3_000];

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

const EMPTY: SessionSnapshot = {
  conversation: null,
  messages: [],
  versions: {},
  pending: null,
  loading: false,
  busy: false,
  notice: null,
  updated: false,
};

export class ConversationSession {
  private state: SessionSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  /** The id the view is on. */
  private currentId: string | null = null;
  private watch: WatchHandle | null = null;
  private loadSeq = 0;
  /** Stop pressed while a turn was still on its way to the worker. */
  private stopAsked = false;
  private disposed = false;
  private reconnect: ReturnType<typeof setTimeout> | undefined;
  /** The checks after an idle drop for the extension having gone away (watchForGone). */
  private goneCheck: ReturnType<typeof setTimeout> | undefined;
  /** The watch port dropped while the view was idle; the next sign of the user reconnects it. */
  private asleep = false;
  private stale: ReturnType<typeof setTimeout> | undefined;
  /** The view's language for the session's own words (the view sets it from its settings). */
  private t: Translator['t'] = translator(languageOf('auto')).t;
  private readonly stopHearingStarts: () => void;

  constructor(private readonly client: ChatClient) {
    this.connect();
    // A worker started by anything else (another view, a menu, an alarm) runs anyway: come back.
    this.stopHearingStarts = client.onWorkerStarted(() => this.wake());
  }

  /** The language the session's own words are in: the view's, as its settings say. */
  setTranslator(t: Translator['t']): void {
    this.t = t;
  }

  get snapshot(): SessionSnapshot {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the ports and timers; running turns go on in the worker. */
  dispose(): void {
    this.disposed = true;
    this.stopHearingStarts();
    clearTimeout(this.reconnect);
    clearTimeout(this.goneCheck);
    clearTimeout(this.stale);
    this.watch?.close();
    this.listeners.clear();
  }

  /**
   * The user shows intent (a key, a focus, a pointer in the view) after the worker went away
   * while the view was idle: reconnect now, which starts the worker, so it is running by the
   * time they press Send (a cold start costs ~40 ms before the command even arrives). Once per
   * drop: while connected this does nothing, so calling it on every key is free.
   */
  wake(): void {
    if (!this.revive()) return;
    const id = this.currentId;
    if (id) {
      this.watch?.follow(id);
      void this.load(id);
    }
  }

  open(id: string | null): void {
    // Opening a conversation is intent too; it follows and loads below.
    this.revive();
    this.currentId = id;
    this.set({ ...EMPTY, loading: id !== null, updated: this.state.updated });
    if (id) {
      this.watch?.follow(id);
      void this.load(id);
    }
  }

  send(text: string, options: SendOptions = {}): void {
    this.set({
      pending: { text, ...(options.context ? { context: options.context } : {}) },
    });
    this.run(
      {
        type: 'send',
        conversationId: this.currentId,
        text,
        ...(options.context ? { context: options.context } : {}),
        ...(options.model ? { model: options.model } : {}),
        ...(options.bot ? { bot: options.bot } : {}),
        ...(options.systemPrompt !== undefined ? { systemPrompt: options.systemPrompt } : {}),
      },
      (error) => {
        const { pending } = this.state;
        if (pending) this.set({ pending: { ...pending, error } });
      },
    );
  }

  /** "Summarize this page": one turn when the page fits, else its parts (the worker decides). */
  summarize(prompt: string, context: PageContext, parts?: number): void {
    const { text: _page, ...shown } = context;
    this.set({ pending: { text: prompt, context: shown } });
    this.run(
      {
        type: 'summarize',
        conversationId: this.currentId,
        prompt,
        context,
        ...(parts === undefined ? {} : { parts }),
      },
      (error) => {
        const { pending } = this.state;
        if (pending) this.set({ pending: { ...pending, error } });
      },
    );
  }

  /** Goes on with a page summary that stopped between parts. */
  resumeSummary(): void {
    this.withId((conversationId) => ({ type: 'resume-summary', conversationId }));
  }

  regenerate(): void {
    this.withId((conversationId) => ({ type: 'regenerate', conversationId }));
  }

  edit(messageId: string, text: string): void {
    this.withId((conversationId) => ({ type: 'edit', conversationId, messageId, text }));
  }

  retry(messageId: string): void {
    this.withId((conversationId) => ({ type: 'retry', conversationId, messageId }));
  }

  continueAnswer(messageId: string): void {
    this.withId((conversationId) => ({ type: 'continue', conversationId, messageId }));
  }

  /** Shows the previous (-1) or next (+1) version of a message and what followed it. */
  switchVersion(messageId: string, step: -1 | 1): void {
    const id = this.currentId;
    if (!id) return;
    // A later load supersedes this answer; an earlier one is superseded by it.
    const seq = ++this.loadSeq;
    this.client
      .request('conversations/switchVersion', { id, messageId, step })
      .then((shown) => {
        if (seq === this.loadSeq && this.currentId === id) this.showLoaded(shown);
      })
      .catch((error: unknown) => this.set({ notice: toStoredError(error) }));
  }

  stop(): void {
    const id = this.currentId;
    this.stopAsked = !isBusy(this.state.messages);
    if (id)
      this.client
        .request('turn/stop', { conversationId: id })
        .catch((error: unknown) => this.set({ notice: toStoredError(error) }));
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  setConversation(conversation: Conversation): void {
    this.set({ conversation });
  }

  // ---- Internals ----------------------------------------------------------------------------

  private set(patch: Partial<Omit<SessionSnapshot, 'busy'>>): void {
    if (this.disposed) return;
    const next = { ...this.state, ...patch };
    next.busy = isBusy(next.messages) || (next.pending !== null && !next.pending.error);
    this.state = next;
    this.armStale();
    for (const listener of [...this.listeners]) listener();
  }

  /**
   * A safety net for lost events (a port that died quietly, a worker that restarted and marked
   * the answer interrupted): while an answer is being written and nothing arrives for a while,
   * ask the store. Every change re-arms the timer, so a live stream never triggers it.
   */
  private armStale(): void {
    clearTimeout(this.stale);
    const id = this.state.conversation?.id;
    if (!id || !isBusy(this.state.messages)) return;
    this.stale = setTimeout(() => void this.load(id), STALE_MS);
  }

  /**
   * The extension was updated or reloaded: this page belongs to the old version and nothing it
   * sends reaches the new worker. Say so (once) instead of retrying for ever or failing silently.
   */
  private checkUpdated(): boolean {
    if (!this.client.updated()) return false;
    if (!this.state.updated) this.set({ updated: true });
    return true;
  }

  /**
   * An idle drop is usually the browser stopping the worker, but may be the extension going
   * away: look again a few times (without reconnecting, which would start the worker), so the
   * view says "updated" or "turned off" while nobody touches it.
   */
  private watchForGone(step: number): void {
    const delay = GONE_CHECKS_MS[step];
    if (delay === undefined) return;
    // Its own timer, kept when the user wakes the view meanwhile: a port opened in the moment
    // the extension is being unloaded may never say it closed.
    clearTimeout(this.goneCheck);
    this.goneCheck = setTimeout(() => {
      if (this.disposed || this.checkUpdated()) return;
      // runtime.id can read set for seconds after the unload; an API call fails at once.
      void this.client.reachable().then((reachable) => {
        if (this.disposed) return;
        if (reachable) this.watchForGone(step + 1);
        else if (!this.state.updated) this.set({ updated: true });
      });
    }, delay);
  }

  /** Reconnects a watch that dropped while idle; false when there was nothing to do. */
  private revive(): boolean {
    if (!this.asleep || this.disposed) return false;
    this.asleep = false;
    clearTimeout(this.reconnect);
    this.connect();
    // Gone for good (updated under this page): the old port cannot follow anything.
    return !this.state.updated;
  }

  /** One watch port for the session's life; it follows whichever conversation is open. */
  private connect(): void {
    if (this.checkUpdated()) return;
    try {
      this.watch = this.client.watch(
        (event) => this.onWatch(event),
        () => {
          // The worker went away: reconnect, then reload what may have changed meanwhile.
          if (this.disposed || this.checkUpdated()) return;
          this.watch = null;
          this.asleep = true;
          // An answer on its way must be seen to its end: come back at once. An idle view waits
          // for the user (wake): reconnecting would start the worker again each time the browser
          // stops it for idling, keeping it alive for as long as a popup or sidebar is open.
          if (this.state.busy) this.reconnect = setTimeout(() => this.wake(), RECONNECT_MS);
          else this.watchForGone(0);
        },
      );
    } catch {
      // runtime.connect throws ("Extension context invalidated") once the extension is
      // unloaded, sometimes while runtime.id still reads as set: this page is orphaned.
      this.watch = null;
      if (!this.state.updated) this.set({ updated: true });
    }
  }

  private onWatch(event: WatchEvent): void {
    if (event.type !== 'changed') return this.apply(event);
    if (event.conversationId !== this.currentId) return;
    if (event.reason === 'deleted') {
      this.currentId = null;
      this.set({ conversation: null, messages: [], versions: {} });
    } else void this.load(event.conversationId);
  }

  private async load(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    mark('conversation-requested');
    try {
      const shown = await this.client.request('conversations/get', { id });
      if (seq !== this.loadSeq || this.currentId !== id) return;
      mark('conversation-loaded');
      this.showLoaded(shown);
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.set({ notice: toStoredError(error) });
    } finally {
      if (seq === this.loadSeq) this.set({ loading: false });
    }
  }

  private showLoaded(shown: ConversationShown): void {
    this.set({
      conversation: shown.conversation,
      messages: keepStreamedText(this.state.messages, shown.messages),
      versions: shown.versions,
    });
  }

  private apply(event: TurnEvent): void {
    const id = eventConversationId(event);
    if (id === null || id !== this.currentId) return;
    const result = applyTurnEvent(
      { conversation: this.state.conversation, messages: this.state.messages },
      event,
    );
    this.set(result.state);
    // A send refused as busy waited for this answer: once it is done, the reason is stale.
    if (event.type === 'finished' && this.state.pending?.error?.kind === 'busy')
      this.set({ pending: null });
    if (result.reload) void this.load(id);
  }

  private withId(make: (conversationId: string) => TurnCommand): void {
    const id = this.currentId;
    if (id) this.run(make(id));
  }

  private run(command: TurnCommand, onRejected?: (error: StoredError) => void): void {
    if (this.checkUpdated()) {
      // The words stay where they were (the composer puts back a refused send's text).
      const error: StoredError = { kind: 'protocol', message: this.t('ui_extension_updated') };
      if (onRejected) onRejected(error);
      return;
    }
    this.set({ notice: null });
    this.stopAsked = false;
    const handle = this.client.startTurn(
      command,
      (event) => {
        if (event.type === 'rejected') {
          if (onRejected) onRejected(event.error);
          // Another view is already answering (its Retry, or its automatic resend, went first):
          // the watch shows that answer; this one adds nothing.
          else if (event.error.kind === 'busy') return;
          else this.set({ notice: event.error });
          return;
        }
        if (event.type === 'accepted' && this.currentId !== event.conversation.id) {
          // A new conversation was created for this send: the view moves onto it.
          if (command.type !== 'send' && command.type !== 'summarize') return;
          if (command.conversationId !== null) return;
          this.currentId = event.conversation.id;
          this.watch?.follow(event.conversation.id);
        }
        if (event.type === 'accepted') {
          this.set({ pending: null });
          // Stop was pressed before the worker had taken the turn: stop it now.
          if (this.stopAsked) {
            this.stopAsked = false;
            void this.client
              .request('turn/stop', { conversationId: event.conversation.id })
              .catch(() => undefined);
          }
        }
        this.apply(event);
        if (event.type === 'finished') handle.close();
      },
      () => {
        // The worker went away mid-turn: what it saved is the truth.
        if (this.checkUpdated()) return;
        const id = this.currentId;
        if (id) void this.load(id);
      },
    );
    // A send with no sign of the user first (a quick action, a click that gave no key) finds the
    // watch asleep: follow again, after the turn so its command goes first to a cold worker.
    // No reload: the turn's own events bring this conversation up to date.
    if (this.revive() && this.currentId) this.watch?.follow(this.currentId);
  }
}

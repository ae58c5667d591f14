/**
 * Runs chat turns: saves the user's message first, creates the answer as `streaming`, streams
 * the provider's pieces into the store (in batches) and to every view, and records the final
 * state. A turn does not belong to the port that started it: closing the view does not stop
 * it; only `stop` does, and that aborts the network request.
 */
import { effectiveBot, type SiteBots } from '../../shared/bots';
import { type Language, languageOf, tIn } from '../../shared/i18n';
import '../words';
import type { AnswerSource, ChatMessage, ChatOptions } from '../../provider/types';
import type { SiteBot } from '../../provider/bot-match';
import type { TurnCommand, TurnEvent, WatchEvent } from '../../shared/messages';
import type { Conversation, FallbackNote, StoredError, StoredMessage } from '../../shared/model';
import type { Settings } from '../../shared/settings';
import { HandlerError, toStoredError, words } from '../errors';
import {
  PlanError,
  isQuotaError,
  type ConversationStore,
  type PlanRefusal,
  type TurnPlan,
} from '../store/store';
import type { ChatFn } from './chat-fn';
import { DeltaWriter, type DeltaWriterOptions } from './delta-writer';
import { buildContinueHistory, buildHistory } from './history';
import { SiteHealth } from './site-health';
import { sameSite } from '../../shared/site-url';
import { FALLBACK_KINDS, candidateSites } from './sites';
import type { WatchHub } from './watch-hub';
import { newJob, nextPageStep } from './page-job';
import { MESSAGE_LIMIT } from '../../shared/message-limit';
import { randomHex } from '../../shared/random-hex';
import { markTurn } from '../trace';

export interface TurnDeps {
  store: ConversationStore;
  chat: ChatFn;
  hub: WatchHub;
  getSettings: () => Promise<Settings>;
  /** Whether the extension may fetch `site` (host permission). */
  hasSitePermission: (site: string) => Promise<boolean>;
  /** Per-installation options every request carries (client id, token cache). */
  chatOptions: () => Promise<Pick<ChatOptions, 'clientId' | 'tokenCache'>>;
  /** Keeps the worker alive until the returned release is called. */
  holdAlive?: () => () => void;
  /** Resolves when start-up recovery is done; no turn writes before it. */
  ready?: Promise<unknown>;
  writer?: DeltaWriterOptions;
  /** A site's bots where the worker has read them lately (site-bots.ts); never reads a page. */
  knownBots?: (site: string) => SiteBots | undefined;
  /** A turn read `site`'s page for its tokens: the bots of that read (site-bots.ts learns them). */
  pageRead?: (site: string, choice: { bots: SiteBot[]; modelChoice: boolean }) => void;
  /** Which sites failed lately (fallback passes over them). Default: a fresh memory. */
  health?: SiteHealth;
  log?: (message: string, detail?: unknown) => void;
  /** Characters per message of a page summary (default MESSAGE_LIMIT). */
  messageLimit?: number;
}

export type Emit = (event: TurnEvent) => void;

/** What a command resolved to: the answer to write and what to send for it. */
interface Plan {
  conversation: Conversation;
  userMessage: StoredMessage | null;
  answer: StoredMessage;
  history: ChatMessage[];
  /** Messages were edited or cut: other views should reload. */
  changed: boolean;
}

/** The words for a refused command (locale keys). */
const REFUSALS: Record<PlanRefusal, string> = {
  'no-conversation': 'background_error_no_conversation',
  'nothing-to-regenerate': 'background_error_nothing_to_regenerate',
  'edit-own-only': 'background_error_edit_own_only',
  'no-answer': 'background_error_no_answer',
  'retry-failed-only': 'background_error_retry_failed_only',
};

const STOPPED: StoredError = { kind: 'aborted', message: 'Stopped.' };

export class TurnRunner {
  private readonly active = new Map<string, AbortController>();
  private readonly health: SiteHealth;

  constructor(private readonly deps: TurnDeps) {
    this.health = deps.health ?? new SiteHealth();
  }

  isRunning(conversationId: string): boolean {
    return this.active.has(conversationId);
  }

  /** Stops the answer being written in a conversation. Answers whether one was running. */
  stop(conversationId: string): boolean {
    const controller = this.active.get(conversationId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Runs one command to its end. Never throws: failures reach `emit` as events. */
  async run(command: TurnCommand, emit: Emit): Promise<void> {
    await this.deps.ready;
    const controller = new AbortController();
    let conversationId = command.conversationId;
    if (conversationId !== null) {
      if (this.active.has(conversationId)) {
        // Checked and claimed with no await between: a second Send is refused, never run.
        const language = await this.language();
        safeEmit(emit, { type: 'rejected', error: busy(language) });
        return;
      }
      this.active.set(conversationId, controller);
    }
    try {
      const claim = (id: string): void => {
        conversationId = id;
        this.active.set(id, controller);
      };
      if (command.type === 'summarize' || command.type === 'resume-summary') {
        await this.summarize(command, controller.signal, emit, claim);
        return;
      }
      const plan = await this.prepare(command);
      markTurn('planned');
      claim(plan.conversation.id);
      const final = await this.runPlan(plan, controller.signal, emit);
      // A part of a page summary answered again (Retry, Continue): the summary goes on.
      if (final.part && final.status === 'done')
        await this.continueJob(plan.conversation.id, controller.signal, emit);
    } catch (error) {
      this.deps.log?.('turn refused', error);
      const language = await this.language().catch((): Language => 'en');
      safeEmit(emit, { type: 'rejected', error: toStoredError(error, language) });
    } finally {
      if (conversationId !== null && this.active.get(conversationId) === controller)
        this.active.delete(conversationId);
    }
  }

  /** Announces a prepared turn to the caller and every view, and answers it. */
  private async runPlan(plan: Plan, signal: AbortSignal, emit: Emit): Promise<StoredMessage> {
    const conversationId = plan.conversation.id;
    const send = (event: TurnEvent): void => {
      safeEmit(emit, event);
      this.deps.hub.publish(conversationId, event);
    };
    if (plan.changed)
      this.publish(conversationId, { type: 'changed', conversationId, reason: 'edited' });
    send({
      type: 'accepted',
      conversation: plan.conversation,
      userMessage: plan.userMessage,
      assistantMessage: plan.answer,
    });
    return this.answer(plan, signal, send);
  }

  // ---- Page summaries: a page that fits goes in one turn, a longer one in parts ------------------

  private async summarize(
    command: Extract<TurnCommand, { type: 'summarize' | 'resume-summary' }>,
    signal: AbortSignal,
    emit: Emit,
    claim: (conversationId: string) => void,
  ): Promise<void> {
    if (command.type === 'resume-summary') {
      await this.continueJob(command.conversationId, signal, emit);
      return;
    }
    const settings = await this.deps.getSettings();
    const page = {
      title: command.context.title,
      url: command.context.url,
      text: command.context.text ?? '',
      source: command.context.source,
    };
    const job = newJob(randomHex(8), page, command.prompt, this.messageLimit, command.parts);
    const create = {
      site: settings.defaultSite,
      model: settings.model,
      systemPrompt: settings.systemPrompt,
      ...(page.title ? { title: page.title } : {}),
    };
    if (job.parts.length <= 1) {
      // Fits one message: an ordinary turn with the page as its context, which later questions
      // keep through the conversation's history.
      const plan = await this.planOf(() =>
        this.deps.store.beginSend({
          conversationId: command.conversationId,
          create,
          text: command.prompt,
          context: { ...command.context, kind: 'page' },
          pageJob: null,
        }),
      );
      claim(plan.conversation.id);
      await this.runPlan(plan, signal, emit);
      return;
    }
    const first = nextPageStep({ ...emptyConversation, pageJob: job }, [], await this.language());
    if (first?.kind !== 'send') return;
    const plan = await this.planOf(() =>
      this.deps.store.beginSend({
        conversationId: command.conversationId,
        create,
        ...first.input,
        pageJob: job,
      }),
    );
    claim(plan.conversation.id);
    const final = await this.runPlan(plan, signal, emit);
    if (final.status === 'done') await this.continueJob(plan.conversation.id, signal, emit);
  }

  /** Sends the conversation's remaining page parts, then the final summary, until one fails or Stop. */
  private async continueJob(
    conversationId: string,
    signal: AbortSignal,
    emit: Emit,
  ): Promise<void> {
    const { store } = this.deps;
    while (!signal.aborted) {
      const view = await store.getView(conversationId);
      if (!view) return;
      const step = nextPageStep(view.conversation, view.messages, await this.language());
      if (step?.kind !== 'send') return;
      const plan = await this.planOf(() =>
        store.beginSend({ conversationId, create: view.conversation, ...step.input }),
      );
      const final = await this.runPlan(plan, signal, emit);
      if (final.status !== 'done') return;
    }
  }

  /** The store's plan as the runner answers it (refusals in the user's words). */
  private async planOf(begin: () => Promise<TurnPlan>): Promise<Plan> {
    let plan: TurnPlan;
    try {
      plan = await begin();
    } catch (error) {
      if (error instanceof PlanError)
        throw new HandlerError('protocol', words(REFUSALS[error.reason]));
      throw error;
    }
    return toPlan(plan, await this.language());
  }

  /** The language of the settings now: the words the runner writes for the user are in it. */
  private async language(): Promise<Language> {
    return languageOf((await this.deps.getSettings()).language);
  }

  private get messageLimit(): number {
    return this.deps.messageLimit ?? MESSAGE_LIMIT;
  }

  /**
   * The bot to ask on `site`: the conversation's choice on its own site, mapped by its model
   * name where the site's bots are known (another site's bot ids mean nothing here). The label
   * names it only where the site has several bots to tell apart.
   */
  private botFor(
    conversation: Conversation,
    site: string,
    isPrimary: boolean,
  ): { id?: string; label?: string } {
    const chosen = isPrimary ? conversation.bot : undefined;
    const known = this.deps.knownBots?.(site);
    if (!known) return chosen ? { id: chosen.id, label: chosen.name } : {};
    const bot = effectiveBot(known, chosen, conversation.model);
    if (!bot) return {};
    // The default bot is what no id asks for: the same request (and token cache) as ever.
    const id = bot.isDefault && !chosen ? {} : { id: bot.id };
    return known.bots.length > 1 ? { ...id, label: bot.name } : id;
  }

  private publish(conversationId: string, event: WatchEvent): void {
    this.deps.hub.publish(conversationId, event);
  }

  // ---- Preparing: one store transaction per command ---------------------------------------------

  private async prepare(command: TurnCommand): Promise<Plan> {
    const { store } = this.deps;
    let plan: TurnPlan;
    try {
      switch (command.type) {
        case 'send': {
          const settings = await this.deps.getSettings();
          plan = await store.beginSend({
            conversationId: command.conversationId,
            create: {
              site: settings.defaultSite,
              model: command.model ?? settings.model,
              ...(command.bot === undefined ? {} : { bot: command.bot }),
              systemPrompt: command.systemPrompt ?? settings.systemPrompt,
            },
            text: command.text,
            ...(command.context ? { context: command.context } : {}),
            ...(command.bot === undefined ? {} : { bot: command.bot }),
            ...(command.model === undefined ? {} : { model: command.model }),
            ...(command.systemPrompt === undefined ? {} : { systemPrompt: command.systemPrompt }),
          });
          break;
        }
        case 'regenerate':
          plan = await store.beginRegenerate(command.conversationId);
          break;
        case 'edit':
          plan = await store.beginEdit(command.conversationId, command.messageId, command.text);
          break;
        case 'retry':
          plan = await store.beginRetry(command.conversationId, command.messageId);
          break;
        case 'continue':
          plan = await store.beginContinue(command.conversationId, command.messageId);
          break;
        case 'summarize':
        case 'resume-summary':
          throw new HandlerError('protocol', 'A page summary is not a single turn.');
      }
    } catch (error) {
      if (error instanceof PlanError)
        throw new HandlerError('protocol', words(REFUSALS[error.reason]));
      throw error;
    }
    return toPlan(plan, await this.language());
  }

  // ---- Answering: streaming from the site(s) ---------------------------------------------------

  private async answer(plan: Plan, signal: AbortSignal, send: Emit): Promise<StoredMessage> {
    const { store, log } = this.deps;
    const release = this.deps.holdAlive?.() ?? (() => undefined);
    const { conversation, answer } = plan;
    const startText = answer.text;
    let text = startText;
    const writer = new DeltaWriter(store, answer.id, startText.length, {
      ...this.deps.writer,
      onError: (error) => log?.('chunk write failed', error),
    });
    let error: StoredError | undefined;
    let site = conversation.site;
    // What the site said besides the text (notes, sources), from the site that answered.
    let notes: string[] = [];
    let sources: AnswerSource[] = [];
    // The bot that answered, named where its site has several.
    let botName: string | undefined;
    // How the conversation's own site failed, this turn or a few minutes ago.
    let primaryFailure: FallbackNote | undefined;
    // The words of this answer's errors, in the language of the settings it is asked under.
    let language: Language = 'en';
    try {
      const settings = await this.deps.getSettings();
      language = languageOf(settings.language);
      const shared = await this.deps.chatOptions();
      markTurn('chat-options');
      const remembered = this.health.failure(conversation.site);
      if (remembered && settings.fallback)
        primaryFailure = { from: conversation.site, kind: remembered.kind, remembered: true };
      const candidates = candidateSites(
        conversation.site,
        settings,
        (url) => this.health.failure(url) !== undefined,
      );
      for (const candidate of candidates) {
        const isPrimary = candidate === conversation.site;
        if (!(await this.deps.hasSitePermission(candidate))) {
          if (!isPrimary) continue;
          site = candidate;
          error = {
            kind: 'permission',
            message: `ChatGptt has no permission to reach ${candidate}. Allow it in the options.`,
          };
          break;
        }
        markTurn('permission');
        site = candidate;
        error = undefined;
        notes = [];
        sources = [];
        const bot = this.botFor(conversation, candidate, isPrimary);
        botName = bot.label;
        try {
          const pieces = this.deps.chat(conversation.model, plan.history, {
            ...shared,
            site: candidate,
            ...(bot.id === undefined ? {} : { bot: bot.id }),
            signal,
            // G5 sites keep memory on the server under this id: one per conversation.
            conversationId: conversation.id,
            memoryMode: settings.memoryMode,
            memoryLimit: settings.memoryLimit,
            firstByteTimeoutMs: settings.firstByteTimeoutSec * 1000,
            idleTimeoutMs: settings.idleTimeoutSec * 1000,
            onProgress: (event) => {
              if (event.type === 'tokens' || event.type === 'request') markTurn(event.type);
              if (event.type === 'note' && !notes.includes(event.text)) notes.push(event.text);
              if (event.type === 'sources') sources = [...sources, ...event.sources];
              if (event.type === 'bots') this.deps.pageRead?.(candidate, event);
            },
          });
          for await (const piece of untilAborted(pieces, signal)) {
            if (!piece) continue;
            if (text === startText) markTurn('first-piece');
            const offset = writer.append(piece);
            text += piece;
            send({
              type: 'delta',
              conversationId: conversation.id,
              messageId: answer.id,
              offset,
              text: piece,
            });
          }
          if (signal.aborted) error = STOPPED;
          else this.health.answered(candidate);
          break;
        } catch (thrown) {
          error = signal.aborted ? STOPPED : offlineOr(toStoredError(thrown, language), language);
          log?.(`site ${candidate} failed`, error);
          // Another site may answer only an answer that has no text at all: not after this site
          // said something, and not to continue an answer another site began.
          if (signal.aborted || text !== '' || !FALLBACK_KINDS.has(error.kind)) break;
          this.health.failed(candidate, error.kind);
          if (isPrimary) primaryFailure = { from: candidate, kind: error.kind };
        }
      }
    } catch (thrown) {
      error = toStoredError(thrown, language);
    } finally {
      await writer.flush();
      release();
    }
    const status = !error ? 'done' : error.kind === 'aborted' ? 'interrupted' : 'error';
    // The label says which site answered and why, when it is not the conversation's own.
    const fallback = primaryFailure && !sameSite(site, conversation.site) ? primaryFailure : null;
    let final: StoredMessage;
    try {
      final = await store.finishMessage(answer.id, {
        text,
        status,
        site,
        bot: botName ?? null,
        error: error ?? null,
        fallback,
        ...extras(notes, sources),
      });
    } catch (thrown) {
      log?.('could not store the final answer', thrown);
      // The browser is out of room: say so on the answer (the row stays as last written and
      // start-up recovery marks it interrupted with its partial text).
      if (isQuotaError(thrown)) error = toStoredError(thrown, language);
      final = {
        ...answer,
        text,
        status: isQuotaError(thrown) ? 'error' : status,
        site,
        ...(botName === undefined ? {} : { bot: botName }),
        ...(error ? { error } : {}),
        ...(fallback ? { fallback } : {}),
        ...extras(notes, sources),
      };
    }
    send({ type: 'finished', conversationId: conversation.id, message: final });
    return final;
  }
}

function toPlan(plan: TurnPlan, language: Language): Plan {
  return {
    conversation: plan.conversation,
    userMessage: plan.userMessage,
    answer: plan.answer,
    history:
      plan.mode === 'continue'
        ? buildContinueHistory(plan.conversation, plan.path, language)
        : buildHistory(plan.conversation, plan.path, language),
    changed: plan.changed,
  };
}

/** nextPageStep's view of a conversation that does not exist yet (only its job matters). */
const emptyConversation: Conversation = {
  id: '',
  title: '',
  site: '',
  model: 'gpt-4o',
  systemPrompt: '',
  createdAt: 0,
  updatedAt: 0,
};

/**
 * The provider's pieces until `signal` aborts. Stop takes effect at once even if the provider
 * is waiting on something that does not watch the signal; its generator is then told to end.
 */
async function* untilAborted(
  pieces: AsyncGenerator<string, void>,
  signal: AbortSignal,
): AsyncGenerator<string, void> {
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    while (true) {
      const next = await Promise.race([pieces.next(), aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Not awaited: a generator stuck in an await only finishes when that await settles.
    pieces.return(undefined).catch(() => undefined);
  }
}

/** Notes and sources to store with an answer: only when there are some (rows stay small). */
function extras(
  notes: string[],
  sources: AnswerSource[],
): Pick<StoredMessage, 'notes' | 'sources'> {
  return {
    ...(notes.length > 0 ? { notes } : {}),
    ...(sources.length > 0 ? { sources } : {}),
  };
}

/**
 * A network failure while the browser says it is offline is said as such: the user's question
 * is kept and the views offer to send it again when the `online` event fires. The one place the
 * offline case is decided: the views only show the kind (ErrorNotice).
 */
function offlineOr(error: StoredError, language: Language): StoredError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (!offline || (error.kind !== 'network' && error.kind !== 'cut' && error.kind !== 'timeout'))
    return error;
  return {
    kind: 'offline',
    message: tIn(language, 'background_error_offline'),
    detail: error.message,
  };
}

function busy(language: Language): StoredError {
  return { kind: 'busy', message: tIn(language, 'background_error_busy') };
}

/** A view's port may be gone: the turn goes on regardless. */
function safeEmit(emit: Emit, event: TurnEvent): void {
  try {
    emit(event);
  } catch {
    // The view closed; the answer still lands in the store and on the watch ports.
  }
}

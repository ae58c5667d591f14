/**
 * The conversation store: the one writer of conversations and messages. The worker creates
 * it per use from an IDBFactory; nothing is kept in memory between calls except the handle.
 */
import type {
  Conversation,
  ConversationSummary,
  MessageStatus,
  FallbackNote,
  StoredError,
  StoredMessage,
  VersionInfo,
} from '../../shared/model';
import type { ChosenBot } from '../../shared/bots';
import type { ModelName } from '../../shared/models';
import { t } from '../../shared/i18n';
import { collect, deleteRange, inTransaction, requestToPromise } from './idb';
import { INDEXES, STORES, openDatabase } from './schema';
import { foldChunks, snippetAround, titleFrom, type Chunk } from './text';
import { hasChildren, pathTo, showing, shownPath, siblingAt, versionsOf } from './tree';

export interface StoreOptions {
  factory: IDBFactory;
  name?: string;
  now?: () => number;
  newId?: () => string;
}

export interface NewConversation {
  site: string;
  model: ModelName;
  bot?: ChosenBot;
  systemPrompt: string;
  title?: string;
}

export interface NewMessage {
  conversationId: string;
  role: 'user' | 'assistant';
  text: string;
  status: MessageStatus;
  site?: string;
  context?: StoredMessage['context'];
  error?: StoredError;
}

export type MessagePatch = Partial<
  Pick<StoredMessage, 'text' | 'status' | 'site' | 'context' | 'notes' | 'sources'>
> & {
  /** `null` removes the bot name. */
  bot?: string | null;
  /** `null` removes the error. */
  error?: StoredError | null;
  /** `null` removes the fallback note. */
  fallback?: FallbackNote | null;
};

export class StoreError extends Error {
  override name = 'StoreError';
}

/** A write to a read-only (imported, foreign-site) conversation. */
export class ReadOnlyError extends StoreError {
  override name = 'ReadOnlyError';
  readonly kind = 'protocol';

  constructor(readonly foreignSite: string) {
    super(t('background_error_read_only', foreignSite));
  }
}

/** Why a conversation operation was refused; nothing was written. The runner words it. */
export type PlanRefusal =
  'no-conversation' | 'nothing-to-regenerate' | 'edit-own-only' | 'no-answer' | 'retry-failed-only';

export class PlanError extends StoreError {
  override name = 'PlanError';
  constructor(readonly reason: PlanRefusal) {
    super(reason);
  }
}

/**
 * What a conversation operation wrote, from one transaction: the answer to stream into (status
 * `streaming`) and the messages on the path before it, which are what the model is sent.
 */
export interface TurnPlan {
  conversation: Conversation;
  /** The question being answered (new, edited or existing), or null for retry / continue. */
  userMessage: StoredMessage | null;
  answer: StoredMessage;
  /** The messages before `answer` on its path, in order (for continue: with `answer` last). */
  path: StoredMessage[];
  /** `continue` asks the site to go on from the answer's partial text. */
  mode: 'answer' | 'continue';
  /** Messages other views show changed beyond the new ones: they should reload. */
  changed: boolean;
}

/** What a view shows of a conversation: the shown path and where forks are. */
export interface ConversationView {
  conversation: Conversation;
  messages: StoredMessage[];
  versions: Record<string, VersionInfo>;
}

function viewOf(conversation: Conversation, all: StoredMessage[]): ConversationView {
  const messages = shownPath(all, conversation.shown);
  return { conversation, messages, versions: versionsOf(all, messages) };
}

export interface SendInput {
  /** null: a new conversation with `create`'s settings. */
  conversationId: string | null;
  create: NewConversation;
  text: string;
  context?: StoredMessage['context'];
  model?: ModelName;
  bot?: ChosenBot;
  systemPrompt?: string;
}

const ALL = [STORES.conversations, STORES.messages, STORES.chunks];

function byConversation(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
}

export class ConversationStore {
  private db: Promise<IDBDatabase> | undefined;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const opening = openDatabase(this.options.factory, this.options.name);
      this.db = opening;
      // A closed handle (a newer schema elsewhere, the user clearing site data) is reopened
      // by the next call instead of failing every call after it.
      const forget = (): void => {
        if (this.db === opening) this.db = undefined;
      };
      opening.then((db) => {
        db.addEventListener('versionchange', forget);
        db.addEventListener('close', forget);
      }, forget);
    }
    return this.db;
  }

  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
  }

  private async run<T>(
    stores: string[],
    mode: IDBTransactionMode,
    body: (tx: IDBTransaction) => Promise<T>,
  ): Promise<T> {
    return inTransaction(await this.open(), stores, mode, body);
  }

  // ---- Conversations ------------------------------------------------------------------------

  async createConversation(input: NewConversation): Promise<Conversation> {
    const at = this.now();
    const conversation: Conversation = {
      id: this.newId(),
      title: input.title ?? '',
      site: input.site,
      model: input.model,
      ...(input.bot ? { bot: input.bot } : {}),
      systemPrompt: input.systemPrompt,
      createdAt: at,
      updatedAt: at,
    };
    await this.run([STORES.conversations], 'readwrite', async (tx) => {
      await requestToPromise(tx.objectStore(STORES.conversations).add(conversation));
    });
    return conversation;
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    return this.run([STORES.conversations], 'readonly', async (tx) => {
      const found = await requestToPromise(tx.objectStore(STORES.conversations).get(id));
      return found as Conversation | undefined;
    });
  }

  async updateConversation(
    id: string,
    patch: Partial<Pick<Conversation, 'title' | 'model' | 'systemPrompt' | 'site'>> & {
      /** `null` goes back to the bot the model maps onto. */
      bot?: ChosenBot | null;
    },
  ): Promise<Conversation> {
    return this.run([STORES.conversations], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = (await requestToPromise(conversations.get(id))) as Conversation | undefined;
      if (!current) throw new StoreError(`No conversation ${id}`);
      const { bot, ...rest } = patch;
      const next: Conversation = { ...current, ...rest, updatedAt: this.now() };
      if (bot === null) delete next.bot;
      else if (bot !== undefined) next.bot = bot;
      // A bot id means something only on its own site.
      else if (rest.site !== undefined && rest.site !== current.site) delete next.bot;
      await requestToPromise(conversations.put(next));
      return next;
    });
  }

  /** Continues a read-only imported conversation on `site`: drops its foreign site. */
  async adoptConversation(id: string, site: string): Promise<Conversation> {
    return this.run([STORES.conversations], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = (await requestToPromise(conversations.get(id))) as Conversation | undefined;
      if (!current) throw new StoreError(`No conversation ${id}`);
      // The file's bot id belongs to the site it came from, not to `site`.
      const { foreignSite: _dropped, bot: _bot, ...rest } = current;
      const next: Conversation = { ...rest, site, updatedAt: this.now() };
      await requestToPromise(conversations.put(next));
      return next;
    });
  }

  /** A page of conversations, newest first; `query` matches titles and message text. */
  async listConversations(
    options: { offset?: number; limit?: number; query?: string } = {},
  ): Promise<{ items: ConversationSummary[]; total: number }> {
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(1, options.limit ?? 50);
    const needle = options.query?.trim().toLowerCase() ?? '';
    return this.run([STORES.conversations, STORES.messages], 'readonly', async (tx) => {
      const newestFirst = await collect<Conversation>(
        tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated),
        undefined,
        'prev',
      );
      let matches: Array<{ conversation: Conversation; snippet?: string }>;
      if (needle) {
        const snippets = new Map<string, string>();
        const messages = await collect<StoredMessage>(tx.objectStore(STORES.messages));
        for (const message of messages) {
          if (snippets.has(message.conversationId)) continue;
          const snippet = snippetAround(message.text, needle);
          if (snippet) snippets.set(message.conversationId, snippet);
        }
        matches = newestFirst
          .filter((c) => c.title.toLowerCase().includes(needle) || snippets.has(c.id))
          .map((conversation) => {
            const snippet = snippets.get(conversation.id);
            return snippet === undefined ? { conversation } : { conversation, snippet };
          });
      } else {
        matches = newestFirst.map((conversation) => ({ conversation }));
      }
      const page = matches.slice(offset, offset + limit);
      const index = tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation);
      const items: ConversationSummary[] = [];
      for (const { conversation, snippet } of page) {
        const messageCount = await requestToPromise(index.count(byConversation(conversation.id)));
        items.push({ ...conversation, messageCount, ...(snippet ? { snippet } : {}) });
      }
      return { items, total: matches.length };
    });
  }

  async latestConversationId(): Promise<string | null> {
    return this.run([STORES.conversations], 'readonly', async (tx) => {
      const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated);
      const cursor = await requestToPromise(index.openCursor(null, 'prev'));
      return cursor ? (cursor.value as Conversation).id : null;
    });
  }

  /** Deletes a conversation, its messages and chunks; answers what was deleted (for Undo). */
  async deleteConversation(
    id: string,
  ): Promise<{ conversation: Conversation; messages: StoredMessage[] }> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const conversation = (await requestToPromise(
        tx.objectStore(STORES.conversations).get(id),
      )) as Conversation | undefined;
      if (!conversation) throw new StoreError(`No conversation ${id}`);
      const messages = await this.readMessages(tx, id);
      for (const message of messages) {
        await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), message.id);
      }
      await deleteRange(
        tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation),
        byConversation(id),
      );
      await requestToPromise(tx.objectStore(STORES.conversations).delete(id));
      return { conversation, messages };
    });
  }

  /** Puts back conversations with their messages, replacing any with the same ids. */
  async putConversations(
    entries: Array<{ conversation: Conversation; messages: StoredMessage[] }>,
  ): Promise<void> {
    await this.run(ALL, 'readwrite', async (tx) => {
      for (const { conversation, messages } of entries) {
        await this.removeMessagesOf(tx, conversation.id);
        await requestToPromise(tx.objectStore(STORES.conversations).put(conversation));
        for (const message of messages) {
          await requestToPromise(tx.objectStore(STORES.messages).put(message));
        }
      }
    });
  }

  async deleteAll(): Promise<number> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const count = await requestToPromise(tx.objectStore(STORES.conversations).count());
      for (const name of ALL) await requestToPromise(tx.objectStore(name).clear());
      return count;
    });
  }

  /** Every conversation with its messages (text folded), oldest first; for export. */
  async dumpAll(): Promise<Array<{ conversation: Conversation; messages: StoredMessage[] }>> {
    return this.run(ALL, 'readonly', async (tx) => {
      const conversations = await collect<Conversation>(
        tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated),
      );
      const out: Array<{ conversation: Conversation; messages: StoredMessage[] }> = [];
      for (const conversation of conversations) {
        out.push({ conversation, messages: await this.readMessages(tx, conversation.id) });
      }
      return out;
    });
  }

  // ---- Messages -----------------------------------------------------------------------------

  /** The messages shown (the path through the tree), each with the text streamed so far. */
  async getMessages(conversationId: string): Promise<StoredMessage[]> {
    return this.run(ALL, 'readonly', async (tx) => {
      const conversation = await this.requireConversation(tx, conversationId).catch(() => null);
      return shownPath(await this.readMessages(tx, conversationId), conversation?.shown);
    });
  }

  /** Every message of a conversation, all branches, by seq. */
  async getAllMessages(conversationId: string): Promise<StoredMessage[]> {
    return this.run([STORES.messages, STORES.chunks], 'readonly', (tx) =>
      this.readMessages(tx, conversationId),
    );
  }

  /** The conversation with its shown path and its forks, from one read. */
  async getView(conversationId: string): Promise<ConversationView | undefined> {
    return this.run(ALL, 'readonly', async (tx) => {
      const conversation = (await requestToPromise(
        tx.objectStore(STORES.conversations).get(conversationId),
      )) as Conversation | undefined;
      if (!conversation) return undefined;
      return viewOf(conversation, await this.readMessages(tx, conversationId));
    });
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    return this.run([STORES.messages, STORES.chunks], 'readonly', async (tx) => {
      const row = (await requestToPromise(tx.objectStore(STORES.messages).get(id))) as
        StoredMessage | undefined;
      return row && this.withChunks(tx, row);
    });
  }

  /**
   * Appends a message at the end of the shown path; the first user message names an untitled
   * conversation. Also moves the conversation to the top of the history.
   */
  async addMessage(input: NewMessage): Promise<StoredMessage> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const conversation = await this.requireWritable(tx, input.conversationId);
      const all = await this.readMessages(tx, input.conversationId);
      const { conversationId: _, ...rest } = input;
      const message = await this.insertMessage(tx, conversation, all, {
        ...rest,
        parentId: shownPath(all, conversation.shown).at(-1)?.id ?? null,
      });
      await this.touchConversation(tx, conversation, input.role === 'user' ? message : null, [
        message,
      ]);
      return message;
    });
  }

  /** Changes a message's row. Does not touch chunks: use `finishMessage` to fold them. */
  async updateMessage(id: string, patch: MessagePatch): Promise<StoredMessage> {
    return this.run([STORES.messages], 'readwrite', async (tx) => {
      const messages = tx.objectStore(STORES.messages);
      const current = (await requestToPromise(messages.get(id))) as StoredMessage | undefined;
      if (!current) throw new StoreError(`No message ${id}`);
      const next = applyPatch(current, patch, this.now());
      await requestToPromise(messages.put(next));
      return next;
    });
  }

  /**
   * Writes one streamed piece. Writing the same piece again replaces it (same key). A piece of
   * a message deleted meanwhile (its conversation was deleted mid-answer) is dropped.
   */
  async appendChunk(messageId: string, offset: number, text: string): Promise<void> {
    const chunk: Chunk = { messageId, offset, text };
    await this.run([STORES.messages, STORES.chunks], 'readwrite', async (tx) => {
      const exists = await requestToPromise(tx.objectStore(STORES.messages).count(messageId));
      if (exists) await requestToPromise(tx.objectStore(STORES.chunks).put(chunk));
    });
  }

  /** Folds a message's chunks into its text and applies `patch` (its final status). */
  async finishMessage(id: string, patch: MessagePatch): Promise<StoredMessage> {
    return this.run([STORES.messages, STORES.chunks], 'readwrite', async (tx) => {
      const row = (await requestToPromise(tx.objectStore(STORES.messages).get(id))) as
        StoredMessage | undefined;
      if (!row) throw new StoreError(`No message ${id}`);
      const folded = await this.withChunks(tx, row);
      await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), id);
      const next = applyPatch(folded, patch, this.now());
      await requestToPromise(tx.objectStore(STORES.messages).put(next));
      return next;
    });
  }

  /** Empties an answer for a retry: its text and chunks go, it streams again. */
  async resetMessage(id: string, site: string): Promise<StoredMessage> {
    return this.run([STORES.messages, STORES.chunks], 'readwrite', async (tx) => {
      const row = (await requestToPromise(tx.objectStore(STORES.messages).get(id))) as
        StoredMessage | undefined;
      if (!row) throw new StoreError(`No message ${id}`);
      await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), id);
      const next = applyPatch(
        row,
        {
          text: '',
          status: 'streaming',
          error: null,
          fallback: null,
          notes: [],
          sources: [],
          bot: null,
          site,
        },
        this.now(),
      );
      await requestToPromise(tx.objectStore(STORES.messages).put(next));
      return next;
    });
  }

  /**
   * After a worker restart: every answer still marked streaming was cut off. Its chunks are
   * folded in (the partial text is kept) and it becomes interrupted. Answers the messages.
   */
  async interruptStreaming(): Promise<StoredMessage[]> {
    return this.run([STORES.messages, STORES.chunks], 'readwrite', async (tx) => {
      const index = tx.objectStore(STORES.messages).index(INDEXES.messagesByStatus);
      const streaming = [
        ...(await collect<StoredMessage>(index, 'streaming')),
        ...(await collect<StoredMessage>(index, 'pending')),
      ];
      const out: StoredMessage[] = [];
      for (const row of streaming) {
        const folded = await this.withChunks(tx, row);
        await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), row.id);
        const next = applyPatch(folded, { status: 'interrupted' }, this.now());
        await requestToPromise(tx.objectStore(STORES.messages).put(next));
        out.push(next);
      }
      return out;
    });
  }

  // ---- Conversation operations: each one transaction ---------------------------------------
  // A worker killed at any point leaves the state before the operation or the whole new state
  // (whose streaming answer start-up recovery marks interrupted), never something in between.
  // None deletes a message: an edit or a regenerate adds a version beside the old one.

  /** Saves the user's message and the empty answer at the end of the shown path. */
  async beginSend(input: SendInput): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation: Conversation;
      if (input.conversationId === null) {
        conversation = this.newConversation(input.create);
        await requestToPromise(tx.objectStore(STORES.conversations).add(conversation));
      } else {
        conversation = await this.requireWritable(tx, input.conversationId);
        if (input.model !== undefined) conversation = { ...conversation, model: input.model };
        if (input.bot !== undefined) conversation = { ...conversation, bot: input.bot };
        if (input.systemPrompt !== undefined)
          conversation = { ...conversation, systemPrompt: input.systemPrompt };
      }
      const all = await this.readMessages(tx, conversation.id);
      const before = shownPath(all, conversation.shown);
      const userMessage = await this.insertMessage(tx, conversation, all, {
        parentId: before.at(-1)?.id ?? null,
        role: 'user',
        text: input.text,
        status: 'done',
        ...(input.context ? { context: input.context } : {}),
      });
      const answer = await this.insertAnswer(tx, conversation, all, userMessage.id);
      conversation = await this.touchConversation(tx, conversation, userMessage, [
        userMessage,
        answer,
      ]);
      return {
        conversation,
        userMessage,
        answer,
        path: [...before, userMessage],
        mode: 'answer',
        changed: false,
      };
    });
  }

  /** A new version of the answer to the last question shown; the old ones stay. */
  async beginRegenerate(conversationId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation = await this.requireWritable(tx, conversationId);
      const all = await this.readMessages(tx, conversationId);
      const shown = shownPath(all, conversation.shown);
      const lastUser = shown.findLast((m) => m.role === 'user');
      if (!lastUser) throw new PlanError('nothing-to-regenerate');
      const answer = await this.insertAnswer(tx, conversation, all, lastUser.id);
      conversation = await this.touchConversation(tx, conversation, null, [answer]);
      return {
        conversation,
        userMessage: lastUser,
        answer,
        path: pathTo(all, lastUser),
        mode: 'answer',
        changed: true,
      };
    });
  }

  /** The edited question is a new version beside the old one (which keeps what followed it). */
  async beginEdit(conversationId: string, messageId: string, text: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation = await this.requireWritable(tx, conversationId);
      const all = await this.readMessages(tx, conversationId);
      const target = all.find((m) => m.id === messageId);
      if (!target || target.role !== 'user') throw new PlanError('edit-own-only');
      const userMessage = await this.insertMessage(tx, conversation, all, {
        parentId: target.parentId,
        role: 'user',
        text,
        status: 'done',
        ...(target.context ? { context: target.context } : {}),
      });
      const answer = await this.insertAnswer(tx, conversation, all, userMessage.id);
      conversation = await this.touchConversation(tx, conversation, null, [userMessage, answer]);
      return {
        conversation,
        userMessage,
        answer,
        path: pathTo(all, userMessage),
        mode: 'answer',
        changed: true,
      };
    });
  }

  /**
   * Answers a failed or interrupted answer's question again: in place when nothing follows it,
   * else as a new version (the turns after the old one stay with it).
   */
  async beginRetry(conversationId: string, messageId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const found = await this.failedAnswer(tx, conversationId, messageId);
      return this.retryIn(tx, found.conversation, found.all, found.target);
    });
  }

  /** Asks for the rest of a failed or interrupted answer (a retry when it has no text yet). */
  async beginContinue(conversationId: string, messageId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const found = await this.failedAnswer(tx, conversationId, messageId);
      let { conversation } = found;
      const { all, target } = found;
      if (!target.text) return this.retryIn(tx, conversation, all, target);
      let answer: StoredMessage;
      const fork = hasChildren(all, target.id);
      if (fork) {
        // Later turns followed the partial answer: the continued one is a new version.
        answer = await this.insertMessage(tx, conversation, all, {
          parentId: target.parentId,
          role: 'assistant',
          text: target.text,
          status: 'streaming',
          ...(target.site === undefined ? {} : { site: target.site }),
        });
        conversation = await this.touchConversation(tx, conversation, null, [answer]);
      } else {
        answer = applyPatch(target, { status: 'streaming', error: null }, this.now());
        await requestToPromise(tx.objectStore(STORES.messages).put(answer));
      }
      return {
        conversation,
        userMessage: null,
        answer,
        path: [...pathTo(all, target).slice(0, -1), answer],
        mode: 'continue',
        changed: fork,
      };
    });
  }

  /** Shows the previous (-1) or next (+1) version of a message; answers the new view. */
  async switchVersion(
    conversationId: string,
    messageId: string,
    step: -1 | 1,
  ): Promise<ConversationView> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation = await this.requireConversation(tx, conversationId);
      const all = await this.readMessages(tx, conversationId);
      const sibling = siblingAt(all, messageId, step);
      if (sibling) {
        conversation = { ...conversation, shown: showing(conversation.shown, sibling) };
        await requestToPromise(tx.objectStore(STORES.conversations).put(conversation));
      }
      return viewOf(conversation, all);
    });
  }

  private async retryIn(
    tx: IDBTransaction,
    conversation: Conversation,
    all: StoredMessage[],
    target: StoredMessage,
  ): Promise<TurnPlan> {
    const before = pathTo(all, target).slice(0, -1);
    const question = before.at(-1);
    if (hasChildren(all, target.id) && question) {
      const answer = await this.insertAnswer(tx, conversation, all, question.id);
      const next = await this.touchConversation(tx, conversation, null, [answer]);
      return {
        conversation: next,
        userMessage: null,
        answer,
        path: before,
        mode: 'answer',
        changed: true,
      };
    }
    await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), target.id);
    const answer = applyPatch(
      target,
      { text: '', status: 'streaming', error: null, site: conversation.site },
      this.now(),
    );
    await requestToPromise(tx.objectStore(STORES.messages).put(answer));
    return {
      conversation,
      userMessage: null,
      answer,
      path: before,
      mode: 'answer',
      changed: false,
    };
  }

  private async failedAnswer(
    tx: IDBTransaction,
    conversationId: string,
    messageId: string,
  ): Promise<{ conversation: Conversation; all: StoredMessage[]; target: StoredMessage }> {
    const conversation = await this.requireWritable(tx, conversationId);
    const all = await this.readMessages(tx, conversationId);
    const target = all.find((m) => m.id === messageId);
    if (!target || target.role !== 'assistant') throw new PlanError('no-answer');
    if (target.status !== 'error' && target.status !== 'interrupted')
      throw new PlanError('retry-failed-only');
    return { conversation, all, target };
  }

  private newConversation(input: NewConversation): Conversation {
    const at = this.now();
    return {
      id: this.newId(),
      title: input.title ?? '',
      site: input.site,
      model: input.model,
      ...(input.bot ? { bot: input.bot } : {}),
      systemPrompt: input.systemPrompt,
      createdAt: at,
      updatedAt: at,
    };
  }

  private async requireConversation(tx: IDBTransaction, id: string): Promise<Conversation> {
    const found = (await requestToPromise(tx.objectStore(STORES.conversations).get(id))) as
      Conversation | undefined;
    if (!found) throw new PlanError('no-conversation');
    return found;
  }

  /** A conversation that may gain messages: an imported one from an unknown site is read-only. */
  private async requireWritable(tx: IDBTransaction, id: string): Promise<Conversation> {
    const conversation = await this.requireConversation(tx, id);
    if (conversation.foreignSite) throw new ReadOnlyError(conversation.foreignSite);
    return conversation;
  }

  /**
   * Writes `conversation` showing `added` (new messages, parents first), moved to the top of
   * the history and named by its first question.
   */
  private async touchConversation(
    tx: IDBTransaction,
    conversation: Conversation,
    question: StoredMessage | null,
    added: StoredMessage[],
  ): Promise<Conversation> {
    const title = !conversation.title && question ? titleFrom(question.text) : conversation.title;
    let shown = conversation.shown ?? {};
    for (const message of added) shown = showing(shown, message);
    const next: Conversation = { ...conversation, title, shown, updatedAt: this.now() };
    await requestToPromise(tx.objectStore(STORES.conversations).put(next));
    return next;
  }

  private insertAnswer(
    tx: IDBTransaction,
    conversation: Conversation,
    all: StoredMessage[],
    parentId: string,
  ): Promise<StoredMessage> {
    return this.insertMessage(tx, conversation, all, {
      parentId,
      role: 'assistant',
      text: '',
      status: 'streaming',
      site: conversation.site,
    });
  }

  /** Adds a message after every one in `all` (its conversation's), and to `all`. */
  private async insertMessage(
    tx: IDBTransaction,
    conversation: Conversation,
    all: StoredMessage[],
    input: Omit<NewMessage, 'conversationId'> & { parentId: string | null },
  ): Promise<StoredMessage> {
    const at = this.now();
    const seq = all.reduce((max, m) => Math.max(max, m.seq + 1), 0);
    const message: StoredMessage = {
      id: this.newId(),
      conversationId: conversation.id,
      parentId: input.parentId,
      role: input.role,
      text: input.text,
      status: input.status,
      seq,
      createdAt: at,
      updatedAt: at,
      ...(input.site === undefined ? {} : { site: input.site }),
      ...(input.context === undefined ? {} : { context: input.context }),
      ...(input.error === undefined ? {} : { error: input.error }),
    };
    await requestToPromise(tx.objectStore(STORES.messages).add(message));
    all.push(message);
    return message;
  }

  // ---- Internals ----------------------------------------------------------------------------

  private async readMessages(tx: IDBTransaction, conversationId: string): Promise<StoredMessage[]> {
    const rows = await collect<StoredMessage>(
      tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation),
      byConversation(conversationId),
    );
    const out: StoredMessage[] = [];
    for (const row of rows) out.push(await this.withChunks(tx, row));
    return out;
  }

  private async withChunks(tx: IDBTransaction, row: StoredMessage): Promise<StoredMessage> {
    if (row.status !== 'streaming' && row.status !== 'pending') return row;
    const chunks = await collect<Chunk>(
      tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage),
      row.id,
    );
    return chunks.length ? { ...row, text: foldChunks(row.text, chunks) } : row;
  }

  private async removeMessagesOf(tx: IDBTransaction, conversationId: string): Promise<void> {
    const rows = await collect<StoredMessage>(
      tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation),
      byConversation(conversationId),
    );
    for (const row of rows) {
      await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), row.id);
      await requestToPromise(tx.objectStore(STORES.messages).delete(row.id));
    }
  }
}

function applyPatch(current: StoredMessage, patch: MessagePatch, at: number): StoredMessage {
  const { error, fallback, bot, ...rest } = patch;
  const next: StoredMessage = { ...current, ...rest, updatedAt: at };
  if (bot === null) delete next.bot;
  else if (bot !== undefined) next.bot = bot;
  if (error === null) delete next.error;
  else if (error !== undefined) next.error = error;
  if (fallback === null) delete next.fallback;
  else if (fallback !== undefined) next.fallback = fallback;
  return next;
}

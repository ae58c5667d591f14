/**
 * The conversation store: the one writer of conversations and messages. The worker creates
 * it per use from an IDBFactory; nothing is kept in memory between calls except the handle.
 */
import type {
  Conversation,
  ConversationSummary,
  MessageStatus,
  StoredError,
  StoredMessage,
} from '../../shared/model';
import type { ModelName } from '../../shared/models';
import { collect, deleteRange, inTransaction, requestToPromise } from './idb';
import { INDEXES, STORES, openDatabase } from './schema';
import { foldChunks, snippetAround, titleFrom, type Chunk } from './text';

export interface StoreOptions {
  factory: IDBFactory;
  name?: string;
  now?: () => number;
  newId?: () => string;
}

export interface NewConversation {
  site: string;
  model: ModelName;
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

export type MessagePatch = Partial<Pick<StoredMessage, 'text' | 'status' | 'site' | 'context'>> & {
  /** `null` removes the error. */
  error?: StoredError | null;
};

export class StoreError extends Error {
  override name = 'StoreError';
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

export interface SendInput {
  /** null: a new conversation with `create`'s settings. */
  conversationId: string | null;
  create: NewConversation;
  text: string;
  context?: StoredMessage['context'];
  model?: ModelName;
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
    patch: Partial<Pick<Conversation, 'title' | 'model' | 'systemPrompt' | 'site'>>,
  ): Promise<Conversation> {
    return this.run([STORES.conversations], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = (await requestToPromise(conversations.get(id))) as Conversation | undefined;
      if (!current) throw new StoreError(`No conversation ${id}`);
      const next: Conversation = { ...current, ...patch, updatedAt: this.now() };
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

  /** The messages of a conversation in order, each with the text streamed so far. */
  async getMessages(conversationId: string): Promise<StoredMessage[]> {
    return this.run([STORES.messages, STORES.chunks], 'readonly', (tx) =>
      this.readMessages(tx, conversationId),
    );
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    return this.run([STORES.messages, STORES.chunks], 'readonly', async (tx) => {
      const row = (await requestToPromise(tx.objectStore(STORES.messages).get(id))) as
        StoredMessage | undefined;
      return row && this.withChunks(tx, row);
    });
  }

  /**
   * Appends a message at the end of its conversation; the first user message names an
   * untitled conversation. Also moves the conversation to the top of the history.
   */
  async addMessage(input: NewMessage): Promise<StoredMessage> {
    return this.run([STORES.conversations, STORES.messages], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const conversation = (await requestToPromise(conversations.get(input.conversationId))) as
        Conversation | undefined;
      if (!conversation) throw new StoreError(`No conversation ${input.conversationId}`);
      const index = tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation);
      const last = await requestToPromise(
        index.openCursor(byConversation(input.conversationId), 'prev'),
      );
      const at = this.now();
      const message: StoredMessage = {
        id: this.newId(),
        conversationId: input.conversationId,
        role: input.role,
        text: input.text,
        status: input.status,
        seq: last ? (last.value as StoredMessage).seq + 1 : 0,
        createdAt: at,
        updatedAt: at,
        ...(input.site === undefined ? {} : { site: input.site }),
        ...(input.context === undefined ? {} : { context: input.context }),
        ...(input.error === undefined ? {} : { error: input.error }),
      };
      await requestToPromise(tx.objectStore(STORES.messages).add(message));
      const title =
        !conversation.title && input.role === 'user' ? titleFrom(input.text) : conversation.title;
      await requestToPromise(conversations.put({ ...conversation, title, updatedAt: at }));
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
        { text: '', status: 'streaming', error: null, site },
        this.now(),
      );
      await requestToPromise(tx.objectStore(STORES.messages).put(next));
      return next;
    });
  }

  /** Removes every message of a conversation after `seq` (edit and regenerate cut there). */
  async deleteMessagesAfter(conversationId: string, seq: number): Promise<number> {
    return this.run([STORES.messages, STORES.chunks], 'readwrite', async (tx) => {
      const range = IDBKeyRange.bound([conversationId, seq], [conversationId, Infinity], true);
      const index = tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation);
      const doomed = await collect<StoredMessage>(index, range);
      for (const message of doomed) {
        await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), message.id);
        await requestToPromise(tx.objectStore(STORES.messages).delete(message.id));
      }
      return doomed.length;
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

  /** Saves the user's message and the empty answer (creating the conversation if needed). */
  async beginSend(input: SendInput): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation: Conversation;
      if (input.conversationId === null) {
        conversation = this.newConversation(input.create);
        await requestToPromise(tx.objectStore(STORES.conversations).add(conversation));
      } else {
        conversation = await this.requireConversation(tx, input.conversationId);
        if (input.model !== undefined) conversation = { ...conversation, model: input.model };
        if (input.systemPrompt !== undefined)
          conversation = { ...conversation, systemPrompt: input.systemPrompt };
      }
      const before = await this.readMessages(tx, conversation.id);
      const userMessage = await this.insertMessage(tx, conversation, before, {
        role: 'user',
        text: input.text,
        status: 'done',
        ...(input.context ? { context: input.context } : {}),
      });
      const answer = await this.insertMessage(tx, conversation, [...before, userMessage], {
        role: 'assistant',
        text: '',
        status: 'streaming',
        site: conversation.site,
      });
      conversation = await this.touchConversation(tx, conversation, userMessage);
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

  /** A new answer to the last question, in place of the answers after it. */
  async beginRegenerate(conversationId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation = await this.requireConversation(tx, conversationId);
      const messages = await this.readMessages(tx, conversationId);
      const lastUser = messages.findLast((m) => m.role === 'user');
      if (!lastUser) throw new PlanError('nothing-to-regenerate');
      const path = messages.filter((m) => m.seq <= lastUser.seq);
      const cut = await this.removeAfter(tx, messages, lastUser.seq);
      const answer = await this.insertMessage(tx, conversation, messages, {
        role: 'assistant',
        text: '',
        status: 'streaming',
        site: conversation.site,
      });
      conversation = await this.touchConversation(tx, conversation, null);
      return {
        conversation,
        userMessage: lastUser,
        answer,
        path,
        mode: 'answer',
        changed: cut > 0,
      };
    });
  }

  /** Changes a question's text and answers it anew, in place of what followed it. */
  async beginEdit(conversationId: string, messageId: string, text: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      let conversation = await this.requireConversation(tx, conversationId);
      const messages = await this.readMessages(tx, conversationId);
      const target = messages.find((m) => m.id === messageId);
      if (!target || target.role !== 'user') throw new PlanError('edit-own-only');
      const userMessage = applyPatch(target, { text }, this.now());
      await requestToPromise(tx.objectStore(STORES.messages).put(userMessage));
      await this.removeAfter(tx, messages, target.seq);
      const answer = await this.insertMessage(tx, conversation, messages, {
        role: 'assistant',
        text: '',
        status: 'streaming',
        site: conversation.site,
      });
      conversation = await this.touchConversation(tx, conversation, null);
      const path = [...messages.filter((m) => m.seq < target.seq), userMessage];
      return { conversation, userMessage, answer, path, mode: 'answer', changed: true };
    });
  }

  /** Empties a failed or interrupted answer to write it again. */
  async beginRetry(conversationId: string, messageId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const { conversation, messages, target } = await this.failedAnswer(
        tx,
        conversationId,
        messageId,
      );
      return this.retryIn(tx, conversation, messages, target);
    });
  }

  /** Asks for the rest of a failed or interrupted answer (a retry when it has no text yet). */
  async beginContinue(conversationId: string, messageId: string): Promise<TurnPlan> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const { conversation, messages, target } = await this.failedAnswer(
        tx,
        conversationId,
        messageId,
      );
      if (!target.text) return this.retryIn(tx, conversation, messages, target);
      const cut = await this.removeAfter(tx, messages, target.seq);
      const answer = applyPatch(target, { status: 'streaming', error: null }, this.now());
      await requestToPromise(tx.objectStore(STORES.messages).put(answer));
      const path = [...messages.filter((m) => m.seq < target.seq), answer];
      return {
        conversation,
        userMessage: null,
        answer,
        path,
        mode: 'continue',
        changed: cut > 0,
      };
    });
  }

  private async retryIn(
    tx: IDBTransaction,
    conversation: Conversation,
    messages: StoredMessage[],
    target: StoredMessage,
  ): Promise<TurnPlan> {
    const cut = await this.removeAfter(tx, messages, target.seq);
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
      path: messages.filter((m) => m.seq < target.seq),
      mode: 'answer',
      changed: cut > 0,
    };
  }

  private async failedAnswer(
    tx: IDBTransaction,
    conversationId: string,
    messageId: string,
  ): Promise<{ conversation: Conversation; messages: StoredMessage[]; target: StoredMessage }> {
    const conversation = await this.requireConversation(tx, conversationId);
    const messages = await this.readMessages(tx, conversationId);
    const target = messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'assistant') throw new PlanError('no-answer');
    if (target.status !== 'error' && target.status !== 'interrupted')
      throw new PlanError('retry-failed-only');
    return { conversation, messages, target };
  }

  private newConversation(input: NewConversation): Conversation {
    const at = this.now();
    return {
      id: this.newId(),
      title: input.title ?? '',
      site: input.site,
      model: input.model,
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

  /** Writes `conversation` moved to the top of the history (named by its first question). */
  private async touchConversation(
    tx: IDBTransaction,
    conversation: Conversation,
    question: StoredMessage | null,
  ): Promise<Conversation> {
    const title = !conversation.title && question ? titleFrom(question.text) : conversation.title;
    const next: Conversation = { ...conversation, title, updatedAt: this.now() };
    await requestToPromise(tx.objectStore(STORES.conversations).put(next));
    return next;
  }

  /** Adds a message after every message in `existing` (all of its conversation's). */
  private async insertMessage(
    tx: IDBTransaction,
    conversation: Conversation,
    existing: StoredMessage[],
    input: Omit<NewMessage, 'conversationId'>,
  ): Promise<StoredMessage> {
    const at = this.now();
    const seq = existing.reduce((max, m) => Math.max(max, m.seq + 1), 0);
    const message: StoredMessage = {
      id: this.newId(),
      conversationId: conversation.id,
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
    return message;
  }

  /** Deletes the messages after `seq` with their chunks; answers how many. */
  private async removeAfter(
    tx: IDBTransaction,
    messages: StoredMessage[],
    seq: number,
  ): Promise<number> {
    const doomed = messages.filter((m) => m.seq > seq);
    for (const message of doomed) {
      await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), message.id);
      await requestToPromise(tx.objectStore(STORES.messages).delete(message.id));
    }
    return doomed.length;
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
  const { error, ...rest } = patch;
  const next: StoredMessage = { ...current, ...rest, updatedAt: at };
  if (error === null) delete next.error;
  else if (error !== undefined) next.error = error;
  return next;
}

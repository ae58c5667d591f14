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
} from '../../shared/model';
import type { ModelName } from '../../shared/models';
import { t } from '../../shared/i18n';
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

export type MessagePatch = Partial<
  Pick<StoredMessage, 'text' | 'status' | 'site' | 'context' | 'notes' | 'sources'>
> & {
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

  /** Continues a read-only imported conversation on `site`: drops its foreign site. */
  async adoptConversation(id: string, site: string): Promise<Conversation> {
    return this.run([STORES.conversations], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = (await requestToPromise(conversations.get(id))) as Conversation | undefined;
      if (!current) throw new StoreError(`No conversation ${id}`);
      const { foreignSite: _dropped, ...rest } = current;
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
      // An imported conversation from an unknown site is read-only until the user adopts it.
      if (conversation.foreignSite) throw new ReadOnlyError(conversation.foreignSite);
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
        {
          text: '',
          status: 'streaming',
          error: null,
          fallback: null,
          notes: [],
          sources: [],
          site,
        },
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
  const { error, fallback, ...rest } = patch;
  const next: StoredMessage = { ...current, ...rest, updatedAt: at };
  if (error === null) delete next.error;
  else if (error !== undefined) next.error = error;
  if (fallback === null) delete next.fallback;
  else if (fallback !== undefined) next.fallback = fallback;
  return next;
}

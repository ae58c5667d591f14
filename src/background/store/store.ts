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
import { tIn } from '../../shared/i18n';
import '../words';
import { words as said, type Words } from '../errors';
import { collect, deleteRange, inTransaction, requestToPromise } from './idb';
import { INDEXES, STORES, openDatabase } from './schema';
import { newestValues } from './newest-keys';
import { markOnce, markTurn } from '../trace';
import {
  buildStep,
  dropDoc,
  indexReady,
  rebuildDoc,
  reindexText,
  reindexTitle,
  searchPage,
  type SearchResult,
  SEARCH_META,
} from './search-index';
import { words } from './search-tokens';
import { foldChunks, snippetAround, titleFrom, type Chunk } from './text';
import { hasChildren, pathTo, showing, shownPath, siblingAt, versionsOf } from './tree';
import {
  commitStaged,
  stageBatch,
  sweepStep,
  type Entry,
  type Tally,
  type Written,
} from './import-staging';
import {
  hiddenIds,
  hiddenImports,
  isHidden,
  untagged,
  visibleRow,
  type StoredConversation,
} from './staged-rows';

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
  part?: StoredMessage['part'];
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

  /** Said in the user's language where the error leaves the worker (errors.ts). */
  readonly words: Words;

  constructor(readonly foreignSite: string) {
    super(tIn('en', 'background_error_read_only', foreignSite));
    this.words = said('background_error_read_only', foreignSite);
  }
}

/**
 * The browser refused a write for lack of space (IndexedDB quota). The transaction was aborted,
 * so nothing of it was kept; the runner and the views tell the user how to make room.
 */
export class StorageFullError extends StoreError {
  override name = 'StorageFullError';
  readonly kind = 'storage-full';

  readonly words = said('background_error_storage_full');

  constructor(readonly detail: string) {
    super(tIn('en', 'background_error_storage_full'));
  }
}

/** Whether `error` is the browser saying its storage for us is full. */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name } = error as { name?: unknown };
  return name === 'QuotaExceededError';
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
  /** A turn of a page summary in parts: set on the question and its answer. */
  part?: StoredMessage['part'];
  /** Keeps (or, null, forgets) the conversation's page job in the same transaction. */
  pageJob?: Conversation['pageJob'] | null;
}

/**
 * Every store a conversation write may touch (the search index changes with the text); `meta`
 * says which imported rows are visible yet (staged-rows.ts).
 */
const ALL = [STORES.conversations, STORES.messages, STORES.chunks, STORES.search, STORES.meta];
const TEXT = [STORES.conversations, STORES.messages, STORES.search, STORES.meta];
/** What writing and sweeping an import touches. */
const IMPORT = [STORES.conversations, STORES.messages, STORES.search, STORES.meta];
/** Conversations an import writes per transaction: chat waits for one batch at most. */
const STAGE_STEP = 100;

/** Lets waiting work (a chat request, a page's message) run between two transactions. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

function byConversation(conversationId: string): IDBKeyRange {
  return IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
}

export class ConversationStore {
  private db: Promise<IDBDatabase> | undefined;
  private indexBuilt: Promise<boolean> | undefined;
  /** The import being read now: its rows are kept by the sweep. */
  private openImport: string | null = null;
  private sweeping: Promise<void> | undefined;
  private sweepAgain = false;
  private readonly now: () => number;
  private readonly newId: () => string;
  /**
   * How many readwrite transactions over conversations this store has created: the count of
   * conversations kept below is good while no write was created since the read that made it.
   * The worker's store is the only writer of its database (the background index build adds
   * no conversation), so the history's first page counts 10,000 rows once, not every time.
   */
  private conversationWrites = 0;
  private counted: { writes: number; count: number } | undefined;

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
        // Closed because the data changed elsewhere (cleared, deleted, upgraded): count again.
        this.counted = undefined;
      };
      opening.then((db) => {
        markOnce('idb-open');
        db.addEventListener('versionchange', forget);
        db.addEventListener('close', forget);
        // Each new handle (first open, or after a reopen) checks, and finishes, the build.
        this.indexBuilt = this.buildSearchIndex(db);
        // And cleans up after an import a restart cut off (its rows are hidden meanwhile).
        this.sweepImports().catch(() => undefined);
      }, forget);
    }
    return this.db;
  }

  /**
   * Builds the search index for conversations older than it, a few per transaction, yielding
   * to other work between steps (chat writes go in between; searches scan until it is done).
   * A worker stopped half-way resumes where it was at its next start. Answers whether it
   * finished (false: the database closed first).
   */
  private async buildSearchIndex(db: IDBDatabase): Promise<boolean> {
    try {
      for (;;) {
        const done = await inTransaction(
          db,
          [STORES.conversations, STORES.messages, STORES.search, STORES.meta],
          'readwrite',
          buildStep,
        );
        if (done) return true;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch {
      // Closed under us (a newer schema, the user clearing data): the next open resumes.
      return false;
    }
  }

  /** Resolves when the search index covers every conversation (for tests and the bench). */
  async searchIndexBuilt(): Promise<boolean> {
    await this.open();
    return (await this.indexBuilt) ?? false;
  }

  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = undefined;
    // Another context may change the data while this store has no handle: count again.
    this.counted = undefined;
  }

  private async run<T>(
    stores: string[],
    mode: IDBTransactionMode,
    body: (tx: IDBTransaction) => Promise<T>,
  ): Promise<T> {
    try {
      const db = await this.open();
      // Created just below, so any count read from here on may be stale (countConversations).
      if (mode === 'readwrite' && stores.includes(STORES.conversations))
        this.conversationWrites += 1;
      return await inTransaction(db, stores, mode, body);
    } catch (error) {
      if (isQuotaError(error) && !(error instanceof StorageFullError))
        throw new StorageFullError(error instanceof Error ? error.message : String(error));
      throw error;
    }
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
    await this.run(TEXT, 'readwrite', async (tx) => {
      await requestToPromise(tx.objectStore(STORES.conversations).add(conversation));
      await rebuildDoc(tx, conversation.id);
    });
    return conversation;
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    return this.run([STORES.conversations, STORES.meta], 'readonly', (tx) =>
      this.findConversation(tx, id),
    );
  }

  async updateConversation(
    id: string,
    patch: Partial<Pick<Conversation, 'title' | 'model' | 'systemPrompt' | 'site'>> & {
      /** `null` goes back to the bot the model maps onto. */
      bot?: ChosenBot | null;
    },
  ): Promise<Conversation> {
    return this.run(TEXT, 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = await this.findConversation(tx, id);
      if (!current) throw new StoreError(`No conversation ${id}`);
      const { bot, ...rest } = patch;
      const next: Conversation = { ...current, ...rest, updatedAt: this.now() };
      if (bot === null) delete next.bot;
      else if (bot !== undefined) next.bot = bot;
      // A bot id means something only on its own site.
      else if (rest.site !== undefined && rest.site !== current.site) delete next.bot;
      await requestToPromise(conversations.put(next));
      if (next.title !== current.title) await reindexTitle(tx, id, next.title);
      return next;
    });
  }

  /**
   * Pins a conversation to the top of the history, or unpins it. An additive field (pinnedAt),
   * so older records need no migration; updatedAt is left alone.
   */
  async pinConversation(id: string, pinned: boolean): Promise<Conversation> {
    return this.run([STORES.conversations, STORES.meta], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = await this.findConversation(tx, id);
      if (!current) throw new StoreError(`No conversation ${id}`);
      const { pinnedAt: _was, ...rest } = current;
      const next: Conversation = pinned ? { ...rest, pinnedAt: this.now() } : rest;
      await requestToPromise(conversations.put(next));
      return next;
    });
  }

  /** Continues a read-only imported conversation on `site`: drops its foreign site. */
  async adoptConversation(id: string, site: string): Promise<Conversation> {
    return this.run([STORES.conversations, STORES.meta], 'readwrite', async (tx) => {
      const conversations = tx.objectStore(STORES.conversations);
      const current = await this.findConversation(tx, id);
      if (!current) throw new StoreError(`No conversation ${id}`);
      // The file's bot id belongs to the site it came from, not to `site`.
      const { foreignSite: _dropped, bot: _bot, ...rest } = current;
      const next: Conversation = { ...rest, site, updatedAt: this.now() };
      await requestToPromise(conversations.put(next));
      return next;
    });
  }

  /**
   * A page of conversations: the pinned ones first (last pinned on top), then the rest newest
   * first. With a `query`: the conversations whose title and
   * messages hold every word of it (the last word may be the start of one), title hits first,
   * each with a snippet. Reads only the page's records (a cursor skips to `offset`) and the
   * search index, never the whole history.
   */
  async listConversations(
    options: { offset?: number; limit?: number; query?: string } = {},
  ): Promise<{ items: ConversationSummary[]; total: number; atLeast?: true }> {
    const offset = Math.max(0, options.offset ?? 0);
    const limit = Math.max(1, options.limit ?? 50);
    const query = options.query?.trim() ?? '';
    // Trace marks (trace.ts) of the latest list or search, read by the history bench.
    const op = query && words(query).length > 0 ? 'search' : 'list';
    markTurn(`${op}:start`);
    // Taken before the transaction exists: a count read under it may be kept (countConversations).
    const writes = this.conversationWrites;
    const result = await this.run(
      [STORES.conversations, STORES.messages, STORES.search, STORES.meta],
      'readonly',
      async (tx) => {
        markTurn(`${op}:tx`);
        const conversations = tx.objectStore(STORES.conversations);
        if (op === 'list') {
          // The staged-import check, the count and the pinned rows asked for at once: one
          // round of IndexedDB requests instead of three in a row.
          const [hidden, all, pinnedRows] = await Promise.all([
            hiddenImports(tx),
            this.countConversations(conversations, writes),
            // Pinned rows are few and indexed on their own (records without pinnedAt are not
            // in that index), so the newest-first page below skips them without reading all.
            requestToPromise(
              conversations.index(INDEXES.conversationsByPinned).getAll(),
            ) as Promise<StoredConversation[]>,
          ]);
          markTurn('list:count');
          // The rows of an import being written are not counted, listed or found.
          const total = all - hidden.count;
          const shown = hidden.count > 0 ? (c: StoredConversation) => !isHidden(hidden, c) : null;
          const pinned = pinnedRows
            .filter((c) => !isHidden(hidden, c))
            .sort((a, b) => (b.pinnedAt ?? 0) - (a.pinnedAt ?? 0));
          const fromPinned = pinned.slice(offset, offset + limit);
          const rest = limit - fromPinned.length;
          const unpinned =
            rest > 0
              ? await unpinnedPage(
                  conversations.index(INDEXES.conversationsByUpdated),
                  Math.max(0, offset - pinned.length),
                  rest,
                  { pinned: pinned.length, hidden: shown },
                  hidden.count,
                )
              : [];
          markTurn('list:page');
          const items = await this.summaries(tx, [...fromPinned, ...unpinned], '');
          markTurn('list:summaries');
          return { items, total };
        }
        // The rows of an import being written are not counted, listed or found.
        const hidden = await hiddenImports(tx);
        markTurn('search:hidden');
        const shown = hidden.count > 0 ? (c: StoredConversation) => !isHidden(hidden, c) : null;
        if (!(await indexReady(tx))) return this.scanSearch(tx, query, offset, limit, shown);
        markTurn('search:ready');
        const found: SearchResult = (await searchPage(
          tx,
          query,
          offset,
          limit,
          await hiddenIds(tx, hidden),
          this.keptCount(writes),
        )) ?? {
          ids: [],
          total: 0,
        };
        markTurn('search:found');
        const rows = await Promise.all(
          found.ids.map(
            (id) => requestToPromise(conversations.get(id)) as Promise<Conversation | undefined>,
          ),
        );
        const page = rows.filter((row) => row !== undefined);
        markTurn('search:rows');
        const items = await this.summaries(tx, page, query);
        markTurn('search:summaries');
        return { items, total: found.total, ...(found.atLeast ? { atLeast: true as const } : {}) };
      },
    );
    markTurn(`${op}:committed`);
    return result;
  }

  /**
   * Every conversation row (hidden ones too), counted in `tx`, or the count kept from an
   * earlier read when no write over conversations was created since. `writes` is
   * `conversationWrites` as it was before `tx` was created: a write created after that may be
   * ordered before or after `tx`, so its count is kept only if there was none.
   */
  private async countConversations(conversations: IDBObjectStore, writes: number): Promise<number> {
    const kept = this.keptCount(writes);
    if (kept !== undefined) return kept;
    const count = await requestToPromise(conversations.count());
    if (writes === this.conversationWrites) this.counted = { writes, count };
    return count;
  }

  /** The kept count of conversation rows, if it is still good for a read made after `writes`. */
  private keptCount(writes: number): number | undefined {
    const kept = this.counted;
    return kept && kept.writes === writes && writes === this.conversationWrites
      ? kept.count
      : undefined;
  }

  /** List rows with their message counts and, for a query, a snippet of the first hit. */
  private async summaries(
    tx: IDBTransaction,
    rows: StoredConversation[],
    query: string,
  ): Promise<ConversationSummary[]> {
    const page = rows.map(untagged);
    const index = tx.objectStore(STORES.messages).index(INDEXES.messagesByConversation);
    const needles = query ? [query.toLowerCase(), ...words(query)] : [];
    // All requests at once: IndexedDB answers them in one go, not one round trip each.
    return Promise.all(
      page.map(async (conversation) => {
        if (!needles.length) {
          const messageCount = await requestToPromise(index.count(byConversation(conversation.id)));
          return { ...conversation, messageCount };
        }
        const { messageCount, snippet } = await firstSnippet(index, conversation.id, needles);
        return { ...conversation, messageCount, ...(snippet ? { snippet } : {}) };
      }),
    );
  }

  /**
   * The search before the index covers everything (its background build is still running
   * after the upgrade): every message is read, the query matched as one piece of text.
   */
  private async scanSearch(
    tx: IDBTransaction,
    query: string,
    offset: number,
    limit: number,
    shown: ((c: StoredConversation) => boolean) | null,
  ): Promise<{ items: ConversationSummary[]; total: number }> {
    const needle = query.toLowerCase();
    const all = await collect<StoredConversation>(
      tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated),
      undefined,
      'prev',
    );
    const newestFirst = shown ? all.filter(shown) : all;
    const hit = new Set<string>();
    for (const message of await collect<StoredMessage>(tx.objectStore(STORES.messages))) {
      if (!hit.has(message.conversationId) && message.text.toLowerCase().includes(needle))
        hit.add(message.conversationId);
    }
    const inTitle = (c: Conversation) => c.title.toLowerCase().includes(needle);
    const matches = [
      ...newestFirst.filter(inTitle),
      ...newestFirst.filter((c) => !inTitle(c) && hit.has(c.id)),
    ];
    return {
      items: await this.summaries(tx, matches.slice(offset, offset + limit), query),
      total: matches.length,
    };
  }

  async latestConversationId(): Promise<string | null> {
    return this.run([STORES.conversations, STORES.meta], 'readonly', async (tx) => {
      const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated);
      const hidden = await hiddenImports(tx);
      const [latest] = await pageOf<StoredConversation>(
        index,
        0,
        1,
        hidden.count > 0 ? (c) => !isHidden(hidden, c) : undefined,
      );
      return latest ? latest.id : null;
    });
  }

  /** Deletes a conversation, its messages and chunks; answers what was deleted (for Undo). */
  async deleteConversation(
    id: string,
  ): Promise<{ conversation: Conversation; messages: StoredMessage[] }> {
    return this.run(ALL, 'readwrite', async (tx) => {
      const conversation = await this.findConversation(tx, id);
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
      await dropDoc(tx, id);
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
        await rebuildDoc(tx, conversation.id);
      }
    });
  }

  async deleteAll(): Promise<number> {
    return this.run(ALL, 'readwrite', async (tx) => {
      // An import being read loses its rows too, and its commit then refuses (not whole).
      const hidden = await hiddenImports(tx);
      const count =
        (await requestToPromise(tx.objectStore(STORES.conversations).count())) - hidden.count;
      for (const name of ALL.filter((store) => store !== STORES.meta))
        await requestToPromise(tx.objectStore(name).clear());
      // Nothing left to index: the (empty) index is complete.
      await requestToPromise(tx.objectStore(STORES.meta).put({ key: SEARCH_META, done: true }));
      return count;
    });
  }

  // ---- Staged import (import-staging.ts, staged-rows.ts) ------------------------------------

  /**
   * Gets the store ready for the import `importId`: what earlier imports left is cleaned up
   * first (an import cut off before its commit), then the sweep keeps this one's rows.
   */
  async startImport(importId: string): Promise<void> {
    this.openImport = null;
    await this.sweepImports();
    this.openImport = importId;
  }

  /**
   * Writes one checked batch of an import, hidden, in transactions of STAGE_STEP
   * conversations with a pause between them (chat requests go in between); answers how the
   * batch met what is stored and what it wrote.
   */
  async stageImport(
    importId: string,
    entries: Entry[],
  ): Promise<{ tally: Tally; written: Written }> {
    const tally: Tally = { conversations: 0, messages: 0, alreadyHere: 0, copies: 0 };
    const written: Written = { conversations: 0, messages: 0 };
    for (let at = 0; at < entries.length; at += STAGE_STEP) {
      if (at > 0) await breathe();
      const step = await this.run(IMPORT, 'readwrite', (tx) =>
        stageBatch(tx, importId, entries.slice(at, at + STAGE_STEP), this.newId),
      );
      tally.conversations += step.tally.conversations;
      tally.messages += step.tally.messages;
      tally.alreadyHere += step.tally.alreadyHere;
      tally.copies += step.tally.copies;
      written.conversations += step.written.conversations;
      written.messages += step.written.messages;
    }
    return { tally, written };
  }

  /** Deletes what an import wrote (its rows were never visible); with no id, every left-over. */
  async dropStaged(importId?: string): Promise<void> {
    if (importId === undefined || this.openImport === importId) this.openImport = null;
    await this.sweepImports();
  }

  /**
   * Makes an import's `expected` rows visible, all at once, in one short transaction; refuses
   * (false, nothing shown) when they are not all there. Their tags are removed afterwards, in
   * the background, a few rows per transaction.
   */
  async commitImport(importId: string, expected: number): Promise<boolean> {
    const committed = await this.run([STORES.conversations, STORES.meta], 'readwrite', (tx) =>
      commitStaged(tx, importId, expected),
    );
    if (this.openImport === importId) this.openImport = null;
    this.sweepImports().catch(() => undefined);
    return committed;
  }

  /**
   * Untags the rows of committed imports and deletes those of imports that never committed
   * (except the one being read), SWEEP_STEP rows per transaction. One sweep runs at a time; a
   * call during one makes it go round again and resolves when that is over.
   */
  sweepImports(): Promise<void> {
    if (this.sweeping) {
      this.sweepAgain = true;
      return this.sweeping;
    }
    const sweeping = (async () => {
      try {
        do {
          this.sweepAgain = false;
          while (await this.run(IMPORT, 'readwrite', (tx) => sweepStep(tx, this.openImport)))
            await breathe();
        } while (this.sweepAgain);
      } finally {
        this.sweeping = undefined;
      }
    })();
    this.sweeping = sweeping;
    return sweeping;
  }

  /** Every conversation with its messages (text folded), oldest first; for export. */
  async dumpAll(): Promise<Array<{ conversation: Conversation; messages: StoredMessage[] }>> {
    return this.run(ALL, 'readonly', async (tx) => {
      const hidden = await hiddenImports(tx);
      const conversations = (
        await collect<StoredConversation>(
          tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated),
        )
      )
        .filter((row) => !isHidden(hidden, row))
        .map(untagged);
      const out: Array<{ conversation: Conversation; messages: StoredMessage[] }> = [];
      for (const conversation of conversations) {
        out.push({ conversation, messages: await this.readMessages(tx, conversation.id) });
      }
      return out;
    });
  }

  /**
   * The conversations taking the most room, largest first (their rows' JSON size, a close
   * measure of what IndexedDB keeps): what the options page offers to delete when space runs out.
   */
  async largestConversations(
    limit: number,
  ): Promise<Array<{ id: string; title: string; bytes: number }>> {
    return this.run(
      [STORES.conversations, STORES.messages, STORES.meta],
      'readonly',
      async (tx) => {
        const sizes = new Map<string, number>();
        const hidden = await hiddenImports(tx);
        const conversations = (
          await collect<StoredConversation>(tx.objectStore(STORES.conversations))
        ).filter((row) => !isHidden(hidden, row));
        for (const c of conversations) sizes.set(c.id, JSON.stringify(c).length);
        await new Promise<void>((resolve, reject) => {
          const request = tx.objectStore(STORES.messages).openCursor();
          request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
          request.onsuccess = () => {
            const cursor = request.result;
            if (!cursor) return resolve();
            const message = cursor.value as StoredMessage;
            const size = JSON.stringify(message).length;
            sizes.set(message.conversationId, (sizes.get(message.conversationId) ?? 0) + size);
            cursor.continue();
          };
        });
        return conversations
          .map((c) => ({ id: c.id, title: c.title, bytes: sizes.get(c.id) ?? 0 }))
          .sort((a, b) => b.bytes - a.bytes)
          .slice(0, limit);
      },
    );
  }

  // ---- Messages -----------------------------------------------------------------------------

  /** The messages shown (the path through the tree), each with the text streamed so far. */
  async getMessages(conversationId: string): Promise<StoredMessage[]> {
    return this.run(ALL, 'readonly', async (tx) => {
      const conversation = await this.findConversation(tx, conversationId);
      // None, or not visible yet (an import being written): nothing to show.
      if (!conversation) return [];
      return shownPath(await this.readMessages(tx, conversationId), conversation.shown);
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
    // Trace marks (trace.ts) of the latest open, read by the history bench.
    markTurn('open:start');
    const view = await this.run(ALL, 'readonly', async (tx) => {
      markTurn('open:tx');
      const conversation = await this.findConversation(tx, conversationId);
      markTurn('open:conversation');
      if (!conversation) return undefined;
      const all = await this.readMessages(tx, conversationId);
      markTurn('open:messages');
      return viewOf(conversation, all);
    });
    markTurn('open:committed');
    return view;
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
    return this.run(TEXT, 'readwrite', async (tx) => {
      const messages = tx.objectStore(STORES.messages);
      const current = (await requestToPromise(messages.get(id))) as StoredMessage | undefined;
      if (!current) throw new StoreError(`No message ${id}`);
      const next = applyPatch(current, patch, this.now());
      await requestToPromise(messages.put(next));
      await reindexText(tx, next.conversationId, current.text, next.text);
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
    return this.run(ALL, 'readwrite', async (tx) => {
      const row = (await requestToPromise(tx.objectStore(STORES.messages).get(id))) as
        StoredMessage | undefined;
      if (!row) throw new StoreError(`No message ${id}`);
      const folded = await this.withChunks(tx, row);
      await deleteRange(tx.objectStore(STORES.chunks).index(INDEXES.chunksByMessage), id);
      const next = applyPatch(folded, patch, this.now());
      await requestToPromise(tx.objectStore(STORES.messages).put(next));
      await reindexText(tx, next.conversationId, row.text, next.text);
      return next;
    });
  }

  /** Empties an answer for a retry: its text and chunks go, it streams again. */
  async resetMessage(id: string, site: string): Promise<StoredMessage> {
    return this.run(ALL, 'readwrite', async (tx) => {
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
      await reindexText(tx, next.conversationId, row.text, next.text);
      return next;
    });
  }

  /**
   * After a worker restart: every answer still marked streaming was cut off. Its chunks are
   * folded in (the partial text is kept) and it becomes interrupted. Answers the messages.
   */
  async interruptStreaming(): Promise<StoredMessage[]> {
    return this.run(ALL, 'readwrite', async (tx) => {
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
        await reindexText(tx, next.conversationId, row.text, next.text);
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
      if (input.pageJob) conversation = { ...conversation, pageJob: input.pageJob };
      else if (input.pageJob === null) {
        const { pageJob: _done, ...rest } = conversation;
        conversation = rest;
      }
      const all = await this.readMessages(tx, conversation.id);
      const before = shownPath(all, conversation.shown);
      const userMessage = await this.insertMessage(tx, conversation, all, {
        parentId: before.at(-1)?.id ?? null,
        role: 'user',
        text: input.text,
        status: 'done',
        ...(input.context ? { context: input.context } : {}),
        ...(input.part ? { part: input.part } : {}),
      });
      const answer = await this.insertAnswer(tx, conversation, all, userMessage.id, input.part);
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
      const answer = await this.insertAnswer(tx, conversation, all, lastUser.id, lastUser.part);
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
      const answer = await this.insertAnswer(tx, conversation, all, question.id, target.part);
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
    await reindexText(tx, conversation.id, target.text, answer.text);
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
    const found = await this.findConversation(tx, id);
    if (!found) throw new PlanError('no-conversation');
    return found;
  }

  /** The conversation as views see it (none while its import is not committed). */
  private async findConversation(
    tx: IDBTransaction,
    id: string,
  ): Promise<Conversation | undefined> {
    const row = (await requestToPromise(tx.objectStore(STORES.conversations).get(id))) as
      StoredConversation | undefined;
    return visibleRow(tx, row);
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
    if (title !== conversation.title) await reindexTitle(tx, next.id, title);
    return next;
  }

  private insertAnswer(
    tx: IDBTransaction,
    conversation: Conversation,
    all: StoredMessage[],
    parentId: string,
    part?: StoredMessage['part'],
  ): Promise<StoredMessage> {
    return this.insertMessage(tx, conversation, all, {
      parentId,
      role: 'assistant',
      text: '',
      status: 'streaming',
      site: conversation.site,
      ...(part ? { part } : {}),
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
      ...(input.part === undefined ? {} : { part: input.part }),
    };
    await requestToPromise(tx.objectStore(STORES.messages).add(message));
    await reindexText(tx, conversation.id, null, message.text);
    all.push(message);
    return message;
  }

  // ---- Internals ----------------------------------------------------------------------------

  private async readMessages(tx: IDBTransaction, conversationId: string): Promise<StoredMessage[]> {
    // getAll: one request for the whole conversation (a cursor costs a round trip a message).
    const rows = (await requestToPromise(
      tx
        .objectStore(STORES.messages)
        .index(INDEXES.messagesByConversation)
        .getAll(byConversation(conversationId)),
    )) as StoredMessage[];
    return Promise.all(rows.map((row) => this.withChunks(tx, row)));
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

/** Above this many rows read for one page, the page is walked with a cursor that skips. */
const ROWS_AT_ONCE = 500;

/**
 * A page of the unpinned, shown rows newest first (the list's rows after the pinned ones).
 * Among the `skip + limit + pinned + hidden` newest rows at least `skip + limit` are kept (the
 * others are pinned or hidden), so one getAll of that many answers the page; a page deep in
 * the history is walked by pageOf instead of reading every row before it.
 */
async function unpinnedPage(
  index: IDBIndex,
  skip: number,
  limit: number,
  filters: { pinned: number; hidden: ((c: StoredConversation) => boolean) | null },
  hiddenCount: number,
): Promise<StoredConversation[]> {
  const { pinned, hidden: shown } = filters;
  const unpinnedOnly = (c: StoredConversation) => typeof c.pinnedAt !== 'number';
  const keep =
    pinned > 0 && shown
      ? (c: StoredConversation) => unpinnedOnly(c) && shown(c)
      : pinned > 0
        ? unpinnedOnly
        : (shown ?? undefined);
  const reading = skip + limit + pinned + hiddenCount;
  if (reading > ROWS_AT_ONCE) return pageOf<StoredConversation>(index, skip, limit, keep);
  const newest = await newestValues<StoredConversation>(index, reading);
  return (keep ? newest.filter(keep) : newest).slice(skip, skip + limit);
}

/**
 * `limit` values of `source` in descending key order after skipping `offset` of them; with
 * `keep`, only the values it keeps count (skipped one by one, since advance() cannot filter).
 */
async function pageOf<T>(
  source: IDBIndex,
  offset: number,
  limit: number,
  keep?: (value: T) => boolean,
): Promise<T[]> {
  const values: T[] = [];
  await new Promise<void>((resolve, reject) => {
    const request = source.openCursor(null, 'prev');
    let skipped = offset === 0;
    let toSkip = offset;
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      if (keep) {
        const value = cursor.value as T;
        if (keep(value)) {
          if (toSkip > 0) toSkip -= 1;
          else values.push(value);
        }
        if (values.length >= limit) return resolve();
        cursor.continue();
        return;
      }
      if (!skipped) {
        skipped = true;
        cursor.advance(offset);
        return;
      }
      values.push(cursor.value as T);
      if (values.length >= limit) return resolve();
      cursor.continue();
    };
  });
  return values;
}

/**
 * Messages read first for a snippet: the query is usually in one of the first few. (Reading
 * up to 50 in one request instead, for the count with them, was slower in the history bench:
 * 16 ms against 13 ms for a page of 30 at 10,000 conversations; the values cost more than the
 * count request saved.)
 */
const SNIPPET_FIRST = 4;

/**
 * A snippet around the first of `needles` found in the conversation's messages, in order,
 * and how many messages it has. The first few messages are read first: when the first needle
 * (the whole query) is in one of them, that is the answer and a long conversation is not read
 * whole for one line of the list; else every message is read, as the order of needles wants.
 */
async function firstSnippet(
  index: IDBIndex,
  conversationId: string,
  needles: string[],
): Promise<{ messageCount: number; snippet?: string }> {
  const range = byConversation(conversationId);
  const [messageCount, head] = await Promise.all([
    requestToPromise(index.count(range)),
    requestToPromise(index.getAll(range, SNIPPET_FIRST)) as Promise<StoredMessage[]>,
  ]);
  const [first] = needles;
  if (first !== undefined) {
    for (const row of head) {
      const snippet = snippetAround(row.text, first);
      if (snippet) return { messageCount, snippet };
    }
  }
  const rows =
    messageCount <= head.length
      ? head
      : ((await requestToPromise(index.getAll(range))) as StoredMessage[]);
  for (const needle of needles) {
    for (const row of rows) {
      const snippet = snippetAround(row.text, needle);
      if (snippet) return { messageCount, snippet };
    }
  }
  return { messageCount };
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

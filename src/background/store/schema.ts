/**
 * The versioned IndexedDB schema of the conversation store. Each migration brings version i
 * to i+1 inside the upgrade transaction; never edit one that has shipped, add the next.
 */
import { requestToPromise } from './idb';

export const DB_NAME = 'chatgptt';

export const STORES = {
  conversations: 'conversations',
  messages: 'messages',
  /** Text pieces of answers being written: appended while streaming, folded in when finished. */
  chunks: 'chunks',
  /** The history search index: one record of words per conversation (search-index.ts). */
  search: 'search',
  /** Small bookkeeping records, e.g. how far the search index was built for older data. */
  meta: 'meta',
} as const;

export const INDEXES = {
  conversationsByUpdated: 'byUpdated',
  /** Only pinned conversations have pinnedAt, so only they are in this index. */
  conversationsByPinned: 'byPinned',
  /** Only the rows of an import not yet cleaned up have `staged`, so only they are here. */
  conversationsByStaged: 'byStaged',
  messagesByConversation: 'byConversation',
  messagesByStatus: 'byStatus',
  chunksByMessage: 'byMessage',
  searchByWord: 'byWord',
  searchByTitleWord: 'byTitleWord',
} as const;

type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

/** Defined only by scripts/build.ts (true only in the schema-bump e2e's second build). */
declare const __CHATGPTT_TEST_SCHEMA_BUMP__: boolean | undefined;
const TEST_SCHEMA_BUMP =
  typeof __CHATGPTT_TEST_SCHEMA_BUMP__ !== 'undefined' && __CHATGPTT_TEST_SCHEMA_BUMP__;

/**
 * The test build's extra step (never in a shipped build): counts the conversations it found, so
 * the e2e can see the new worker ran a real upgrade over the old version's data.
 */
const testSchemaBump: Migration = (_db, tx) => {
  const count = tx.objectStore(STORES.conversations).count();
  count.onsuccess = () => {
    tx.objectStore(STORES.meta).put({ key: 'test-bump', conversations: count.result });
  };
};

/** Index i upgrades version i to i+1. */
export const MIGRATIONS: Migration[] = [
  // 0 → 1: conversations and messages.
  (db) => {
    const conversations = db.createObjectStore(STORES.conversations, { keyPath: 'id' });
    conversations.createIndex(INDEXES.conversationsByUpdated, 'updatedAt');
    const messages = db.createObjectStore(STORES.messages, { keyPath: 'id' });
    messages.createIndex(INDEXES.messagesByConversation, ['conversationId', 'seq']);
  },
  // 1 → 2: answers stream into small chunk records (bytes written grow with the delta, not
  // with the answer), and a status index finds answers left streaming by a dead worker.
  (db, tx) => {
    const chunks = db.createObjectStore(STORES.chunks, { keyPath: ['messageId', 'offset'] });
    chunks.createIndex(INDEXES.chunksByMessage, 'messageId');
    tx.objectStore(STORES.messages).createIndex(INDEXES.messagesByStatus, 'status');
  },
  // 2 → 3: messages form a tree (issue 12). Each message's parent is the one before it in its
  // conversation, so every existing conversation is one branch, shown as before. Messages are
  // visited in [conversationId, seq] order by the conversation index; nothing is deleted.
  // Other conversation fields this schema change needs belong in this same step.
  (_db, tx) => {
    const request = tx
      .objectStore(STORES.messages)
      .index(INDEXES.messagesByConversation)
      .openCursor();
    let previous: { conversationId: string; id: string } | null = null;
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      const message = cursor.value as { conversationId: string; id: string; parentId?: unknown };
      const parentId =
        previous && previous.conversationId === message.conversationId ? previous.id : null;
      if (message.parentId === undefined) cursor.update({ ...message, parentId });
      previous = { conversationId: message.conversationId, id: message.id };
      cursor.continue();
    };
  },
  // 3 → 4: the history search index (issue 18) and the pinned index. Only the empty stores are made here: the
  // records for existing conversations are built afterwards in small background steps
  // (ConversationStore.buildSearchIndex), so opening a big history never blocks chat.
  (db, tx) => {
    const search = db.createObjectStore(STORES.search, { keyPath: 'id' });
    search.createIndex(INDEXES.searchByWord, 'words', { multiEntry: true });
    search.createIndex(INDEXES.searchByTitleWord, 'title', { multiEntry: true });
    db.createObjectStore(STORES.meta, { keyPath: 'key' });
    tx.objectStore(STORES.meta).put({ key: 'search', done: false });
    // Pinned conversations (issue 14) listed first without reading every conversation.
    tx.objectStore(STORES.conversations).createIndex(INDEXES.conversationsByPinned, 'pinnedAt');
  },
  // 4 → 5: an import writes its conversations into the stores in many small transactions,
  // each row tagged with its import's id (`staged`), and makes them all visible at once by
  // naming the import committed (staged-rows.ts). This index finds the tagged rows. The staging
  // records version 4 kept in `meta` (`import:<id>:<n>`) were never visible: they go.
  (_db, tx) => {
    tx.objectStore(STORES.conversations).createIndex(INDEXES.conversationsByStaged, 'staged');
    tx.objectStore(STORES.meta).delete(IDBKeyRange.bound('import:', 'import:\uffff'));
  },
  ...(TEST_SCHEMA_BUMP ? [testSchemaBump] : []),
];

export const DB_VERSION = MIGRATIONS.length;

/** Opens the database at `version` (the latest by default), running the migrations it needs. */
export function openDatabase(
  factory: IDBFactory,
  name = DB_NAME,
  version = DB_VERSION,
): Promise<IDBDatabase> {
  const request = factory.open(name, version);
  request.onupgradeneeded = (event) => {
    const db = request.result;
    const tx = request.transaction;
    if (!tx) throw new Error('IndexedDB upgrade without a transaction');
    for (let v = event.oldVersion; v < (event.newVersion ?? version); v += 1) {
      const step = MIGRATIONS[v];
      if (!step) throw new Error(`No store migration from version ${v}`);
      step(db, tx);
    }
  };
  return requestToPromise(request).then((db) => {
    // Another context (a newer worker after an update) wants to upgrade: let it.
    db.onversionchange = () => db.close();
    return db;
  });
}

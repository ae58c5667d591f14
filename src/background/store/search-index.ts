/**
 * The history search index (issue 18): one record per conversation in the `search` store with
 * how many of its messages hold each word, and two multiEntry IndexedDB indexes over its words
 * and its title's words, so IndexedDB keeps the word → conversations postings itself. Every
 * function here runs inside the caller's transaction: a write and its index change commit
 * together or not at all. Text still streaming (chunks) is indexed when the answer is finished.
 */
import { requestToPromise } from './idb';
import { INDEXES, STORES } from './schema';
import { uniqueWords, words } from './search-tokens';

export interface SearchDoc {
  /** The conversation's id. */
  id: string;
  /** word → how many of the conversation's messages contain it. */
  counts: Record<string, number>;
  /** The words of every message and of the title (the multiEntry `byWord` index). */
  words: string[];
  /** The words of the title (the multiEntry `byTitleWord` index): title hits rank first. */
  title: string[];
}

/** The `meta` record saying how far the index was built for data older than it. */
export interface SearchMeta {
  key: 'search';
  done: boolean;
  /** The last conversation id (by primary key) the background build has indexed. */
  after?: string;
}

export const SEARCH_META: SearchMeta['key'] = 'search';

function docOf(id: string, counts: Record<string, number>, title: string[]): SearchDoc {
  return { id, counts, title, words: [...new Set([...Object.keys(counts), ...title])] };
}

/** The index record of one conversation, from its stored title and messages. */
export async function rebuildDoc(tx: IDBTransaction, conversationId: string): Promise<void> {
  const conversation = (await requestToPromise(
    tx.objectStore(STORES.conversations).get(conversationId),
  )) as { title: string } | undefined;
  if (!conversation) return;
  const rows = (await requestToPromise(
    tx
      .objectStore(STORES.messages)
      .index(INDEXES.messagesByConversation)
      .getAll(IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity])),
  )) as Array<{ text: string }>;
  await putDoc(
    tx,
    conversationId,
    conversation.title,
    rows.map((row) => row.text),
  );
}

/** The index record of one conversation from its title and texts in hand (an import's). */
export async function putDoc(
  tx: IDBTransaction,
  conversationId: string,
  title: string,
  texts: string[],
): Promise<void> {
  const counts: Record<string, number> = {};
  for (const text of texts)
    for (const word of uniqueWords(text)) counts[word] = (counts[word] ?? 0) + 1;
  await requestToPromise(
    tx.objectStore(STORES.search).put(docOf(conversationId, counts, uniqueWords(title))),
  );
}

async function readDoc(tx: IDBTransaction, id: string): Promise<SearchDoc | undefined> {
  return (await requestToPromise(tx.objectStore(STORES.search).get(id))) as SearchDoc | undefined;
}

/**
 * A message of `conversationId` changed its text from `before` to `after` (null: the message
 * did not exist / no longer exists). Call after the message itself was written.
 */
export async function reindexText(
  tx: IDBTransaction,
  conversationId: string,
  before: string | null,
  after: string | null,
): Promise<void> {
  if (before === after) return;
  const removed = new Set(before ? uniqueWords(before) : []);
  const added = new Set(after ? uniqueWords(after) : []);
  for (const word of removed) {
    if (added.delete(word)) removed.delete(word);
  }
  if (removed.size === 0 && added.size === 0) return;
  const doc = await readDoc(tx, conversationId);
  // Not indexed yet (the background build has not reached it): index it whole, as written.
  if (!doc) return rebuildDoc(tx, conversationId);
  const counts = { ...doc.counts };
  for (const word of removed) {
    const left = (counts[word] ?? 0) - 1;
    if (left > 0) counts[word] = left;
    else delete counts[word];
  }
  for (const word of added) counts[word] = (counts[word] ?? 0) + 1;
  await requestToPromise(
    tx.objectStore(STORES.search).put(docOf(conversationId, counts, doc.title)),
  );
}

/** The conversation's title changed (call after writing the conversation). */
export async function reindexTitle(
  tx: IDBTransaction,
  conversationId: string,
  title: string,
): Promise<void> {
  const doc = await readDoc(tx, conversationId);
  if (!doc) return rebuildDoc(tx, conversationId);
  await requestToPromise(
    tx.objectStore(STORES.search).put(docOf(conversationId, doc.counts, uniqueWords(title))),
  );
}

export async function dropDoc(tx: IDBTransaction, conversationId: string): Promise<void> {
  await requestToPromise(tx.objectStore(STORES.search).delete(conversationId));
}

/** Whether the index covers every conversation (the background build has finished). */
export async function indexReady(tx: IDBTransaction): Promise<boolean> {
  const meta = (await requestToPromise(tx.objectStore(STORES.meta).get(SEARCH_META))) as
    SearchMeta | undefined;
  return meta?.done === true;
}

/** The ids of conversations holding `word` (exactly, or as a prefix) in `index`'s words. */
async function holding(index: IDBIndex, word: string, prefix: boolean): Promise<Set<string>> {
  const range = prefix ? IDBKeyRange.bound(word, `${word}\uffff`) : IDBKeyRange.only(word);
  return new Set((await requestToPromise(index.getAllKeys(range))) as string[]);
}

interface Wanted {
  word: string;
  prefix: boolean;
}

function has(list: readonly string[], { word, prefix }: Wanted): boolean {
  return prefix ? list.some((w) => w.startsWith(word)) : list.includes(word);
}

/** Above this many candidates, the other words are looked up in the index, not per record. */
const FEW = 200;

/**
 * The conversations holding every wanted word. The longest word (most likely the rarest)
 * is looked up first; when that leaves few candidates, the other words are checked against
 * their records instead of reading the postings of a common word (thousands of keys).
 * Answers each hit with whether its title holds every word too.
 */
async function matches(store: IDBObjectStore, wanted: Wanted[]): Promise<Map<string, boolean>> {
  const order = [...wanted].sort((a, b) => b.word.length - a.word.length);
  let found = await holding(store.index(INDEXES.searchByWord), order[0]!.word, order[0]!.prefix);
  let rest = order.slice(1);
  while (rest.length > 0 && found.size > FEW) {
    const next = await holding(store.index(INDEXES.searchByWord), rest[0]!.word, rest[0]!.prefix);
    found = new Set([...found].filter((id) => next.has(id)));
    rest = rest.slice(1);
  }
  const out = new Map<string, boolean>();
  if (found.size <= FEW) {
    const docs = await Promise.all(
      [...found].map((id) => requestToPromise(store.get(id)) as Promise<SearchDoc | undefined>),
    );
    for (const doc of docs) {
      if (!doc || !rest.every((w) => has(doc.words, w))) continue;
      out.set(
        doc.id,
        wanted.every((w) => has(doc.title, w)),
      );
    }
    return out;
  }
  // Many hits: the title index says which ones rank first.
  let inTitle: Set<string> | undefined;
  for (const w of order) {
    const ids = await holding(store.index(INDEXES.searchByTitleWord), w.word, w.prefix);
    inTitle = inTitle ? new Set([...inTitle].filter((id) => ids.has(id))) : ids;
    if (inTitle.size === 0) break;
  }
  for (const id of found) out.set(id, inTitle?.has(id) ?? false);
  return out;
}

/**
 * A page of the conversations holding every word of `query` (the last one as a prefix, since
 * it may be half typed): those whose title holds them all first, then the others; newest first
 * within each. Answers null when the query has no words.
 */
export async function searchPage(
  tx: IDBTransaction,
  query: string,
  offset: number,
  limit: number,
): Promise<{ ids: string[]; total: number } | null> {
  const list = words(query);
  if (list.length === 0) return null;
  const wanted = list.map((word, i) => ({ word, prefix: i === list.length - 1 }));
  const hits = await matches(tx.objectStore(STORES.search), wanted);
  const conversations = tx.objectStore(STORES.conversations);
  const end = offset + limit;
  if (hits.size <= FEW) {
    const rows = await Promise.all(
      [...hits.keys()].map(
        (id) =>
          requestToPromise(conversations.get(id)) as Promise<
            { id: string; updatedAt: number } | undefined
          >,
      ),
    );
    const sorted = rows
      .filter((row) => row !== undefined)
      .sort((a, b) => Number(hits.get(b.id)) - Number(hits.get(a.id)) || b.updatedAt - a.updatedAt);
    return { ids: sorted.slice(offset, end).map((row) => row.id), total: sorted.length };
  }
  // Many hits: the title hits (usually few) are read and sorted; the others come from walking
  // the recency index from the newest until the page is full, instead of reading and sorting
  // thousands of records.
  const titledIds = [...hits].filter(([, inTitle]) => inTitle).map(([id]) => id);
  let first: string[] | undefined;
  if (titledIds.length <= FEW) {
    const rows = await Promise.all(
      titledIds.map(
        (id) =>
          requestToPromise(conversations.get(id)) as Promise<
            { id: string; updatedAt: number } | undefined
          >,
      ),
    );
    first = rows
      .filter((row) => row !== undefined)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((row) => row.id);
  }
  const walked: string[] = [];
  const others: string[] = [];
  const need = end - (first?.length ?? 0);
  await new Promise<void>((resolve, reject) => {
    const request = conversations.index(INDEXES.conversationsByUpdated).openKeyCursor(null, 'prev');
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      const id = cursor.primaryKey as string;
      const inTitle = hits.get(id);
      if (inTitle === false) others.push(id);
      else if (inTitle === true && !first) walked.push(id);
      // With the title hits known, stop once the page is full.
      if (first && others.length >= need) return resolve();
      cursor.continue();
    };
  });
  return { ids: [...(first ?? walked), ...others].slice(offset, end), total: hits.size };
}

/** How many conversations one background step indexes: short transactions let chat in between. */
export const BUILD_STEP = 10;

/**
 * One step of the background build for data older than the index: indexes the next
 * `BUILD_STEP` conversations after the last one done. Answers whether the build is finished.
 */
export async function buildStep(tx: IDBTransaction): Promise<boolean> {
  const metaStore = tx.objectStore(STORES.meta);
  const meta = ((await requestToPromise(metaStore.get(SEARCH_META))) as SearchMeta | undefined) ?? {
    key: SEARCH_META,
    done: false,
  };
  if (meta.done) return true;
  const range = meta.after === undefined ? undefined : IDBKeyRange.lowerBound(meta.after, true);
  const ids = (await requestToPromise(
    tx.objectStore(STORES.conversations).getAllKeys(range, BUILD_STEP),
  )) as string[];
  for (const id of ids) {
    // A conversation written since the index exists already has its up-to-date record.
    if (!(await readDoc(tx, id))) await rebuildDoc(tx, id);
  }
  const done = ids.length < BUILD_STEP;
  const next: SearchMeta = {
    key: SEARCH_META,
    done,
    ...(ids.length ? { after: ids.at(-1) } : meta.after === undefined ? {} : { after: meta.after }),
  };
  await requestToPromise(metaStore.put(next));
  return done;
}

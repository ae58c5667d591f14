/**
 * The history search index (issue 18): one record per conversation in the `search` store with
 * how many of its messages hold each word, and two multiEntry IndexedDB indexes over its words
 * and its title's words, so IndexedDB keeps the word → conversations postings itself. Every
 * function here runs inside the caller's transaction: a write and its index change commit
 * together or not at all. Text still streaming (chunks) is indexed when the answer is finished.
 */
import { markTurn } from '../trace';
import { requestToPromise } from './idb';
import { newestKeys } from './newest-keys';
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

/**
 * The ids of conversations holding `word` (exactly, or as a prefix) in `index`'s words, but
 * not the `hidden` ones (rows of an import being written, staged-rows.ts).
 */
async function holding(
  index: IDBIndex,
  word: string,
  prefix: boolean,
  hidden: ReadonlySet<string>,
): Promise<Set<string>> {
  return new Set(shownOnly(await postings(index, { word, prefix }), hidden));
}

function shownOnly(ids: string[], hidden: ReadonlySet<string>): string[] {
  return hidden.size === 0 ? ids : ids.filter((id) => !hidden.has(id));
}

/** `index`'s entries for the word (a prefix range may list a conversation more than once). */
async function postings(
  index: IDBIndex,
  { word, prefix }: Wanted,
  count?: number,
): Promise<string[]> {
  const range = prefix ? IDBKeyRange.bound(word, `${word}\uffff`) : IDBKeyRange.only(word);
  return (await requestToPromise(index.getAllKeys(range, count))) as string[];
}

interface Wanted {
  word: string;
  prefix: boolean;
}

function has(list: readonly string[], { word, prefix }: Wanted): boolean {
  return prefix ? list.some((w) => w.startsWith(word)) : list.includes(word);
}

/**
 * A word with at most this many postings is rare: its hits are read whole and the other
 * words checked against their few records. Above it, a word is common.
 */
const FEW = 200;
/**
 * A common-word search checks at most this many index records while walking from the newest
 * conversation before it falls back to intersecting the whole postings lists (words that are
 * each common but rarely together).
 */
const WALK_BUDGET = 500;

export interface SearchResult {
  ids: string[];
  /** How many conversations match; a lower bound when `atLeast` (more exist than counted). */
  total: number;
  atLeast?: true;
}

type Conversations = IDBObjectStore;

/** Ids newest first, title hits before the others (`inTitle`: id → its title holds every word). */
async function ranked(conversations: Conversations, hits: Map<string, boolean>): Promise<string[]> {
  const rows = await Promise.all(
    [...hits.keys()].map(
      (id) =>
        requestToPromise(conversations.get(id)) as Promise<
          { id: string; updatedAt: number } | undefined
        >,
    ),
  );
  return rows
    .filter((row) => row !== undefined)
    .sort((a, b) => Number(hits.get(b.id)) - Number(hits.get(a.id)) || b.updatedAt - a.updatedAt)
    .map((row) => row.id);
}

/** The conversations whose title holds every wanted word (title words are few: read whole). */
async function titleHits(
  store: IDBObjectStore,
  wanted: Wanted[],
  hidden: ReadonlySet<string>,
): Promise<Set<string>> {
  let inTitle: Set<string> | undefined;
  for (const w of wanted) {
    const ids = await holding(store.index(INDEXES.searchByTitleWord), w.word, w.prefix, hidden);
    inTitle = inTitle ? new Set([...inTitle].filter((id) => ids.has(id))) : ids;
    if (inTitle.size === 0) break;
  }
  return inTitle ?? new Set();
}

/** A rare word's hits (`seed`, complete): the other words checked against each record. */
async function fromRare(
  tx: IDBTransaction,
  seed: Set<string>,
  wanted: Wanted[],
): Promise<string[]> {
  const store = tx.objectStore(STORES.search);
  const docs = await Promise.all(
    [...seed].map((id) => requestToPromise(store.get(id)) as Promise<SearchDoc | undefined>),
  );
  const hits = new Map<string, boolean>();
  for (const doc of docs) {
    if (!doc || !wanted.every((w) => has(doc.words, w))) continue;
    hits.set(
      doc.id,
      wanted.every((w) => has(doc.title, w)),
    );
  }
  return ranked(tx.objectStore(STORES.conversations), hits);
}

/**
 * Every word is common: walk the conversations from the newest, in growing batches of keys,
 * until the page (and one more, to know there are more) is filled in rank order. The title
 * hits are known in full first (title words are few), so only the others need their index
 * record read, and only while the page still needs them. Answers null when the hits are too
 * sparse among the newest (the caller then intersects the postings).
 */
/**
 * How many of the newest keys to read next: as many as the hits seen so far say the page
 * needs (a third more), at least twice and at most eight times the last batch.
 */
function nextBatch(seen: number, need: number, found: number): number {
  const guess = Math.ceil(((seen * need) / Math.max(1, found)) * 1.3);
  return Math.min(seen * 8, Math.max(seen * 2, guess));
}

async function walkNewest(
  tx: IDBTransaction,
  wanted: Wanted[],
  offset: number,
  limit: number,
  hidden: ReadonlySet<string>,
  conversations?: number,
): Promise<SearchResult | null> {
  const store = tx.objectStore(STORES.search);
  const recency = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated);
  const titled = await titleHits(store, wanted, hidden);
  markTurn('search:titles');
  const need = offset + limit + 1;
  /** How many non-title hits the page needs (title hits come first). */
  const quota = need - titled.size;
  // Title hits alone fill the page: as many of the newest keys as their share of all
  // conversations says hold the page (a third more), in one read instead of three growing
  // ones (64, 512, 4,096 keys for "alpha" at 10,000, each read again from the newest).
  const firstBatch =
    quota <= 0 && conversations !== undefined && titled.size > 0
      ? Math.ceil(((need * conversations) / titled.size) * 1.3)
      : 0;
  const first: string[] = [];
  const others: string[] = [];
  let seen = 0;
  let checked = 0;
  let skipped = false; // conversations passed over once the page had its others
  for (
    let batch = Math.max(64, need * 2, firstBatch);
    ;
    batch = nextBatch(batch, need, first.length + others.length)
  ) {
    const newest = await newestKeys(recency, batch);
    const keys = shownOnly(newest, hidden);
    let at = seen;
    seen = keys.length;
    while (at < keys.length) {
      // The next few conversations, in order: title hits are hits; as many others as the
      // page still needs get their index record read, all in one go.
      const candidates: string[] = [];
      for (; at < keys.length && candidates.length < quota - others.length; at++) {
        const id = keys[at]!;
        if (titled.has(id)) first.push(id);
        else candidates.push(id);
      }
      if (candidates.length === 0) {
        for (; at < keys.length; at++) {
          if (titled.has(keys[at]!)) first.push(keys[at]!);
          else skipped = true;
        }
        break;
      }
      checked += candidates.length;
      if (checked > WALK_BUDGET) return null;
      const docs = await Promise.all(
        candidates.map((id) => requestToPromise(store.get(id)) as Promise<SearchDoc | undefined>),
      );
      for (const doc of docs)
        if (doc && wanted.every((w) => has(doc.words, w))) others.push(doc.id);
    }
    const full =
      first.length >= need ||
      (first.length === titled.size && first.length + others.length >= need);
    const exhausted = newest.length < batch;
    if (!full && !exhausted) continue;
    const ids = [...first, ...others].slice(offset, offset + limit);
    if (exhausted && !skipped) return { ids, total: first.length + others.length };
    return { ids, total: Math.max(need, titled.size + others.length), atLeast: true };
  }
}

/** The exact answer for common words: their postings intersected, then ranked. */
async function intersected(
  tx: IDBTransaction,
  wanted: Wanted[],
  offset: number,
  limit: number,
  hidden: ReadonlySet<string>,
): Promise<SearchResult> {
  const store = tx.objectStore(STORES.search);
  let found: Set<string> | undefined;
  for (const w of wanted) {
    const next = await holding(store.index(INDEXES.searchByWord), w.word, w.prefix, hidden);
    found = found ? new Set([...found].filter((id) => next.has(id))) : next;
  }
  const hits = found ?? new Set<string>();
  const titled = await titleHits(store, wanted, hidden);
  const newest = await newestKeys(
    tx.objectStore(STORES.conversations).index(INDEXES.conversationsByUpdated),
    Number.POSITIVE_INFINITY,
  );
  const first = newest.filter((id) => titled.has(id) && hits.has(id));
  const others = newest.filter((id) => !titled.has(id) && hits.has(id));
  return { ids: [...first, ...others].slice(offset, offset + limit), total: hits.size };
}

/**
 * A page of the conversations holding every word of `query` (the last one as a prefix, since
 * it may be half typed): those whose title holds them all first, then the others; newest first
 * within each. Answers null when the query has no words.
 *
 * Each word's postings are probed, FEW + 1 entries at most: a rare word gives the exact
 * answer from its few records. When every word is common (a word in most conversations), the
 * conversations are walked from the newest and the walk stops once the page is full: reading
 * a common word's whole postings list costs ~50 ms at 10,000 conversations (as does counting
 * it), so then `total` is a lower bound (`atLeast`), enough for the list to offer "more".
 */
export async function searchPage(
  tx: IDBTransaction,
  query: string,
  offset: number,
  limit: number,
  hidden: ReadonlySet<string> = new Set(),
  /** How many conversations are stored, when known for free (a hint for the walk's reads). */
  conversations?: number,
): Promise<SearchResult | null> {
  const list = words(query);
  if (list.length === 0) return null;
  const wanted = list.map((word, i) => ({ word, prefix: i === list.length - 1 }));
  const byWord = tx.objectStore(STORES.search).index(INDEXES.searchByWord);
  const probes = await Promise.all(wanted.map((w) => postings(byWord, w, FEW + 1)));
  markTurn('search:probes');
  const rarest = probes.reduce<string[] | undefined>(
    (best, keys) => (keys.length <= FEW && (!best || keys.length < best.length) ? keys : best),
    undefined,
  );
  // Rare or not is told by the whole postings (then complete); the hidden ids go after.
  if (rarest) {
    const found = await fromRare(tx, new Set(shownOnly(rarest, hidden)), wanted);
    return { ids: found.slice(offset, offset + limit), total: found.length };
  }
  return (
    (await walkNewest(tx, wanted, offset, limit, hidden, conversations)) ??
    intersected(tx, wanted, offset, limit, hidden)
  );
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

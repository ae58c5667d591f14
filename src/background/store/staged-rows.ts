/**
 * Which conversation rows the rest of the store may see. An import writes its conversations
 * into the real stores in many small transactions (chat goes on between them), each row tagged
 * `staged: <import id>`; their messages and search records follow their row and are reached
 * only through it. The rows stay hidden from every list, search and read until the `imports`
 * meta record names that import committed: one small write makes all of them visible at once.
 * Rows of an import that never committed (refused, cancelled, a worker or browser stopped
 * mid-way) stay hidden and are deleted by the next sweep; a committed import's tags are
 * removed by the sweep too, after which the import is dropped from the record.
 */
import type { Conversation } from '../../shared/model';
import { requestToPromise } from './idb';
import { INDEXES, STORES } from './schema';

/** A conversation row as stored: maybe still carrying its import's tag. */
export type StoredConversation = Conversation & { staged?: string };

export const IMPORTS_META = 'imports';

/** The imports committed whose rows may still carry their tag (the sweep removes it). */
export interface ImportsMeta {
  key: typeof IMPORTS_META;
  committed: string[];
}

export async function committedImports(tx: IDBTransaction): Promise<Set<string>> {
  const meta = (await requestToPromise(tx.objectStore(STORES.meta).get(IMPORTS_META))) as
    ImportsMeta | undefined;
  return new Set(meta?.committed ?? []);
}

export async function writeCommitted(tx: IDBTransaction, committed: Set<string>): Promise<void> {
  const record: ImportsMeta = { key: IMPORTS_META, committed: [...committed] };
  await requestToPromise(tx.objectStore(STORES.meta).put(record));
}

/** The row without its tag: what views, exports and writes see. */
export function untagged(row: StoredConversation): Conversation {
  if (row.staged === undefined) return row;
  const { staged: _tag, ...rest } = row;
  return rest;
}

/** `row` as the rest of the store sees it: untagged, or undefined while its import is open. */
export async function visibleRow(
  tx: IDBTransaction,
  row: StoredConversation | undefined,
): Promise<Conversation | undefined> {
  if (!row) return undefined;
  if (row.staged === undefined) return row;
  return (await committedImports(tx)).has(row.staged) ? untagged(row) : undefined;
}

/** The tags present on rows (each import with rows still tagged), read as unique index keys. */
export async function stagedTags(tx: IDBTransaction): Promise<string[]> {
  const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByStaged);
  const tags: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const request = index.openKeyCursor(null, 'nextunique');
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      tags.push(cursor.key as string);
      cursor.continue();
    };
  });
  return tags;
}

/** What is hidden right now: the open imports' tags and how many rows they hold. */
export interface Hidden {
  tags: ReadonlySet<string>;
  count: number;
}

export const NOTHING_HIDDEN: Hidden = { tags: new Set(), count: 0 };

/** Reads what is hidden (one cursor step and one get when nothing is staged). */
export async function hiddenImports(tx: IDBTransaction): Promise<Hidden> {
  const tags = await stagedTags(tx);
  if (tags.length === 0) return NOTHING_HIDDEN;
  const committed = await committedImports(tx);
  const open = tags.filter((tag) => !committed.has(tag));
  if (open.length === 0) return NOTHING_HIDDEN;
  const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByStaged);
  const counts = await Promise.all(
    open.map((tag) => requestToPromise(index.count(IDBKeyRange.only(tag)))),
  );
  return { tags: new Set(open), count: counts.reduce((a, b) => a + b, 0) };
}

/** Whether a row read from a store or an index is hidden. */
export function isHidden(hidden: Hidden, row: StoredConversation): boolean {
  return row.staged !== undefined && hidden.tags.has(row.staged);
}

/** The ids of the hidden rows (a search filters its postings with them). */
export async function hiddenIds(tx: IDBTransaction, hidden: Hidden): Promise<Set<string>> {
  if (hidden.count === 0) return new Set();
  const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByStaged);
  const lists = await Promise.all(
    [...hidden.tags].map(
      (tag) => requestToPromise(index.getAllKeys(IDBKeyRange.only(tag))) as Promise<string[]>,
    ),
  );
  return new Set(lists.flat());
}

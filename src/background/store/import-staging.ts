/**
 * An import written whole or not at all, without holding the store while it is written. While
 * the file is read, each checked batch of conversations is written into the real stores in its
 * own small transaction, every conversation row tagged with the import's id (staged-rows.ts):
 * hidden from lists, search and reads, so chat goes on between the batches. Confirming is one
 * small write naming the import committed, and every row of it is visible at once. A crash, a
 * full disk or a worker restart at any moment leaves the old history (the rows stay hidden and
 * the next sweep deletes them), or the old history plus the whole file.
 *
 * Ids: a conversation whose id is already here with the same content is skipped; one whose id
 * (or one of whose message ids) is taken by different content is imported as a copy under new
 * ids. An import never replaces or changes anything already stored.
 */
import type { Conversation, StoredMessage } from '../../shared/model';
import type { Dump } from './bundle';
import { requestToPromise } from './idb';
import { INDEXES, STORES } from './schema';
import { dropDoc, putDoc } from './search-index';
import {
  committedImports,
  stagedTags,
  visibleRow,
  writeCommitted,
  type StoredConversation,
} from './staged-rows';

export type Entry = Dump[number];

/** How the entries of a batch meet what is stored: new, already here (same), or copied. */
export type Fate = 'new' | 'same' | 'copy';

/** JSON with sorted keys: two records with the same fields in another order compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function byConversation(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
}

/** What becomes of `entry` given the store as it is in `tx` (reads only). */
export async function fateOf(tx: IDBTransaction, entry: Entry): Promise<Fate> {
  const conversations = tx.objectStore(STORES.conversations);
  const messages = tx.objectStore(STORES.messages);
  const row = (await requestToPromise(conversations.get(entry.conversation.id))) as
    StoredConversation | undefined;
  const existing = await visibleRow(tx, row);
  // A row of an import not committed is not anyone's conversation yet, but its id is taken.
  if (row && !existing) return 'copy';
  if (existing) {
    const stored = (await requestToPromise(
      messages.index(INDEXES.messagesByConversation).getAll(byConversation(existing.id)),
    )) as StoredMessage[];
    const same =
      canonical(existing) === canonical(entry.conversation) &&
      canonical(stored) === canonical([...entry.messages].sort((a, b) => a.seq - b.seq));
    return same ? 'same' : 'copy';
  }
  const taken = await Promise.all(
    entry.messages.map((m) => requestToPromise(messages.getKey(m.id))),
  );
  return taken.some((key) => key !== undefined) ? 'copy' : 'new';
}

/** The entry under fresh ids (conversation and messages), its tree and shown versions kept. */
export function renumber(entry: Entry, newId: () => string): Entry {
  const ids = new Map(entry.messages.map((m) => [m.id, newId()]));
  const id = newId();
  const conversation: Conversation = { ...entry.conversation, id };
  if (entry.conversation.shown) {
    conversation.shown = Object.fromEntries(
      Object.entries(entry.conversation.shown).map(([fork, child]) => [
        fork === '' ? '' : (ids.get(fork) ?? fork),
        ids.get(child) ?? child,
      ]),
    );
  }
  const messages = entry.messages.map((m) => ({
    ...m,
    id: ids.get(m.id) ?? m.id,
    conversationId: id,
    parentId: m.parentId === null ? null : (ids.get(m.parentId) ?? m.parentId),
  }));
  return { conversation, messages };
}

export interface Tally {
  conversations: number;
  messages: number;
  alreadyHere: number;
  copies: number;
}

/** What a batch wrote: its conversations not already here (copies included), and their messages. */
export interface Written {
  conversations: number;
  messages: number;
}

/**
 * Writes one batch of `importId`, each conversation row tagged with it, inside the caller's
 * transaction; answers how the batch met what is stored and what it wrote. Requests are issued
 * together (IndexedDB runs them in order) rather than one round trip each.
 */
export async function stageBatch(
  tx: IDBTransaction,
  importId: string,
  entries: Entry[],
  newId: () => string,
): Promise<{ tally: Tally; written: Written }> {
  const fates = await Promise.all(entries.map((entry) => fateOf(tx, entry)));
  const tally: Tally = {
    conversations: entries.length,
    messages: entries.reduce((n, e) => n + e.messages.length, 0),
    alreadyHere: fates.filter((f) => f === 'same').length,
    copies: fates.filter((f) => f === 'copy').length,
  };
  const written: Written = { conversations: 0, messages: 0 };
  const writes: Array<Promise<unknown>> = [];
  try {
    entries.forEach((original, i) => {
      const fate = fates[i];
      if (fate === 'same') return;
      const entry = fate === 'copy' ? renumber(original, newId) : original;
      written.conversations += 1;
      written.messages += entry.messages.length;
      const row: StoredConversation = { ...entry.conversation, staged: importId };
      writes.push(requestToPromise(tx.objectStore(STORES.conversations).put(row)));
      for (const message of entry.messages)
        writes.push(requestToPromise(tx.objectStore(STORES.messages).put(message)));
      // The search index from the texts in hand (not read back: two requests fewer each).
      writes.push(
        putDoc(
          tx,
          entry.conversation.id,
          entry.conversation.title,
          entry.messages.map((m) => m.text),
        ),
      );
    });
  } catch (error) {
    // A write refused at once (the caller aborts the transaction): the ones already issued
    // fail with it, and that is no news.
    for (const write of writes) write.catch(() => undefined);
    throw error;
  }
  await Promise.all(writes);
  return { tally, written };
}

function byTag(importId: string): IDBKeyRange {
  return IDBKeyRange.only(importId);
}

/**
 * Makes every row of `importId` visible at once: one small write. Answers false (and writes
 * nothing) when the rows are not the `expected` number written, e.g. everything was deleted
 * meanwhile: the import is then not whole and must not appear.
 */
export async function commitStaged(
  tx: IDBTransaction,
  importId: string,
  expected: number,
): Promise<boolean> {
  const index = tx.objectStore(STORES.conversations).index(INDEXES.conversationsByStaged);
  const rows = await requestToPromise(index.count(byTag(importId)));
  if (rows !== expected) return false;
  const committed = await committedImports(tx);
  committed.add(importId);
  await writeCommitted(tx, committed);
  return true;
}

/** Rows one sweep step handles: a short transaction, so chat waits for one at most. */
export const SWEEP_STEP = 100;

/**
 * One step of the sweep: removes the tag from up to SWEEP_STEP rows of a committed import, or
 * deletes up to SWEEP_STEP rows (with their messages and search records) of an import that
 * never committed and is not `open` (the one being read now). Answers whether more is left.
 */
export async function sweepStep(tx: IDBTransaction, open: string | null): Promise<boolean> {
  const conversations = tx.objectStore(STORES.conversations);
  const index = conversations.index(INDEXES.conversationsByStaged);
  const committed = await committedImports(tx);
  const tags = await stagedTags(tx);
  // A committed import whose rows are all untagged (or were deleted) needs no entry any more.
  const present = new Set(tags);
  const left = new Set([...committed].filter((id) => present.has(id)));
  if (left.size !== committed.size) await writeCommitted(tx, left);
  const tag = tags.find((t) => t !== open);
  if (tag === undefined) return false;
  const rows = (await requestToPromise(
    index.getAll(byTag(tag), SWEEP_STEP),
  )) as StoredConversation[];
  const writes: Array<Promise<unknown>> = [];
  for (const row of rows) {
    if (committed.has(tag)) {
      const { staged: _tag, ...rest } = row;
      writes.push(requestToPromise(conversations.put(rest)));
      continue;
    }
    writes.push(
      requestToPromise(
        tx
          .objectStore(STORES.messages)
          .index(INDEXES.messagesByConversation)
          .getAllKeys(IDBKeyRange.bound([row.id, -Infinity], [row.id, Infinity])),
      ).then((keys) =>
        Promise.all(
          keys.map((key) => requestToPromise(tx.objectStore(STORES.messages).delete(key))),
        ),
      ),
    );
    writes.push(dropDoc(tx, row.id));
    writes.push(requestToPromise(conversations.delete(row.id)));
  }
  await Promise.all(writes);
  return true;
}

/**
 * An import in two steps, so a file of any size is written whole or not at all. While the file
 * is read, each checked batch of conversations is kept in a staging record of the `meta` store
 * (`import:<id>:<n>`), invisible to everything else. Confirming moves every staged batch into
 * the real stores and deletes the staging records in ONE transaction: a crash, a full disk or
 * a worker restart at any moment leaves the old history, or the old history plus the whole
 * file. Left-over staging records (an import cut off before its confirmation) are only space,
 * and the next import deletes them.
 *
 * Ids: a conversation whose id is already here with the same content is skipped; one whose id
 * (or one of whose message ids) is taken by different content is imported as a copy under new
 * ids. An import never replaces or changes anything already stored.
 */
import type { Conversation, StoredMessage } from '../../shared/model';
import type { Dump } from './bundle';
import { requestToPromise } from './idb';
import { INDEXES, STORES } from './schema';
import { putDoc } from './search-index';

export type Entry = Dump[number];

/** How the entries of a batch meet what is stored: new, already here (same), or copied. */
export type Fate = 'new' | 'same' | 'copy';

export interface StagedRecord {
  key: string;
  entries: Entry[];
}

const PREFIX = 'import:';

export function stagingKey(importId: string, batch: number): string {
  return `${PREFIX}${importId}:${String(batch).padStart(8, '0')}`;
}

/** Every staging record of one import (or, with no id, of every import). */
export function stagingRange(importId?: string): IDBKeyRange {
  const start = importId === undefined ? PREFIX : `${PREFIX}${importId}:`;
  return IDBKeyRange.bound(start, `${start}\uffff`);
}

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
  const existing = (await requestToPromise(conversations.get(entry.conversation.id))) as
    Conversation | undefined;
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

/** Counts the fates of a batch (the summary before confirming; the commit checks again). */
export async function tallyBatch(tx: IDBTransaction, entries: Entry[]): Promise<Tally> {
  const fates = await Promise.all(entries.map((entry) => fateOf(tx, entry)));
  return {
    conversations: entries.length,
    messages: entries.reduce((n, e) => n + e.messages.length, 0),
    alreadyHere: fates.filter((f) => f === 'same').length,
    copies: fates.filter((f) => f === 'copy').length,
  };
}

/**
 * Moves every staged batch of `importId` into the store, inside the caller's one transaction.
 * Requests of a batch are issued together (IndexedDB runs them in order) rather than one
 * round trip each: 100,000 conversations would otherwise take minutes.
 */
export async function commitStaged(
  tx: IDBTransaction,
  importId: string,
  newId: () => string,
  onProgress: (done: number) => void,
): Promise<Tally> {
  const meta = tx.objectStore(STORES.meta);
  const keys = await requestToPromise(meta.getAllKeys(stagingRange(importId)));
  const tally: Tally = { conversations: 0, messages: 0, alreadyHere: 0, copies: 0 };
  let done = 0;
  for (const key of keys) {
    const record = (await requestToPromise(meta.get(key))) as StagedRecord | undefined;
    const entries = record?.entries ?? [];
    const fates = await Promise.all(entries.map((entry) => fateOf(tx, entry)));
    const writes: Array<Promise<unknown>> = [];
    const written: Entry[] = [];
    try {
      entries.forEach((original, i) => {
        const fate = fates[i];
        if (fate === 'same') {
          tally.alreadyHere += 1;
          return;
        }
        const entry = fate === 'copy' ? renumber(original, newId) : original;
        if (fate === 'copy') tally.copies += 1;
        tally.conversations += 1;
        tally.messages += entry.messages.length;
        writes.push(requestToPromise(tx.objectStore(STORES.conversations).put(entry.conversation)));
        for (const message of entry.messages)
          writes.push(requestToPromise(tx.objectStore(STORES.messages).put(message)));
        written.push(entry);
      });
    } catch (error) {
      // A write refused at once (the caller aborts the transaction): the ones already issued
      // fail with it, and that is no news.
      for (const write of writes) write.catch(() => undefined);
      throw error;
    }
    // The search index from the texts in hand (not read back: two requests fewer each).
    for (const { conversation, messages } of written)
      writes.push(
        putDoc(
          tx,
          conversation.id,
          conversation.title,
          messages.map((m) => m.text),
        ),
      );
    await Promise.all(writes);
    await requestToPromise(meta.delete(key));
    done += entries.length;
    onProgress(done);
  }
  return tally;
}

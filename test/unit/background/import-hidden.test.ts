/**
 * An import is written in many small transactions, hidden, and shown at once by a one-record
 * commit (staged-rows.ts), against a real (fake-indexeddb) store: while it is written nothing
 * of it is listed, counted, found, opened or exported; chat reads get in between its writes; a
 * restart before the commit leaves the rows hidden and the next start deletes them; a restart
 * after it leaves them all visible and the next start finishes untagging them.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src/background/store/store';
import { requestToPromise } from '../../../src/background/store/idb';
import { openDatabase } from '../../../src/background/store/schema';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { makeHandlers } from './handler-deps';

const NOW = Date.UTC(2026, 0, 2);
const page = { tier: 'extension' } as const;
const SITE = DEFAULT_SETTINGS.sites[0]?.url ?? '';

function entry(i: number, at = NOW - 100_000 + i): Conversation & { messages: StoredMessage[] } {
  const id = `imp-${i}`;
  const message = (n: number, role: 'user' | 'assistant', text: string): StoredMessage => ({
    id: `${id}-m${n}`,
    conversationId: id,
    role,
    text,
    status: 'done',
    parentId: n === 0 ? null : `${id}-m${n - 1}`,
    seq: n,
    createdAt: at,
    updatedAt: at,
  });
  return {
    id,
    title: `Imported ${i}`,
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
    createdAt: at,
    updatedAt: at,
    ...(i === 0 ? { pinnedAt: at } : {}),
    messages: [message(0, 'user', `zebraword${i}x question`), message(1, 'assistant', 'answer')],
  };
}

function file(count: number, at?: number): string {
  return JSON.stringify({
    format: 'chatgptt-export',
    version: 2,
    exportedAt: NOW,
    conversations: Array.from({ length: count }, (_, i) => entry(i, at)),
  });
}

let factory: IDBFactory;
let store: ConversationStore;
let handlers: ReturnType<typeof makeHandlers>['handlers'];

function restart(): void {
  // A new worker: a new store and new handlers on the same database; what was in memory is gone.
  store = new ConversationStore({ factory, now: () => NOW });
  ({ handlers } = makeHandlers(store, () => NOW));
}

beforeEach(() => {
  factory = new IDBFactory();
  restart();
});

/** Begins an import of `json` and sends it in pieces; answers its id (not committed). */
async function stage(json: string, size = 20_000): Promise<string> {
  const { importId } = await handlers['import/begin']({ bytes: json.length }, page);
  for (let at = 0; at < json.length; at += size)
    await handlers['import/chunk']({ importId, text: json.slice(at, at + size) }, page);
  return importId;
}

async function count(name: string, indexName?: string): Promise<number> {
  const db = await (store as unknown as { open(): Promise<IDBDatabase> }).open();
  const source = db.transaction(name).objectStore(name);
  return requestToPromise((indexName ? source.index(indexName) : source).count());
}

/** Everything a view can learn about the history. */
async function seen() {
  const list = await handlers['conversations/list']({ limit: 1000 }, page);
  const found = await handlers['conversations/list']({ query: 'zebraword7x' }, page);
  const latest = await handlers['conversations/latest']({}, page);
  const opened = await handlers['conversations/get']({ id: 'imp-7' }, page).then(
    () => true,
    () => false,
  );
  return {
    total: list.total,
    ids: list.items.map((c) => c.id),
    found: found.items.map((c) => c.id),
    latest: latest.id,
    opened,
    exported: (await store.dumpAll()).length,
  };
}

async function ownConversation(): Promise<string> {
  const created = await store.createConversation({
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
    title: 'mine',
  });
  return created.id;
}

describe('an import written hidden, shown at once', () => {
  it('600 conversations: none seen while written, all 600 (and their search words) at the commit', async () => {
    const mine = await ownConversation();
    const before = await seen();
    // Newer than mine: they would top the list (and be "latest") if they showed.
    const importId = await stage(file(600, NOW + 1));
    await handlers['import/finish']({ importId }, page);
    expect(await count('conversations')).toBe(601); // written, in the real store
    expect(await seen()).toEqual(before);
    expect(before).toMatchObject({ total: 1, ids: [mine], found: [], latest: mine, opened: false });

    const done = await handlers['import/commit']({ importId }, page);
    expect(done).toMatchObject({ conversations: 600, messages: 1200 });
    const after = await seen();
    expect(after).toMatchObject({ total: 601, found: ['imp-7'], opened: true, exported: 601 });
    expect(after.ids[0]).toBe('imp-0'); // the file's pinned one
    expect(after.ids).toContain(mine);
    await store.sweepImports();
    expect(await count('conversations', 'byStaged')).toBe(0);
    expect((await store.dumpAll()).some((e) => 'staged' in e.conversation)).toBe(false);
  });

  it('a restart before the commit: the rows stay hidden and the next start deletes them', async () => {
    await ownConversation();
    const before = await seen();
    const counts = { messages: await count('messages'), search: await count('search') };
    await stage(file(600));
    expect(await count('conversations')).toBe(601);
    restart();
    expect(await seen()).toEqual(before);
    await store.sweepImports();
    expect(await count('conversations')).toBe(1);
    expect({ messages: await count('messages'), search: await count('search') }).toEqual(counts);
    // The page still holding the old import id is told it was interrupted.
    await expect(handlers['import/finish']({ importId: 'the-old-one' }, page)).rejects.toThrow(
      /interrupted/,
    );
  });

  it('a restart after the commit, before the tags are gone: all visible; the next start untags them', async () => {
    const importId = await stage(file(600));
    await handlers['import/finish']({ importId }, page);
    // The worker stops right after the commit: its background untagging never runs.
    store.sweepImports = () => Promise.resolve();
    await handlers['import/commit']({ importId }, page);
    expect(await count('conversations', 'byStaged')).toBe(600);
    restart();
    expect((await seen()).total).toBe(600);
    await store.sweepImports();
    expect(await count('conversations', 'byStaged')).toBe(0);
    expect(await seen()).toMatchObject({ total: 600, found: ['imp-7'], opened: true });
  });

  it('everything deleted while a file is written: its commit is refused and nothing of it shows', async () => {
    const importId = await stage(file(300));
    await handlers['conversations/deleteAll']({}, page);
    await stage(file(300).replace('"imp-', '"late-'), 1e9).catch(() => undefined); // busy: refused
    await handlers['import/finish']({ importId }, page);
    await expect(handlers['import/commit']({ importId }, page)).rejects.toThrow(/interrupted/);
    expect((await seen()).total).toBe(0);
    await store.sweepImports();
    expect(await count('conversations')).toBe(0);
  });

  it('chat reads get in between the writes: at most 100 conversations written between two of them', async () => {
    const mine = await ownConversation();
    // Count the imported conversation rows written, and sample the count at each chat read.
    const put = FakeStore.prototype.put;
    let rows = 0;
    FakeStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'conversations') rows += 1;
      return put.apply(this, args);
    };
    const samples: number[] = [];
    let importing = true;
    try {
      const reads = (async () => {
        while (importing) {
          await store.getView(mine);
          samples.push(rows);
        }
      })();
      const json = file(1000);
      // One piece: the whole file arrives in one message, the worst case for a long write.
      const importId = await stage(json, json.length);
      await handlers['import/finish']({ importId }, page);
      await handlers['import/commit']({ importId }, page);
      importing = false;
      await reads;
    } finally {
      importing = false;
      FakeStore.prototype.put = put;
    }
    const gaps = samples.slice(1).map((n, i) => n - samples[i]!);
    const longest = Math.max(samples[0] ?? 0, ...gaps);
    console.log(`1,000 conversations imported; most written between two chat reads: ${longest}`);
    expect(rows).toBeGreaterThanOrEqual(1000);
    expect(longest).toBeLessThanOrEqual(100);
  });

  it('the upgrade to schema 5 drops what version 4 kept aside in meta, and keeps the rest', async () => {
    const old = await openDatabase(factory, 'chatgptt', 4);
    const tx = old.transaction('meta', 'readwrite');
    tx.objectStore('meta').put({ key: 'import:old:00000000', entries: [] });
    tx.objectStore('meta').put({ key: 'keep-me', value: 1 });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    old.close();
    await store.sweepImports();
    const db = await (store as unknown as { open(): Promise<IDBDatabase> }).open();
    expect(db.version).toBe(5);
    const keys = await requestToPromise(db.transaction('meta').objectStore('meta').getAllKeys());
    expect(keys).toContain('keep-me');
    expect(keys.filter((key) => String(key).startsWith('import:'))).toEqual([]);
  });
});

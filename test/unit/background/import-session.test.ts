/**
 * Imports read in pieces (issue 21, case 5) against a real (fake-indexeddb) store: any cut of a
 * file gives what the whole file gives; each hostile file is refused whole with its own
 * sentence and leaves the store as it was; ids already here are skipped or copied, never
 * overwritten; a commit that fails half-way keeps nothing of it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeStore } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src/background/store/store';
import { requestToPromise } from '../../../src/background/store/idb';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { toStoredError } from '../../../src/background/errors';
import { makeHandlers } from './handler-deps';

const NOW = Date.UTC(2026, 0, 2);
const page = { tier: 'extension' } as const;
const SITE = DEFAULT_SETTINGS.sites[0]?.url ?? '';

type Entry = Conversation & { messages: StoredMessage[] };

function entry(id: string, texts: string[] = ['Q', 'A']): Entry {
  return {
    id,
    title: `Title ${id}`,
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
    createdAt: NOW - 1000,
    updatedAt: NOW - 500,
    messages: texts.map((text, i) => ({
      id: `${id}-m${i}`,
      conversationId: id,
      role: i % 2 ? 'assistant' : 'user',
      text,
      status: 'done',
      parentId: i === 0 ? null : `${id}-m${i - 1}`,
      seq: i,
      createdAt: NOW - 900 + i,
      updatedAt: NOW - 900 + i,
    })),
  };
}

function file(conversations: unknown[], head: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { format: 'chatgptt-export', version: 2, exportedAt: NOW, ...head, conversations },
    null,
    2,
  );
}

let store: ConversationStore;
let handlers: ReturnType<typeof makeHandlers>['handlers'];

beforeEach(() => {
  store = new ConversationStore({ factory: new IDBFactory(), now: () => NOW });
  ({ handlers } = makeHandlers(store, () => NOW));
});

/** Imports `json` in pieces of `size` characters, the way the options page sends a file. */
async function importInPieces(json: string, size: number) {
  const { importId } = await handlers['import/begin']({ bytes: json.length }, page);
  for (let at = 0; at < json.length; at += size)
    await handlers['import/chunk']({ importId, text: json.slice(at, at + size) }, page);
  const summary = await handlers['import/finish']({ importId }, page);
  const done = await handlers['import/commit']({ importId }, page);
  return { summary, done };
}

/** What imports left tagged (rows of an import not committed, or not untagged yet). */
async function stagingLeft(): Promise<number> {
  await store.sweepImports();
  return taggedRows();
}

async function taggedRows(): Promise<number> {
  const db = await (store as unknown as { open(): Promise<IDBDatabase> }).open();
  const index = db.transaction('conversations').objectStore('conversations').index('byStaged');
  return requestToPromise(index.count());
}

/** How many records `name` holds, whatever they belong to (hidden rows included). */
async function records(name: string): Promise<number> {
  const db = await (store as unknown as { open(): Promise<IDBDatabase> }).open();
  return requestToPromise(db.transaction(name).objectStore(name).count());
}

describe('an import read in pieces', () => {
  it('any cut of the file (1, 7, 64 characters, whole) imports the same conversations', async () => {
    const json = file([entry('a', ['x "quoted" \\ {not a brace}', 'y']), entry('b', ['é😀'])]);
    const results: unknown[] = [];
    for (const size of [1, 7, 64, json.length]) {
      await handlers['conversations/deleteAll']({}, page);
      const { done } = await importInPieces(json, size);
      expect(done).toMatchObject({ conversations: 2, messages: 3 });
      results.push(await store.dumpAll());
    }
    for (const result of results) expect(result).toEqual(results[0]);
    // The search index took the imported texts.
    const found = await handlers['conversations/list']({ query: 'quoted' }, page);
    expect(found.items.map((c) => c.id)).toEqual(['a']);
    expect(await stagingLeft()).toBe(0);
  });

  const refusals: Array<[string, () => string, RegExp]> = [
    [
      'nested 100,000 levels deep',
      () =>
        file([{ ...entry('a'), deep: '['.repeat(100_000) + ']'.repeat(100_000) }]).replace(
          /"deep": "(\[+)(\]+)"/,
          '"deep": $1$2',
        ),
      /more than 20 levels deep/,
    ],
    [
      'two conversations with one id',
      () => file([entry('a'), entry('a')]),
      /Conversation 2 .*same id \(a\)/,
    ],
    [
      'a message id used in two conversations',
      () => {
        const b = entry('b');
        b.messages[1]!.id = 'a-m1';
        return file([entry('a'), b]);
      },
      /message of conversation 2 .*same id \(a-m1\)/,
    ],
    [
      'export version 3 (from the future)',
      () => file([entry('a')], { version: 3 }),
      /newer ChatGptt \(export version 3; this one reads up to version 2\)/,
    ],
    [
      'version 3 said after the conversations',
      () =>
        file([entry('a')])
          .replace('"version": 2,', '')
          .replace(/}\s*$/, ', "version": 3 }'),
      /newer ChatGptt/,
    ],
    ['cut off half-way', () => file([entry('a'), entry('b')]).slice(0, 300), /ends early/],
    [
      'not ours',
      () => JSON.stringify({ hello: 'world', conversations: [] }),
      /not a ChatGptt export/,
    ],
    [
      'not JSON inside a conversation',
      () => file([entry('a')]).replace('"title"', 'title'),
      /not valid JSON/,
    ],
  ];

  for (const [name, make, message] of refusals) {
    it(`refuses a file ${name}, and the store is as it was`, async () => {
      await importInPieces(file([entry('kept')]), 1000);
      const before = await store.dumpAll();
      await expect(importInPieces(make(), 997)).rejects.toThrow(message);
      expect(await store.dumpAll()).toEqual(before);
      expect(await stagingLeft()).toBe(0);
    });
  }

  it('says the refusal in Russian when the user chose Russian', async () => {
    const refused = await importInPieces(file([entry('a')], { version: 9 }), 100).catch(
      (error: unknown) => error,
    );
    // The worker puts a refusal into words in the settings' language as it leaves (router).
    expect(toStoredError(refused, 'ru').message).toMatch(
      /более новой версией ChatGptt \(формат экспорта 9/,
    );
  });

  it('refuses a file over 256 MB before reading it', async () => {
    await expect(handlers['import/begin']({ bytes: 300 * 1024 * 1024 }, page)).rejects.toThrow(
      /This file is 300 MB; ChatGptt imports files up to 256 MB/,
    );
  });

  it('skips what is already here, copies what only shares an id, overwrites nothing', async () => {
    await importInPieces(file([entry('same'), entry('changed', ['mine']), entry('other')]), 500);
    const before = await store.dumpAll();
    const stranger = entry('new-one');
    stranger.messages[1]!.id = 'other-m1'; // a message id of a stored conversation
    const json = file([entry('same'), entry('changed', ['theirs']), stranger, entry('fresh')]);
    const { summary, done } = await importInPieces(json, 500);
    expect(summary).toMatchObject({ conversations: 4, alreadyHere: 1, copies: 2 });
    expect(done).toMatchObject({ conversations: 3, alreadyHere: 1, copies: 2 });
    const after = await store.dumpAll();
    // Everything that was here is unchanged.
    for (const old of before) expect(after).toContainEqual(old);
    expect(after).toHaveLength(6);
    const copy = after.find(
      (e) => e.conversation.title === 'Title changed' && e.conversation.id !== 'changed',
    );
    expect(copy?.messages.map((m) => m.text)).toEqual(['theirs']);
    expect(copy?.messages[0]?.conversationId).toBe(copy?.conversation.id);
  });

  it('replaces lone surrogates with U+FFFD and says how many', async () => {
    const json = file([entry('s', ['broken \ud800 here', 'and \udfff there'])]);
    const { done } = await importInPieces(json, 10);
    expect(done.repaired).toBe(2);
    const [only] = await store.dumpAll();
    expect(only?.messages.map((m) => m.text)).toEqual(['broken \ufffd here', 'and \ufffd there']);
  });

  it('a write that fails half-way through the file keeps nothing of it, visible or not', async () => {
    await importInPieces(file([entry('kept')]), 1000);
    const before = await store.dumpAll();
    const counts = { messages: await records('messages'), search: await records('search') };
    const many = Array.from({ length: 300 }, (_, i) => entry(`c${i}`));
    const json = file(many);
    // The 500th message write fails (a full disk, say): that batch's transaction aborts, the
    // batches before it were written (hidden) and are deleted with the refusal.
    const put = FakeStore.prototype.put;
    let writes = 0;
    FakeStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'messages' && ++writes === 500) throw new Error('disk on fire');
      return put.apply(this, args);
    };
    try {
      await expect(importInPieces(json, 4096)).rejects.toThrow(/disk on fire/);
    } finally {
      FakeStore.prototype.put = put;
    }
    expect(writes).toBeGreaterThanOrEqual(500);
    expect(await store.dumpAll()).toEqual(before);
    expect(await stagingLeft()).toBe(0);
    expect({ messages: await records('messages'), search: await records('search') }).toEqual(
      counts,
    );
  });
});

/**
 * What the history list and search read (issue 18), against a real (fake-indexeddb) store:
 * the first page counts the conversations once while nothing is written (the count is kept,
 * and dropped by every write, even one racing the read); the page of rows comes from one
 * newest-first getAll where the browser has its options form and from a cursor elsewhere,
 * the same rows either way, pinned first, rows of an import being written left out; snippets
 * and message counts of long conversations; a search whose page is all title hits reads the
 * recency index once. Requests are counted, never timed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORES, openDatabase } from '../../../src/background/store/schema';
import { ConversationStore } from '../../../src/background/store/store';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { makeHandlers } from './handler-deps';

const SITE = DEFAULT_SETTINGS.sites[0]?.url ?? '';
let factory: IDBFactory;
let store: ConversationStore;
let clock: number;
const restore: Array<() => void> = [];

beforeEach(() => {
  factory = new IDBFactory();
  clock = 1_000_000;
  let n = 0;
  store = new ConversationStore({ factory, now: () => ++clock, newId: () => `new-${++n}` });
});

afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

function conversation(c: number, texts: string[], title = `t${c}`) {
  const at = 10_000 + c;
  const messages: StoredMessage[] = texts.map((text, m) => ({
    id: `c${c}-m${m}`,
    conversationId: `c${c}`,
    parentId: m === 0 ? null : `c${c}-m${m - 1}`,
    role: m % 2 ? 'assistant' : 'user',
    text,
    status: 'done',
    seq: m,
    createdAt: at,
    updatedAt: at,
  }));
  const row: Conversation = {
    id: `c${c}`,
    title,
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
    createdAt: at,
    updatedAt: at,
  };
  return { conversation: row, messages };
}

async function many(count: number, make = (c: number) => conversation(c, [`text ${c}`])) {
  await store.putConversations(Array.from({ length: count }, (_, c) => make(c)));
}

/** fake-indexeddb's prototypes (the store and the index of the conversations). */
async function prototypes(): Promise<{ store: IDBObjectStore; index: IDBIndex }> {
  const db = await openDatabase(factory);
  const s = db.transaction(STORES.conversations).objectStore(STORES.conversations);
  const found = {
    store: Object.getPrototypeOf(s) as IDBObjectStore,
    index: Object.getPrototypeOf(s.index('byUpdated')) as IDBIndex,
  };
  db.close();
  return found;
}

/** Counts `store.count()` calls on the conversations store from now on. */
async function countCalls(): Promise<{ calls: number }> {
  const proto = (await prototypes()).store;
  const plain = proto.count;
  const seen = { calls: 0 };
  proto.count = function (this: IDBObjectStore, query?: IDBValidKey | IDBKeyRange) {
    if (this.name === STORES.conversations) seen.calls++;
    return plain.call(this, query);
  } as typeof plain;
  restore.push(() => {
    proto.count = plain;
  });
  return seen;
}

async function total(): Promise<number> {
  return (await store.listConversations({ limit: 30 })).total;
}

describe('the count of conversations on the first page', () => {
  it('is read once while nothing is written, and again after any write', async () => {
    await many(40);
    expect(await total()).toBe(40);
    const counted = await countCalls();
    expect(await total()).toBe(40);
    expect(await total()).toBe(40);
    expect(counted.calls).toBe(0);
    await store.createConversation({ site: SITE, model: 'gpt-4o', systemPrompt: '' });
    expect(await total()).toBe(41);
    expect(counted.calls).toBe(1);
    await store.deleteConversation('c3');
    expect(await total()).toBe(40);
    await store.putConversations([conversation(7, ['again'])]); // replaces c7: no new row
    await store.putConversations([conversation(99, ['new'])]);
    expect(await total()).toBe(41);
    expect(await store.deleteAll()).toBe(41);
    expect(await total()).toBe(0);
    // One count per list after a write, and deleteAll's own.
    expect(counted.calls).toBe(5);
  });

  it('a write racing the read does not leave a stale count behind', async () => {
    await many(10);
    const make = () => store.createConversation({ site: SITE, model: 'gpt-4o', systemPrompt: '' });
    // Reads and writes all started at once, in every order the transactions may take.
    const totals = await Promise.all([total(), make(), total(), make(), total(), make()]);
    expect(totals[0]).toBeGreaterThanOrEqual(10);
    expect(await total()).toBe(13);
    await Promise.all([make(), total()]);
    expect(await total()).toBe(14);
  });

  it('a deleted and remade database is counted again (the handle was closed)', async () => {
    await many(5);
    expect(await total()).toBe(5);
    await store.close();
    await new Promise<void>((resolve, reject) => {
      const r = factory.deleteDatabase('chatgptt');
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error ?? new Error('delete failed'));
    });
    expect(await total()).toBe(0);
  });
});

describe('the page of rows', () => {
  async function pages(): Promise<string[][]> {
    const out: string[][] = [];
    for (const offset of [0, 5, 28, 45]) {
      const page = await store.listConversations({ offset, limit: 10 });
      out.push(page.items.map((c) => c.id));
    }
    return out;
  }

  it('is the same from one getAll and from a cursor: pinned first, hidden rows left out', async () => {
    await many(50);
    await store.pinConversation('c10', true);
    await store.pinConversation('c40', true);
    // An import being written (hidden until committed), its first row pinned.
    const { handlers } = makeHandlers(store, () => clock);
    const json = JSON.stringify({
      format: 'chatgptt-export',
      version: 2,
      exportedAt: clock,
      conversations: [0, 1, 2].map((i) => ({
        ...conversation(900 + i, ['imported']).conversation,
        id: `imp-${i}`,
        updatedAt: 99_999_999 + i,
        ...(i === 0 ? { pinnedAt: 99_999_999 } : {}),
        messages: [],
      })),
    });
    const { importId } = await handlers['import/begin'](
      { bytes: json.length },
      { tier: 'extension' },
    );
    await handlers['import/chunk']({ importId, text: json }, { tier: 'extension' });
    const newest = Array.from({ length: 50 }, (_, c) => `c${49 - c}`).filter(
      (id) => id !== 'c10' && id !== 'c40',
    );
    const expected = ['c40', 'c10', ...newest];
    const want = [0, 5, 28, 45].map((offset) => expected.slice(offset, offset + 10));
    expect(await total()).toBe(50);
    expect(await pages()).toEqual(want);
    // Without getAll's options form (Firefox): the cursor walk answers the same.
    const proto = (await prototypes()).index as IDBIndex & { getAllRecords?: unknown };
    const records = proto.getAllRecords;
    delete proto.getAllRecords;
    restore.push(() => {
      proto.getAllRecords = records;
    });
    expect(await pages()).toEqual(want);
  });
});

describe('snippets and message counts', () => {
  it('of a conversation longer than what is read first', async () => {
    const texts = Array.from({ length: 60 }, (_, m) => (m === 55 ? 'the okapi here' : `m${m}`));
    texts[0] = 'an early aardvark';
    await store.putConversations([conversation(1, texts, 'long')]);
    const late = (await store.listConversations({ query: 'okapi', limit: 5 })).items[0];
    expect(late).toMatchObject({ id: 'c1', messageCount: 60 });
    expect(late?.snippet).toContain('okapi');
    const early = (await store.listConversations({ query: 'aardvark', limit: 5 })).items[0];
    expect(early).toMatchObject({ id: 'c1', messageCount: 60 });
    expect(early?.snippet).toContain('aardvark');
    const listed = (await store.listConversations({ limit: 5 })).items[0];
    expect(listed?.messageCount).toBe(60);
  });
});

describe('a common word whose title hits fill the page', () => {
  it('reads the newest keys once, sized by the title hits’ share', async () => {
    // 300 conversations say "common" (more than the rare-word threshold); 1 in 10 in its title.
    await many(300, (c) =>
      conversation(c, ['common text'], c % 10 === 3 ? `common ${c}` : `t${c}`),
    );
    await total(); // the list's count is kept: the search uses it as a hint
    const index = (await prototypes()).index;
    const plain = index.getAllKeys;
    let recencyReads = 0;
    index.getAllKeys = function (this: IDBIndex, ...args: Parameters<typeof plain>) {
      const [options] = args as unknown[];
      if (this.name === 'byUpdated' && options && typeof options === 'object') recencyReads++;
      return plain.apply(this, args);
    } as typeof plain;
    restore.push(() => {
      index.getAllKeys = plain;
    });
    const page = await store.listConversations({ query: 'common', limit: 10 });
    const titled = Array.from({ length: 300 }, (_, c) => c)
      .filter((c) => c % 10 === 3)
      .reverse()
      .map((c) => `c${c}`);
    expect(page.items.map((c) => c.id)).toEqual(titled.slice(0, 10));
    expect(page).toMatchObject({ total: 30, atLeast: true });
    expect(recencyReads).toBe(1);
  });
});

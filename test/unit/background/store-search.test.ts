/**
 * The history search index (issue 18): words from Latin, Cyrillic and CJK text; every query
 * word must be there, the last one may be a prefix; title hits first, then newest; every write
 * keeps the index equal to one rebuilt from scratch; data older than the index is indexed in
 * the background after the 3 → 4 upgrade, and searches are right before that finishes.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { inTransaction, requestToPromise } from '../../../src/background/store/idb';
import { STORES, openDatabase } from '../../../src/background/store/schema';
import { BUILD_STEP, rebuildDoc, type SearchDoc } from '../../../src/background/store/search-index';
import { words } from '../../../src/background/store/search-tokens';
import { ConversationStore } from '../../../src/background/store/store';

let factory: IDBFactory;
let clock: number;
let store: ConversationStore;

beforeEach(() => {
  factory = new IDBFactory();
  clock = 1_000;
  let n = 0;
  store = new ConversationStore({ factory, now: () => ++clock, newId: () => `id-${++n}` });
});

async function chat(title: string, texts: string[]): Promise<string> {
  const conversation = await store.createConversation({
    site: 'https://chat.example/',
    model: 'gpt-4o',
    systemPrompt: '',
    title,
  });
  for (const [i, text] of texts.entries()) {
    await store.addMessage({
      conversationId: conversation.id,
      role: i % 2 ? 'assistant' : 'user',
      text,
      status: 'done',
    });
  }
  return conversation.id;
}

async function find(query: string): Promise<string[]> {
  return (await store.listConversations({ query, limit: 100 })).items.map((c) => c.id);
}

/** Every index record, and the record a rebuild from the stored data would make. */
async function indexAndRebuilt(): Promise<{ index: SearchDoc[]; rebuilt: SearchDoc[] }> {
  const db = await openDatabase(factory);
  const index = (await inTransaction(db, [STORES.search], 'readonly', (tx) =>
    requestToPromise(tx.objectStore(STORES.search).getAll()),
  )) as SearchDoc[];
  // Rebuilt in a transaction that is then aborted: only to compare, nothing is kept.
  const tx = db.transaction([STORES.conversations, STORES.messages, STORES.search], 'readwrite');
  const ids = (await requestToPromise(
    tx.objectStore(STORES.conversations).getAllKeys(),
  )) as string[];
  for (const id of ids) await rebuildDoc(tx, id);
  const rebuilt = (await requestToPromise(tx.objectStore(STORES.search).getAll())) as SearchDoc[];
  tx.abort();
  db.close();
  return { index, rebuilt };
}

const sorted = (docs: SearchDoc[]) =>
  docs
    .map((d) => ({ ...d, words: [...d.words].sort(), title: [...d.title].sort() }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('search words', () => {
  it('cuts Latin, Cyrillic and CJK text into lower-case words', () => {
    expect(words('Hello, World! café 42x')).toEqual(['hello', 'world', 'café', '42x']);
    expect(words('Привет, Ёжик в тумане')).toEqual(['привет', 'ежик', 'в', 'тумане']);
    expect(words('東京都に住んでいます')).toContain('東京');
    expect(words('我喜欢猫 and dogs')).toEqual(['我', '喜欢', '猫', 'and', 'dogs']);
    expect(words('  ...  ')).toEqual([]);
  });
});

describe('history search with the index', () => {
  it('finds every word, the last one by its start, in any script', async () => {
    const cats = await chat('', ['Tell me about cats', 'Cats are carnivorous mammals.']);
    const ru = await chat('', ['Расскажи про ёжиков', 'Ежи едят насекомых.']);
    const ja = await chat('', ['東京都に住んでいます', '我喜欢猫']);
    await store.searchIndexBuilt();
    expect(await find('CARNIVOROUS')).toEqual([cats]);
    expect(await find('cats mamm')).toEqual([cats]); // the last word half typed
    expect(await find('cats zebra')).toEqual([]); // every word must be there
    expect(await find('mamm cats')).toEqual([]); // only the last word is a prefix
    expect(await find('ежиков')).toEqual([ru]);
    expect(await find('Насеко')).toEqual([ru]);
    expect(await find('東京')).toEqual([ja]);
    expect(await find('喜欢')).toEqual([ja]);
    const [row] = (await store.listConversations({ query: 'carnivorous' })).items;
    expect(row?.snippet).toContain('carnivorous');
    expect(row?.messageCount).toBe(2);
  });

  it('snippets come from any message, the whole query before its words', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `filler ${i} with the word zebra`);
    texts.push('late message about a giraffe in the zoo', 'and the zebra giraffe pair');
    const id = await chat('', texts);
    const [late] = (await store.listConversations({ query: 'giraffe' })).items;
    expect(late?.snippet).toContain('giraffe in the zoo');
    expect(late?.messageCount).toBe(9);
    // "zebra giraffe" as one piece is only in the last message: found there, not a "zebra".
    const [pair] = (await store.listConversations({ query: 'zebra giraffe' })).items;
    expect(pair?.snippet).toContain('zebra giraffe pair');
    // Not as one piece anywhere: its first word, in the first message holding it (the 8th).
    const [words] = (await store.listConversations({ query: 'zoo filler' })).items;
    expect(words?.id).toBe(id);
    expect(words?.snippet).toContain('in the zoo');
  });

  it('ranks title hits first, then the newest', async () => {
    const oldTitle = await chat('Rust borrow checker', ['hello']);
    const oldText = await chat('Misc', ['what does the rust compiler say']);
    const newText = await chat('Other', ['rust again']);
    const newTitle = await chat('Learning rust', ['fine']);
    expect(await find('rust')).toEqual([newTitle, oldTitle, newText, oldText]);
    const page = await store.listConversations({ query: 'rust', offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((c) => c.id)).toEqual([oldTitle, newText]);
  });

  it('ranks the same way with many hits (the recency index is walked), across pages', async () => {
    const ids: string[] = [];
    for (let c = 0; c < 230; c++) {
      ids.push(await chat(c % 50 === 7 ? `Common title ${c}` : `t${c}`, [`common words ${c}`]));
    }
    const titled = ids.filter((_, c) => c % 50 === 7).reverse();
    const rest = ids.filter((_, c) => c % 50 !== 7).reverse();
    const all = [...titled, ...rest];
    const first = await store.listConversations({ query: 'common', limit: 30 });
    // A common word stops once the page and one more are found: the total says "at least".
    expect(first).toMatchObject({ total: 31, atLeast: true });
    expect(first.items.map((c) => c.id)).toEqual(all.slice(0, 30));
    const later = await store.listConversations({ query: 'comm', offset: 200, limit: 50 });
    expect(later.items.map((c) => c.id)).toEqual(all.slice(200));
    // The last page walks to the end: the total is exact again.
    expect(later.total).toBe(230);
    expect(later.atLeast).toBeUndefined();
    // Paging as the list does ("more" while items < total) reaches every hit, in rank order.
    const paged: string[] = [];
    for (let total = 1; paged.length < total;) {
      const page = await store.listConversations({
        query: 'common',
        offset: paged.length,
        limit: 30,
      });
      paged.push(...page.items.map((c) => c.id));
      total = page.total;
    }
    expect(paged).toEqual(all);
    // With a rare word ("title" is in 5 titles), its few records answer: exact, titles first.
    const together = await store.listConversations({ query: 'common title', limit: 3 });
    expect(together.items.map((c) => c.id)).toEqual(titled.slice(0, 3));
    // A rare word with a common one: checked against the few records, same answer.
    // "12" is the last word, so a prefix: 12 and 120–129, newest first (none has the title).
    const twelve = [12, ...Array.from({ length: 10 }, (_, i) => 120 + i)].map((c) => ids[c]);
    expect(await find('common words 12')).toEqual(twelve.reverse());
  });

  it('two common words rarely together: the walk gives up and the postings are intersected', async () => {
    // 700 conversations, "apple" in the even ones, "pear" in the odd ones (each > 200, so
    // common); both only in the oldest two: walking from the newest finds nothing for 500.
    const at = (c: number) => 10_000 + c;
    await store.putConversations(
      Array.from({ length: 700 }, (_, c) => ({
        conversation: {
          id: `c${c}`,
          title: `t${c}`,
          site: 'https://chat.example/',
          model: 'gpt-4o',
          systemPrompt: '',
          createdAt: at(c),
          updatedAt: at(c),
        },
        messages: [
          {
            id: `c${c}-m`,
            conversationId: `c${c}`,
            parentId: null,
            role: 'user' as const,
            text: c < 2 ? 'apple and pear' : c % 2 ? 'a pear' : 'an apple',
            status: 'done' as const,
            seq: 0,
            createdAt: at(c),
            updatedAt: at(c),
          },
        ],
      })),
    );
    const both = await store.listConversations({ query: 'apple pear', limit: 30 });
    expect(both.items.map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(both.total).toBe(2);
    expect(both.atLeast).toBeUndefined();
    // One common word: the newest first, the page found by the walk.
    const pears = await store.listConversations({ query: 'pear', limit: 3 });
    expect(pears.items.map((c) => c.id)).toEqual(['c699', 'c697', 'c695']);
    expect(pears).toMatchObject({ total: 4, atLeast: true });
  });

  it('walks the same way by cursor where getAll has no options form (Firefox)', async () => {
    // fake-indexeddb has getAllRecords and getAllKeys({ direction, count }) as Chromium 141+;
    // take them away, as a browser without them would (an options object is not a key).
    const db = await openDatabase(factory);
    const proto = Object.getPrototypeOf(
      db.transaction(STORES.conversations).objectStore(STORES.conversations).index('byUpdated'),
    ) as IDBIndex & { getAllRecords?: unknown };
    db.close();
    const plain = proto.getAllKeys;
    const records = proto.getAllRecords;
    let optionCalls = 0;
    delete proto.getAllRecords;
    proto.getAllKeys = function (this: IDBIndex, query?: IDBKeyRange | null, count?: number) {
      if (query && typeof query === 'object' && 'direction' in query) {
        optionCalls++;
        throw new DOMException('not a valid key', 'DataError');
      }
      return plain.call(this, query, count);
    } as typeof plain;
    try {
      const ids: string[] = [];
      const titled = new Set<string>();
      for (let c = 0; c < 230; c++) {
        ids.push(await chat(c % 50 === 7 ? `Common ${c}` : `t${c}`, ['common']));
        if (c % 50 === 7) titled.add(ids.at(-1)!);
      }
      const newest = [...ids].reverse();
      const all = [
        ...newest.filter((id) => titled.has(id)),
        ...newest.filter((id) => !titled.has(id)),
      ];
      const first = await store.listConversations({ query: 'common', limit: 30 });
      expect(first.items.map((c) => c.id)).toEqual(all.slice(0, 30));
      expect(optionCalls).toBe(0);
    } finally {
      proto.getAllKeys = plain;
      proto.getAllRecords = records;
    }
  });

  it('every write keeps the index equal to a rebuild from the stored data', async () => {
    const a = await chat('', []);
    // A streamed answer is searchable once finished, with the streamed text.
    const plan = await store.beginSend({
      conversationId: a,
      create: { site: 'https://chat.example/', model: 'gpt-4o', systemPrompt: '' },
      text: 'first question about volcanoes',
    });
    await store.appendChunk(plan.answer.id, 0, 'Lava is molten ');
    expect(await find('molten')).toEqual([]);
    await store.finishMessage(plan.answer.id, { status: 'done' });
    expect(await find('molten')).toEqual([a]);
    expect(await find('volcanoes')).toEqual([a]);
    // An edit adds a version; the old one stays findable (it is only hidden).
    const edited = await store.beginEdit(a, plan.userMessage!.id, 'second question about geysers');
    await store.updateMessage(edited.answer.id, { text: 'Geysers erupt' });
    expect(await find('geysers')).toEqual([a]);
    expect(await find('volcanoes')).toEqual([a]);
    // A retry empties the failed answer: its old text is gone from the index too.
    await store.finishMessage(edited.answer.id, { status: 'error' });
    await store.beginRetry(a, edited.answer.id);
    expect(await find('erupt')).toEqual([]);
    // Titles: renaming, and the first question naming a new conversation.
    await store.updateConversation(a, { title: 'Earth science' });
    expect(await find('earth sci')).toEqual([a]);
    const b = (
      await store.beginSend({
        conversationId: null,
        create: { site: 'https://chat.example/', model: 'gpt-4o', systemPrompt: '' },
        text: 'Named by its question',
      })
    ).conversation.id;
    expect(await find('named')).toEqual([b]);
    let check = await indexAndRebuilt();
    expect(sorted(check.index)).toEqual(sorted(check.rebuilt));
    // Delete, and Undo (putConversations) puts its words back.
    const deleted = await store.deleteConversation(a);
    expect(await find('volcanoes')).toEqual([]);
    await store.putConversations([deleted]);
    expect(await find('volcanoes')).toEqual([a]);
    check = await indexAndRebuilt();
    expect(sorted(check.index)).toEqual(sorted(check.rebuilt));
    expect(await store.deleteAll()).toBe(2);
    expect(await find('volcanoes')).toEqual([]);
    check = await indexAndRebuilt();
    expect(check.index).toEqual([]);
  });
});

describe('migration 3 → 4: the index for existing data', () => {
  it('is built in the background, resumable, and searches are right before it is done', async () => {
    const count = BUILD_STEP * 2 + 7;
    const v3 = await openDatabase(factory, 'chatgptt', 3);
    const tx = v3.transaction(['conversations', 'messages'], 'readwrite');
    for (let c = 0; c < count; c++) {
      tx.objectStore('conversations').put({
        id: `old-${String(c).padStart(3, '0')}`,
        title: c === 5 ? 'Special title' : `Old ${c}`,
        site: 'https://chatgptt.me/',
        model: 'gpt-4o',
        systemPrompt: '',
        createdAt: c,
        updatedAt: c,
      });
      for (let m = 0; m < 3; m++) {
        tx.objectStore('messages').put({
          id: `old-${c}-${m}`,
          conversationId: `old-${String(c).padStart(3, '0')}`,
          parentId: m ? `old-${c}-${m - 1}` : null,
          role: m % 2 ? 'assistant' : 'user',
          text: `message ${m} of needle${c}`,
          status: 'done',
          seq: m,
          createdAt: c,
          updatedAt: c,
        });
      }
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v3.close();

    const upgraded = new ConversationStore({ factory });
    // Right after the upgrade (the build has not finished): the scan answers, correctly.
    const early = await upgraded.listConversations({ query: 'needle12' });
    expect(early.items.map((c) => c.id)).toEqual(['old-012']);
    expect(await upgraded.searchIndexBuilt()).toBe(true);
    const db = await openDatabase(factory);
    const docs = await inTransaction(db, [STORES.search, STORES.meta], 'readonly', async (t) => ({
      count: await requestToPromise(t.objectStore(STORES.search).count()),
      meta: await requestToPromise(t.objectStore(STORES.meta).get('search')),
    }));
    db.close();
    expect(docs.count).toBe(count);
    expect(docs.meta).toMatchObject({ done: true });
    const found = await upgraded.listConversations({ query: 'needle12' });
    // needle12 exactly, needle120… by prefix (the last word), newest first.
    expect(found.items.map((c) => c.id)).toEqual(
      ['old-012', ...Array.from({ length: count - 120 }, (_, i) => `old-${120 + i}`)]
        .sort()
        .reverse(),
    );
    expect((await upgraded.listConversations({ query: 'special' })).items[0]?.id).toBe('old-005');
    await upgraded.close();
  });

  it('a build stopped half-way resumes where it was', async () => {
    const v3 = await openDatabase(factory, 'chatgptt', 3);
    const tx = v3.transaction(['conversations'], 'readwrite');
    for (let c = 0; c < BUILD_STEP + 3; c++) {
      tx.objectStore('conversations').put({ id: `c${c}`, title: `t${c}`, updatedAt: c });
    }
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v3.close();
    // One step, as a worker stopped after it would leave it.
    const db = await openDatabase(factory);
    const { buildStep } = await import('../../../src/background/store/search-index');
    const all = [STORES.conversations, STORES.messages, STORES.search, STORES.meta];
    expect(await inTransaction(db, all, 'readwrite', buildStep)).toBe(false);
    const meta = await inTransaction(db, [STORES.meta], 'readonly', (t) =>
      requestToPromise(t.objectStore(STORES.meta).get('search')),
    );
    expect(meta).toMatchObject({ done: false });
    db.close();
    const next = new ConversationStore({ factory });
    expect(await next.searchIndexBuilt()).toBe(true);
    expect((await next.listConversations({ query: `t${BUILD_STEP + 2}` })).total).toBe(1);
    await next.close();
  });
});

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBundle, toBundle, toMarkdown } from '../../../src/background/store/bundle';
import { requestToPromise } from '../../../src/background/store/idb';
import { DB_VERSION, openDatabase } from '../../../src/background/store/schema';
import { ConversationStore } from '../../../src/background/store/store';
import { foldChunks, titleFrom } from '../../../src/background/store/text';

let factory: IDBFactory;
let clock: number;
let store: ConversationStore;

function newStore(): ConversationStore {
  let n = 0;
  return new ConversationStore({
    factory,
    now: () => clock,
    newId: () => `id-${++n}-${Math.random().toString(36).slice(2, 8)}`,
  });
}

async function conversationWith(texts: Array<['user' | 'assistant', string]>) {
  const conversation = await store.createConversation({
    site: 'https://chat.example/',
    model: 'gpt-4o',
    systemPrompt: '',
  });
  for (const [role, text] of texts) {
    clock += 1;
    await store.addMessage({ conversationId: conversation.id, role, text, status: 'done' });
  }
  return conversation;
}

beforeEach(() => {
  factory = new IDBFactory();
  clock = 1_000;
  store = newStore();
});

describe('conversations', () => {
  it('creates, titles from the first user message, and gets', async () => {
    const c = await conversationWith([
      ['user', 'How do   I bake bread\nat home?'],
      ['assistant', 'Knead it.'],
    ]);
    const got = await store.getConversation(c.id);
    expect(got?.title).toBe('How do I bake bread at home?');
    const messages = await store.getMessages(c.id);
    expect(messages.map((m) => [m.role, m.seq, m.text])).toEqual([
      ['user', 0, 'How do   I bake bread\nat home?'],
      ['assistant', 1, 'Knead it.'],
    ]);
  });

  it('lists newest first, paged, with message counts', async () => {
    const a = await conversationWith([['user', 'first']]);
    clock += 10;
    const b = await conversationWith([
      ['user', 'second'],
      ['assistant', 'answer'],
    ]);
    clock += 10;
    const c = await conversationWith([['user', 'third']]);
    const all = await store.listConversations();
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(all.items.map((i) => i.messageCount)).toEqual([1, 2, 1]);
    const page = await store.listConversations({ offset: 1, limit: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ id: b.id }] });
    // A new message moves a conversation to the top.
    clock += 10;
    await store.addMessage({ conversationId: a.id, role: 'user', text: 'again', status: 'done' });
    expect((await store.listConversations()).items[0]?.id).toBe(a.id);
    expect(await store.latestConversationId()).toBe(a.id);
  });

  it('searches titles and message text, with a snippet', async () => {
    const a = await conversationWith([
      ['user', 'Tell me about cats'],
      ['assistant', 'Cats are small carnivorous mammals.'],
    ]);
    await conversationWith([['user', 'Dogs please']]);
    const byText = await store.listConversations({ query: 'CARNIVOROUS' });
    expect(byText.total).toBe(1);
    expect(byText.items[0]?.id).toBe(a.id);
    expect(byText.items[0]?.snippet).toContain('carnivorous');
    expect((await store.listConversations({ query: 'dogs' })).total).toBe(1);
    expect((await store.listConversations({ query: 'zebra' })).total).toBe(0);
  });

  it('renames and changes model / system prompt', async () => {
    const c = await conversationWith([['user', 'hi']]);
    clock += 5;
    const updated = await store.updateConversation(c.id, { title: 'Renamed', model: 'gpt-4' });
    expect(updated).toMatchObject({ title: 'Renamed', model: 'gpt-4', updatedAt: clock });
    await expect(store.updateConversation('nope', { title: 'x' })).rejects.toThrow(
      /No conversation/,
    );
  });

  it('pins to the top (last pinned first), keeps the order in a new store, unpins', async () => {
    const a = await conversationWith([['user', 'apples']]);
    const b = await conversationWith([['user', 'pears']]);
    const c = await conversationWith([['user', 'plums']]);
    const order = async (s = store) =>
      (await s.listConversations()).items.map((item) => item.title);
    expect(await order()).toEqual(['plums', 'pears', 'apples']);
    clock += 1;
    const pinned = await store.pinConversation(a.id, true);
    expect(pinned.pinnedAt).toBe(clock);
    // Pinning is no edit: the conversation keeps its place in time.
    expect(pinned.updatedAt).toBe(a.updatedAt + 1);
    clock += 1;
    await store.pinConversation(b.id, true);
    expect(await order()).toEqual(['pears', 'apples', 'plums']);
    // The same database opened again (a reload) lists the same order.
    expect(await order(newStore())).toEqual(['pears', 'apples', 'plums']);
    await store.pinConversation(b.id, false);
    expect(await order()).toEqual(['apples', 'plums', 'pears']);
    expect((await store.getConversation(b.id))?.pinnedAt).toBeUndefined();
    expect(c.id).toBeTruthy();
  });

  it('deletes one (answering what was deleted), restores it, and deletes all', async () => {
    const c = await conversationWith([
      ['user', 'keep me'],
      ['assistant', 'ok'],
    ]);
    const other = await conversationWith([['user', 'other']]);
    const deleted = await store.deleteConversation(c.id);
    expect(deleted.conversation.id).toBe(c.id);
    expect(deleted.messages).toHaveLength(2);
    expect(await store.getConversation(c.id)).toBeUndefined();
    expect(await store.getMessages(c.id)).toEqual([]);
    await store.putConversations([deleted]);
    expect(await store.getMessages(c.id)).toEqual(deleted.messages);
    expect(await store.deleteAll()).toBe(2);
    expect((await store.listConversations()).total).toBe(0);
    expect(await store.getConversation(other.id)).toBeUndefined();
    expect(await store.latestConversationId()).toBeNull();
  });
});

describe('messages and streaming', () => {
  it('appends chunks without rewriting the message, folds them when finished', async () => {
    const c = await conversationWith([['user', 'q']]);
    const answer = await store.addMessage({
      conversationId: c.id,
      role: 'assistant',
      text: '',
      status: 'streaming',
    });
    await store.appendChunk(answer.id, 0, 'Hel');
    await store.appendChunk(answer.id, 3, 'lo');
    await store.appendChunk(answer.id, 3, 'lo'); // written twice: harmless
    expect((await store.getMessage(answer.id))?.text).toBe('Hello');
    const finished = await store.finishMessage(answer.id, { status: 'done' });
    expect(finished).toMatchObject({ text: 'Hello', status: 'done' });
    // Chunks are gone: a second finish with a text does not double anything.
    expect((await store.getMessages(c.id))[1]?.text).toBe('Hello');
  });

  it('drops pieces of an answer whose conversation was deleted mid-answer', async () => {
    const c = await conversationWith([['user', 'q']]);
    const answer = await store.addMessage({
      conversationId: c.id,
      role: 'assistant',
      text: '',
      status: 'streaming',
    });
    await store.appendChunk(answer.id, 0, 'kept until deleted');
    await store.deleteConversation(c.id);
    await store.appendChunk(answer.id, 18, 'late piece');
    await store.close();
    const db = await openDatabase(factory);
    const left = await requestToPromise(db.transaction('chunks').objectStore('chunks').count());
    db.close();
    expect(left).toBe(0);
  });

  it('marks answers left streaming as interrupted, keeping the partial text', async () => {
    const c = await conversationWith([['user', 'q']]);
    const answer = await store.addMessage({
      conversationId: c.id,
      role: 'assistant',
      text: '',
      status: 'streaming',
    });
    await store.appendChunk(answer.id, 0, 'partial ');
    await store.appendChunk(answer.id, 8, 'text');
    await store.close();
    const restarted = newStore();
    const cut = await restarted.interruptStreaming();
    expect(cut.map((m) => m.id)).toEqual([answer.id]);
    const after = await restarted.getMessage(answer.id);
    expect(after).toMatchObject({ status: 'interrupted', text: 'partial text' });
    expect(await restarted.interruptStreaming()).toEqual([]);
  });

  it('resets a message for retry, updates, and cuts after a position', async () => {
    const c = await conversationWith([
      ['user', 'one'],
      ['assistant', 'a1'],
      ['user', 'two'],
      ['assistant', 'a2'],
    ]);
    const messages = await store.getMessages(c.id);
    const a2 = messages[3]!;
    await store.updateMessage(a2.id, {
      status: 'error',
      error: { kind: 'server', message: 'boom' },
    });
    const reset = await store.resetMessage(a2.id, 'https://other.example/');
    expect(reset).toMatchObject({ text: '', status: 'streaming', site: 'https://other.example/' });
    expect(reset.error).toBeUndefined();
  });
});

describe('schema migrations', () => {
  it('upgrades a version-1 database, keeping its data', async () => {
    const v1 = await openDatabase(factory, 'chatgptt', 1);
    expect([...v1.objectStoreNames].sort()).toEqual(['conversations', 'messages']);
    const tx = v1.transaction(['conversations', 'messages'], 'readwrite');
    tx.objectStore('conversations').put({
      id: 'old',
      title: 'Old one',
      site: 'https://chatgptt.me',
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: 1,
      updatedAt: 1,
    });
    tx.objectStore('messages').put({
      id: 'm1',
      conversationId: 'old',
      role: 'assistant',
      text: 'cut off',
      status: 'streaming',
      seq: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v1.close();

    const upgraded = newStore();
    expect((await upgraded.getConversation('old'))?.title).toBe('Old one');
    // The status index added by migration 2 finds the old streaming answer.
    expect((await upgraded.interruptStreaming()).map((m) => m.id)).toEqual(['m1']);
    await upgraded.close();
    const db = await openDatabase(factory);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'chunks',
      'conversations',
      'messages',
      'meta',
      'search',
    ]);
    const count = await requestToPromise(db.transaction('chunks').objectStore('chunks').count());
    expect(count).toBe(0);
    db.close();
  });
});

describe('export and import', () => {
  it('round-trips a JSON export and writes Markdown', async () => {
    const c = await conversationWith([
      ['user', 'Question?'],
      ['assistant', 'Answer.'],
    ]);
    const dump = await store.dumpAll();
    const json = JSON.stringify(toBundle(dump, 5));
    const parsed = parseBundle(json);
    expect(parsed).toEqual(dump);
    const md = toMarkdown(dump[0]!.conversation, dump[0]!.messages);
    expect(md).toContain('# Question?');
    expect(md).toContain('## You\n\nQuestion?');
    expect(md).toContain('## ChatGptt\n\nAnswer.');
    await store.deleteAll();
    await store.putConversations(parsed);
    expect((await store.getMessages(c.id)).map((m) => m.text)).toEqual(['Question?', 'Answer.']);
  });

  it('keeps the fallback label, notes and sources through export and import', () => {
    const message = {
      id: 'm1',
      conversationId: 'c1',
      role: 'assistant',
      text: 'Answer.',
      status: 'done',
      seq: 0,
      createdAt: 1,
      updatedAt: 1,
      site: 'https://b.example/',
      fallback: { from: 'https://a.example/', kind: 'network', remembered: true },
      notes: ['The model is busy.'],
      sources: [{ url: 'https://docs.example/x', title: 'X' }, { title: 'Only a title' }],
    };
    const json = JSON.stringify({
      format: 'chatgptt-export',
      version: 1,
      exportedAt: 5,
      conversations: [
        {
          id: 'c1',
          title: 'T',
          site: 'https://a.example/',
          model: 'gpt-4o',
          systemPrompt: '',
          createdAt: 1,
          updatedAt: 1,
          messages: [message],
        },
      ],
    });
    const [only] = parseBundle(json);
    expect(only?.messages[0]).toMatchObject({
      fallback: message.fallback,
      notes: message.notes,
      sources: message.sources,
    });
    const broken = json.replace('"kind":"network"', '"kind":"made-up"');
    expect(() => parseBundle(broken)).toThrow(/unknown error kind/);
  });

  const bad: Array<[string, string]> = [
    ['not JSON', '{nope'],
    ['not an export', JSON.stringify({ hello: 1 })],
    ['wrong version', JSON.stringify({ format: 'chatgptt-export', version: 9, conversations: [] })],
    [
      'a bad message role',
      JSON.stringify({
        format: 'chatgptt-export',
        version: 1,
        exportedAt: 1,
        conversations: [
          {
            id: 'c',
            title: '',
            site: 's',
            model: 'gpt-4o',
            systemPrompt: '',
            createdAt: 1,
            updatedAt: 1,
            messages: [
              {
                id: 'm',
                conversationId: 'c',
                role: 'system',
                text: 'x',
                status: 'done',
                seq: 0,
                createdAt: 1,
                updatedAt: 1,
              },
            ],
          },
        ],
      }),
    ],
    [
      'an unknown model',
      JSON.stringify({
        format: 'chatgptt-export',
        version: 1,
        exportedAt: 1,
        conversations: [
          {
            id: 'c',
            title: '',
            site: 's',
            model: 'gpt-99',
            systemPrompt: '',
            createdAt: 1,
            updatedAt: 1,
            messages: [],
          },
        ],
      }),
    ],
  ];
  it.each(bad)('refuses %s with a clear error', (_name, json) => {
    expect(() => parseBundle(json)).toThrow(/./);
  });

  it('a file whose last conversation is bad imports nothing at all', async () => {
    const good = await conversationWith([['user', 'good one']]);
    const bundle = toBundle(await store.dumpAll(), 1);
    await store.deleteAll();
    const broken = {
      ...bundle,
      conversations: [
        ...bundle.conversations,
        { ...bundle.conversations[0], id: 'second', messages: [{ id: 'x' }] },
      ],
    };
    expect(() => parseBundle(JSON.stringify(broken))).toThrow(/Conversation 2, message 1/);
    expect(await store.getConversation(good.id)).toBeUndefined();
    expect((await store.listConversations()).total).toBe(0);
  });

  it('imports a streaming answer as interrupted', () => {
    const bundle = {
      format: 'chatgptt-export',
      version: 1,
      exportedAt: 1,
      conversations: [
        {
          id: 'c',
          title: 't',
          site: 's',
          model: 'gpt-4o',
          systemPrompt: '',
          createdAt: 1,
          updatedAt: 1,
          messages: [
            {
              id: 'm',
              conversationId: 'c',
              role: 'assistant',
              text: 'half',
              status: 'streaming',
              seq: 0,
              createdAt: 1,
              updatedAt: 1,
            },
          ],
        },
      ],
    };
    expect(parseBundle(JSON.stringify(bundle))[0]?.messages[0]?.status).toBe('interrupted');
  });
});

describe('text helpers', () => {
  it('cuts long titles at a word', () => {
    const title = titleFrom('word '.repeat(30));
    expect(title.length).toBeLessThanOrEqual(61);
    expect(title.endsWith('…')).toBe(true);
  });
  it('folds overlapping and out-of-order chunks', () => {
    expect(
      foldChunks('ab', [
        { messageId: 'm', offset: 4, text: 'ef' },
        { messageId: 'm', offset: 2, text: 'cd' },
        { messageId: 'm', offset: 3, text: 'de' },
      ]),
    ).toBe('abcdef');
  });
});

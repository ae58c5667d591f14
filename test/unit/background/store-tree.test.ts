/**
 * The message tree (issue 12): edit and regenerate add versions and delete nothing, the shown
 * path is what views get and what the model is sent, switching versions remembers each fork,
 * the 2 → 3 migration turns every existing conversation into one branch, and export / import
 * carry the tree (old linear exports still import).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseBundle, toBundle, toMarkdown } from '../../../src/background/store/bundle';
import { DB_VERSION, openDatabase } from '../../../src/background/store/schema';
import { ConversationStore } from '../../../src/background/store/store';
import type { StoredMessage } from '../../../src/shared/model';

let factory: IDBFactory;
let store: ConversationStore;

beforeEach(() => {
  factory = new IDBFactory();
  store = new ConversationStore({ factory });
});

/** A conversation of `turns` question/answer pairs, answered "a1", "a2", …. */
async function turns(count: number): Promise<string> {
  let id: string | null = null;
  for (let i = 1; i <= count; i++) {
    const plan = await store.beginSend({
      conversationId: id,
      create: { site: 'https://chat.example/', model: 'gpt-4o', systemPrompt: '' },
      text: `q${i}`,
    });
    id = plan.conversation.id;
    await store.finishMessage(plan.answer.id, { text: `a${i}`, status: 'done' });
  }
  if (id === null) throw new Error('no turns');
  return id;
}

const texts = (messages: StoredMessage[]) => messages.map((m) => m.text);

async function answer(plan: { answer: StoredMessage }, text: string): Promise<void> {
  await store.finishMessage(plan.answer.id, { text, status: 'done' });
}

describe('edit and regenerate make versions', () => {
  it('editing the first of four turns keeps the old branch whole; switching back shows it', async () => {
    const id = await turns(4);
    const [q1] = await store.getMessages(id);
    const plan = await store.beginEdit(id, q1!.id, 'q1 edited');
    expect(texts(plan.path)).toEqual(['q1 edited']);
    await answer(plan, 'b1');
    let view = await store.getView(id);
    expect(texts(view!.messages)).toEqual(['q1 edited', 'b1']);
    expect(view!.versions[plan.userMessage!.id]).toEqual({ index: 2, count: 2 });
    expect(await store.getAllMessages(id)).toHaveLength(10);

    view = await store.switchVersion(id, plan.userMessage!.id, -1);
    expect(texts(view.messages)).toEqual(['q1', 'a1', 'q2', 'a2', 'q3', 'a3', 'q4', 'a4']);
    expect(view.versions[q1!.id]).toEqual({ index: 1, count: 2 });
    // Remembered: a new store (a worker restart) shows the same branch.
    expect(texts(await new ConversationStore({ factory }).getMessages(id))).toHaveLength(8);
    // Past the ends nothing moves.
    view = await store.switchVersion(id, q1!.id, -1);
    expect(view.versions[q1!.id]).toEqual({ index: 1, count: 2 });
    view = await store.switchVersion(id, q1!.id, 1);
    expect(texts(view.messages)).toEqual(['q1 edited', 'b1']);
  });

  it('regenerating twice gives 3 versions, each readable; a follow-up continues the one shown', async () => {
    const id = await turns(2);
    const first = await store.beginRegenerate(id);
    expect(texts(first.path)).toEqual(['q1', 'a1', 'q2']);
    await answer(first, 'a2 v2');
    const second = await store.beginRegenerate(id);
    await answer(second, 'a2 v3');
    let view = await store.getView(id);
    expect(texts(view!.messages)).toEqual(['q1', 'a1', 'q2', 'a2 v3']);
    expect(view!.versions[second.answer.id]).toEqual({ index: 3, count: 3 });
    view = await store.switchVersion(id, second.answer.id, -1);
    expect(texts(view.messages).at(-1)).toBe('a2 v2');
    view = await store.switchVersion(id, first.answer.id, -1);
    expect(texts(view.messages).at(-1)).toBe('a2');
    const follow = await store.beginSend({
      conversationId: id,
      create: { site: 'x', model: 'gpt-4o', systemPrompt: '' },
      text: 'q3',
    });
    expect(texts(follow.path)).toEqual(['q1', 'a1', 'q2', 'a2', 'q3']);
    await answer(follow, 'a3');
    expect(texts(await store.getMessages(id))).toEqual(['q1', 'a1', 'q2', 'a2', 'q3', 'a3']);
    // The other versions are still there, without the follow-up.
    view = await store.switchVersion(
      id,
      texts(view.messages).length ? view.messages[3]!.id : '',
      1,
    );
    expect(texts(view.messages)).toEqual(['q1', 'a1', 'q2', 'a2 v2']);
  });

  it('retry and continue on an older answer keep the turns after it (a new version)', async () => {
    const id = await turns(2);
    const [, a1] = await store.getMessages(id);
    await store.updateMessage(a1!.id, { status: 'interrupted' });
    const cont = await store.beginContinue(id, a1!.id);
    expect(cont.mode).toBe('continue');
    expect(cont.answer.id).not.toBe(a1!.id);
    expect(texts(cont.path)).toEqual(['q1', 'a1']);
    await answer(cont, 'a1 continued');
    expect(texts(await store.getMessages(id))).toEqual(['q1', 'a1 continued']);
    expect(await store.getAllMessages(id)).toHaveLength(5);
    await store.updateMessage(a1!.id, { status: 'error' });
    const retry = await store.beginRetry(id, a1!.id);
    expect(retry.answer.id).not.toBe(a1!.id);
    expect(texts(retry.path)).toEqual(['q1']);
    expect(await store.getAllMessages(id)).toHaveLength(6);
  });

  it('deleting a conversation takes every branch; putting it back restores them all', async () => {
    const id = await turns(2);
    const [q1] = await store.getMessages(id);
    await answer(await store.beginEdit(id, q1!.id, 'q1 b'), 'b1');
    const before = await store.getView(id);
    const deleted = await store.deleteConversation(id);
    expect(deleted.messages).toHaveLength(6);
    expect(await store.getAllMessages(id)).toHaveLength(0);
    // What Undo sends back goes through the import validator.
    const [entry] = parseBundle(JSON.stringify(toBundle([deleted], 1)));
    await store.putConversations([entry!]);
    expect(await store.getView(id)).toEqual(before);
    expect(await store.getAllMessages(id)).toHaveLength(6);
  });

  it('history search finds text in a hidden branch', async () => {
    const id = await turns(2);
    const [q1] = await store.getMessages(id);
    await answer(await store.beginEdit(id, q1!.id, 'other'), 'b1');
    const found = await store.listConversations({ query: 'q2' });
    expect(found.items.map((c) => c.id)).toEqual([id]);
  });
});

describe('migration 2 → 3', () => {
  it('links the messages of a version-2 database into one branch each, nothing lost, in order', async () => {
    const v2 = await openDatabase(factory, 'chatgptt', 2);
    const tx = v2.transaction(['conversations', 'messages', 'chunks'], 'readwrite');
    for (const cid of ['c-a', 'c-b']) {
      tx.objectStore('conversations').put({
        id: cid,
        title: `Conversation ${cid}`,
        site: 'https://chatgptt.me/',
        model: 'gpt-4o',
        systemPrompt: 'Be brief.',
        createdAt: 1,
        updatedAt: cid === 'c-a' ? 2 : 3,
      });
      // Out of order on purpose, with gaps in seq, as a version-2 database after edits has them.
      const seqs = [5, 0, 2, 1, 9];
      for (const seq of seqs) {
        tx.objectStore('messages').put({
          id: `${cid}-m${seq}`,
          conversationId: cid,
          role: seq % 2 === 0 ? 'user' : 'assistant',
          text: `${cid} message ${seq}`,
          status: seq === 9 ? 'streaming' : 'done',
          seq,
          createdAt: seq,
          updatedAt: seq,
        });
      }
    }
    // The last answer of c-b was streaming into chunks when the old worker died.
    tx.objectStore('chunks').put({
      messageId: 'c-b-m9',
      offset: 'c-b message 9'.length,
      text: ' and more',
    });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    v2.close();

    const upgraded = new ConversationStore({ factory });
    await upgraded.interruptStreaming();
    for (const cid of ['c-a', 'c-b']) {
      const shown = await upgraded.getMessages(cid);
      expect(shown.map((m) => m.seq)).toEqual([0, 1, 2, 5, 9]);
      expect(shown.map((m) => m.parentId)).toEqual([
        null,
        `${cid}-m0`,
        `${cid}-m1`,
        `${cid}-m2`,
        `${cid}-m5`,
      ]);
      expect((await upgraded.getAllMessages(cid)).length).toBe(5);
    }
    expect((await upgraded.getMessages('c-b')).at(-1)).toMatchObject({
      text: 'c-b message 9 and more',
      status: 'interrupted',
    });
    await upgraded.close();
    const db = await openDatabase(factory);
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(5); // 4 → 5 added the staged-import index (import-session.test.ts)
    db.close();
  });
});

describe('export and import of the tree', () => {
  it('JSON carries every branch and the shown versions; Markdown writes the shown path with a note', async () => {
    const id = await turns(2);
    const [q1] = await store.getMessages(id);
    await answer(await store.beginEdit(id, q1!.id, 'q1 b'), 'b1');
    await store.switchVersion(id, (await store.getMessages(id))[0]!.id, -1);
    const dump = await store.dumpAll();
    const json = JSON.stringify(toBundle(dump, 5));
    expect(JSON.parse(json).version).toBe(2);
    const parsed = parseBundle(json);
    expect(parsed).toEqual(dump);
    const other = new ConversationStore({ factory: new IDBFactory() });
    await other.putConversations(parsed);
    expect(await other.getView(id)).toEqual(await store.getView(id));
    const shown = await store.getMessages(id);
    const md = toMarkdown(dump[0]!.conversation, shown, 2);
    expect(md).toContain('2 more messages in other versions');
    expect(md).toContain('## You\n\nq2');
    expect(md).not.toContain('q1 b');
  });

  it('an old linear export (version 1, no parents) imports as one branch', () => {
    const linear = {
      format: 'chatgptt-export',
      version: 1,
      exportedAt: 1,
      conversations: [
        {
          id: 'old',
          title: 'Old',
          site: 'https://chatgptt.me/',
          model: 'gpt-4o',
          systemPrompt: '',
          createdAt: 1,
          updatedAt: 1,
          messages: [1, 0, 2].map((seq) => ({
            id: `m${seq}`,
            conversationId: 'old',
            role: seq % 2 ? 'assistant' : 'user',
            text: `t${seq}`,
            status: 'done',
            seq,
            createdAt: 1,
            updatedAt: 1,
          })),
        },
      ],
    };
    const [entry] = parseBundle(JSON.stringify(linear));
    expect(entry!.messages.map((m) => [m.id, m.parentId])).toEqual([
      ['m0', null],
      ['m1', 'm0'],
      ['m2', 'm1'],
    ]);
  });

  it('refuses a tree whose parent is missing or later', () => {
    const bundle = (parentOfSecond: string) =>
      JSON.stringify({
        format: 'chatgptt-export',
        version: 2,
        exportedAt: 1,
        conversations: [
          {
            id: 'c',
            title: '',
            site: 'https://chatgptt.me/',
            model: 'gpt-4o',
            systemPrompt: '',
            createdAt: 1,
            updatedAt: 1,
            messages: [
              { id: 'a', parentId: null, seq: 0 },
              { id: 'b', parentId: parentOfSecond, seq: 1 },
              { id: 'c2', parentId: 'a', seq: 2 },
            ].map((m) => ({
              ...m,
              conversationId: 'c',
              role: 'user',
              text: 't',
              status: 'done',
              createdAt: 1,
              updatedAt: 1,
            })),
          },
        ],
      });
    expect(() => parseBundle(bundle('zzz'))).toThrow(/not in the file/);
    expect(() => parseBundle(bundle('c2'))).toThrow(/later message/);
    expect(() => parseBundle(bundle('a'))).not.toThrow();
  });
});

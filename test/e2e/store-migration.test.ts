/**
 * The 2 → 3 store migration in real Chromium IndexedDB (issue 12): a database written with the
 * version-2 schema (linear conversations, an answer left streaming in chunks) is put in place
 * of the worker's, and the worker's next request upgrades it: every message is there, in
 * order, each following the one before it, and the old streaming answer keeps its text. The
 * 3 → 4 step's search index is then built in the background and finds the old words.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../hostile/extension-driver';
import { launchExtension, type ExtensionHarness } from './harness';

interface Shown {
  messages: Array<{ id: string; parentId: string | null; text: string; status: string }>;
  versions: Record<string, unknown>;
}

describe('store migration in the real browser', () => {
  let harness: ExtensionHarness;
  let page: Page;

  beforeAll(async () => {
    harness = await launchExtension();
    page = await harness.openPage('popup/popup.html');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a version-2 database with real data upgrades with nothing lost, in order', async () => {
    // The worker has its database open; deleting it asks the worker to let go first.
    await request(page, 'ping');
    await page.evaluate(async () => {
      const done = (r: IDBRequest | IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          if (r instanceof IDBTransaction) {
            r.oncomplete = () => resolve();
            r.onerror = () => reject(r.error);
          } else {
            r.onsuccess = () => resolve();
            r.onerror = () => reject(r.error);
          }
        });
      await done(indexedDB.deleteDatabase('chatgptt'));
      // The version-2 schema as it shipped (migrations 0 → 1 → 2).
      const open = indexedDB.open('chatgptt', 2);
      open.onupgradeneeded = () => {
        const db = open.result;
        db.createObjectStore('conversations', { keyPath: 'id' }).createIndex(
          'byUpdated',
          'updatedAt',
        );
        const messages = db.createObjectStore('messages', { keyPath: 'id' });
        messages.createIndex('byConversation', ['conversationId', 'seq']);
        messages.createIndex('byStatus', 'status');
        db.createObjectStore('chunks', { keyPath: ['messageId', 'offset'] }).createIndex(
          'byMessage',
          'messageId',
        );
      };
      await done(open);
      const db = open.result;
      const tx = db.transaction(['conversations', 'messages', 'chunks'], 'readwrite');
      for (const [i, cid] of ['old-a', 'old-b'].entries()) {
        tx.objectStore('conversations').put({
          id: cid,
          title: `Old ${cid}`,
          site: 'https://chatgptt.me/',
          model: 'gpt-4o',
          systemPrompt: '',
          createdAt: 1,
          updatedAt: 10 + i,
        });
        // Written out of order, seq with gaps (an old edit cut there).
        for (const seq of [3, 0, 1, 6, 7]) {
          tx.objectStore('messages').put({
            id: `${cid}-${seq}`,
            conversationId: cid,
            role: [0, 6].includes(seq) || seq === 3 ? 'user' : 'assistant',
            text: `${cid} text ${seq}`,
            status: seq === 7 && cid === 'old-b' ? 'streaming' : 'done',
            seq,
            createdAt: seq,
            updatedAt: seq,
          });
        }
      }
      tx.objectStore('chunks').put({
        messageId: 'old-b-7',
        offset: 'old-b text 7'.length,
        text: ' (streamed)',
      });
      await done(tx);
      db.close();
    });

    for (const cid of ['old-a', 'old-b']) {
      const shown = await request<Shown>(page, 'conversations/get', { id: cid });
      expect(shown.messages.map((m) => m.id)).toEqual([0, 1, 3, 6, 7].map((s) => `${cid}-${s}`));
      expect(shown.messages.map((m) => m.parentId)).toEqual([
        null,
        `${cid}-0`,
        `${cid}-1`,
        `${cid}-3`,
        `${cid}-6`,
      ]);
      expect(shown.versions).toEqual({});
    }
    const b = await request<Shown>(page, 'conversations/get', { id: 'old-b' });
    expect(b.messages.at(-1)?.text).toBe('old-b text 7 (streamed)');
    const version = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = indexedDB.open('chatgptt');
          r.onsuccess = () => {
            resolve(r.result.version);
            r.result.close();
          };
        }),
    );
    expect(version).toBe(5);
    // 3 → 4 (issue 18): the search index is built for the old data in the background; a
    // search is right before and after it is done, title hits first.
    const search = async (query: string) =>
      (
        await request<{ items: Array<{ id: string; snippet?: string }> }>(
          page,
          'conversations/list',
          { query },
        )
      ).items;
    expect((await search('old-a text 6')).map((c) => c.id)).toEqual(['old-a']);
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<unknown>((resolve) => {
              const r = indexedDB.open('chatgptt');
              r.onsuccess = () => {
                const get = r.result.transaction('meta').objectStore('meta').get('search');
                get.onsuccess = () => {
                  resolve((get.result as { done?: boolean } | undefined)?.done);
                  r.result.close();
                };
              };
            }),
        ),
      )
      .toBe(true);
    expect((await search('Old old-a')).map((c) => c.id)).toEqual(['old-a']);
    // Both match "text" (in messages); the newer one first; the last word as a prefix.
    expect((await search('tex')).map((c) => c.id)).toEqual(['old-b', 'old-a']);
    expect((await search('old-b')).map((c) => c.id)).toEqual(['old-b']);
    // The popup shows the upgraded conversation (the newest one).
    await page.reload();
    await expect.poll(() => page.locator('.cg-message').count()).toBe(5);
  });
});

/**
 * The history data set of benchmark 6, made inside the browser page (no 60 MiB JSON crosses
 * CDP). `historyRecords` is a pure function evaluated in the page; `writeVersion3` puts its
 * records straight into the extension's IndexedDB as the version-3 schema shipped (before the
 * search index), so the worker's next open runs the 3 → 4 upgrade and its background index
 * build on 10,000 conversations, which is measured too.
 */

export interface HistoryShape {
  conversations: number;
  perConversation: number;
}

export interface HistoryRecords {
  conversations: Array<{
    id: string;
    title: string;
    site: string;
    model: string;
    systemPrompt: string;
    createdAt: number;
    updatedAt: number;
  }>;
  messages: Array<{
    id: string;
    conversationId: string;
    parentId: string | null;
    role: 'user' | 'assistant';
    text: string;
    status: 'done';
    seq: number;
    createdAt: number;
    updatedAt: number;
  }>;
}

/**
 * Deterministic conversations: 40 words a message from a 24-word vocabulary (Latin, Cyrillic,
 * CJK), plus `needleN` naming the conversation, so a rare word hits ~1 conversation (and its
 * prefix a few more) and a common one hits all. Self-contained: it runs in the page.
 */
export function historyRecords(shape: HistoryShape): HistoryRecords {
  const vocabulary =
    'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon привет ёжик 東京 猫'.split(
      ' ',
    );
  const start = Date.UTC(2026, 0, 1);
  const out: HistoryRecords = { conversations: [], messages: [] };
  for (let c = 0; c < shape.conversations; c++) {
    const id = `bench-conv-${c}`;
    const at = start + c * 60_000;
    for (let m = 0; m < shape.perConversation; m++) {
      const words: string[] = [];
      for (let k = 0; k < 40; k++)
        words.push(vocabulary[(c * 7 + m * 3 + k) % vocabulary.length] ?? '');
      out.messages.push({
        id: `${id}-m${m}`,
        conversationId: id,
        parentId: m === 0 ? null : `${id}-m${m - 1}`,
        role: m % 2 === 0 ? 'user' : 'assistant',
        text: `${m % 2 === 0 ? 'Question' : 'Answer'} ${m} of conversation ${c} (needle${c}): ${words.join(' ')}.`,
        status: 'done',
        seq: m,
        createdAt: at + m,
        updatedAt: at + m,
      });
    }
    out.conversations.push({
      id,
      title: `Conversation ${c} about ${vocabulary[c % vocabulary.length] ?? ''}`,
      site: 'https://chatgptt.me/',
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: at,
      updatedAt: at + shape.perConversation,
    });
  }
  return out;
}

/**
 * In an extension page: deletes the extension's database (the worker lets go on
 * versionchange), creates it at version 3 as migrations 0 → 1 → 2 → 3 left it, and writes the
 * records in transactions of 1,000 conversations. Answers records written. Self-contained.
 */
export async function writeVersion3(records: HistoryRecords): Promise<number> {
  const done = (r: IDBRequest | IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      if (r instanceof IDBTransaction) {
        r.oncomplete = () => resolve();
        r.onabort = () => reject(r.error ?? new Error('aborted'));
      } else {
        r.onsuccess = () => resolve();
        r.onerror = () => reject(r.error ?? new Error('failed'));
      }
    });
  await done(indexedDB.deleteDatabase('chatgptt'));
  const open = indexedDB.open('chatgptt', 3);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
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
  const per = Math.max(1, Math.round(records.messages.length / records.conversations.length));
  let written = 0;
  for (let i = 0; i < records.conversations.length; i += 1000) {
    const tx = db.transaction(['conversations', 'messages'], 'readwrite');
    for (const c of records.conversations.slice(i, i + 1000))
      tx.objectStore('conversations').put(c);
    for (const m of records.messages.slice(i * per, (i + 1000) * per))
      tx.objectStore('messages').put(m);
    await done(tx);
    written += Math.min(1000, records.conversations.length - i);
  }
  db.close();
  return written;
}

/** In an extension page: whether the worker's background search index build has finished. */
export function searchIndexDone(): Promise<boolean> {
  return new Promise((resolve) => {
    const r = indexedDB.open('chatgptt');
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('meta')) {
        db.close();
        return resolve(false);
      }
      const get = db.transaction('meta').objectStore('meta').get('search');
      get.onsuccess = () => {
        resolve((get.result as { done?: boolean } | undefined)?.done === true);
        db.close();
      };
      get.onerror = () => {
        db.close();
        resolve(false);
      };
    };
    r.onerror = () => resolve(false);
  });
}

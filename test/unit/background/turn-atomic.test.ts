/**
 * Every conversation operation is all or nothing (issue 12). The store is made to fail at its
 * k-th write of an operation, for every k until the operation gets through, and start-up
 * recovery then runs as after a worker killed at that point: the conversation is either as it
 * was, or the new state with the new answer kept (interrupted, to continue or regenerate). On
 * the runner's old step-by-step sequences a failure between steps lost the old answer (or the
 * turns after an edit) with no new answer in its place. And no operation deletes a message:
 * edit, regenerate and retry / continue of an older answer add a version beside the old one.
 */
import 'fake-indexeddb/auto';
import {
  IDBCursor as FDBCursor,
  IDBFactory,
  IDBObjectStore as FDBObjectStore,
} from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../src/background/store/store';
import type { ChatFn } from '../../../src/background/turns/chat-fn';
import { TurnRunner } from '../../../src/background/turns/runner';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import type { TurnCommand } from '../../../src/shared/messages';
import type { StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';

const SITE = 'https://a.example/';
const REPLY = ['New ', 'answer.'];
const settings: Settings = { ...DEFAULT_SETTINGS, sites: [{ url: SITE }], defaultSite: SITE };

/** Makes the k-th IndexedDB write from now on throw (as if the worker died there). */
function failAtWrite(k: number): () => void {
  let writes = 0;
  const originals = {
    add: FDBObjectStore.prototype.add,
    put: FDBObjectStore.prototype.put,
    delete: FDBObjectStore.prototype.delete,
    cursorDelete: FDBCursor.prototype.delete,
  };
  function counted<A extends unknown[], R>(fn: (this: unknown, ...args: A) => R) {
    return function (this: unknown, ...args: A): R {
      writes += 1;
      if (writes === k) throw new Error(`killed at write ${k}`);
      return fn.apply(this, args);
    };
  }
  FDBObjectStore.prototype.add = counted(originals.add);
  FDBObjectStore.prototype.put = counted(originals.put);
  FDBObjectStore.prototype.delete = counted(originals.delete);
  FDBCursor.prototype.delete = counted(originals.cursorDelete);
  return () => {
    Object.assign(FDBObjectStore.prototype, {
      add: originals.add,
      put: originals.put,
      delete: originals.delete,
    });
    FDBCursor.prototype.delete = originals.cursorDelete;
  };
}

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function runnerOn(store: ConversationStore): TurnRunner {
  const chat: ChatFn = () =>
    (async function* () {
      for (const piece of REPLY) yield piece;
    })();
  return new TurnRunner({
    store,
    chat,
    hub: new WatchHub(),
    getSettings: async () => settings,
    hasSitePermission: async () => true,
    chatOptions: async () => ({ clientId: 'abcdefghij' }),
    writer: { flushMs: 1, flushBytes: 1 },
  });
}

type Row = [StoredMessage['role'], string, StoredMessage['status']];

interface Case {
  name: string;
  /** The conversation before the operation. */
  seed: Row[];
  command: (ids: { conversationId: string; messages: StoredMessage[] }) => TurnCommand;
  /** The shown rows once the operation went through (the last answer complete). */
  after: Row[];
  /** The seed message the operation rewrites in place (retry / continue of the last answer). */
  inPlace?: number;
}

const FOUR: Row[] = [
  ['user', 'q1', 'done'],
  ['assistant', 'a1', 'done'],
  ['user', 'q2', 'done'],
  ['assistant', 'a2', 'done'],
];

const CASES: Case[] = [
  {
    name: 'send',
    seed: FOUR,
    command: ({ conversationId }) => ({ type: 'send', conversationId, text: 'q3' }),
    after: [...FOUR, ['user', 'q3', 'done'], ['assistant', 'New answer.', 'done']],
  },
  {
    name: 'regenerate',
    seed: FOUR,
    command: ({ conversationId }) => ({ type: 'regenerate', conversationId }),
    after: [...FOUR.slice(0, 3), ['assistant', 'New answer.', 'done']],
  },
  {
    name: 'edit',
    seed: FOUR,
    command: ({ conversationId, messages }) => ({
      type: 'edit',
      conversationId,
      messageId: messages[0]?.id ?? '',
      text: 'q1 edited',
    }),
    after: [
      ['user', 'q1 edited', 'done'],
      ['assistant', 'New answer.', 'done'],
    ],
  },
  {
    name: 'retry',
    seed: [...FOUR.slice(0, 3), ['assistant', '', 'error']],
    command: ({ conversationId, messages }) => ({
      type: 'retry',
      conversationId,
      messageId: messages[3]?.id ?? '',
    }),
    after: [...FOUR.slice(0, 3), ['assistant', 'New answer.', 'done']],
    inPlace: 3,
  },
  {
    name: 'continue',
    seed: [...FOUR.slice(0, 3), ['assistant', 'Half ', 'interrupted']],
    command: ({ conversationId, messages }) => ({
      type: 'continue',
      conversationId,
      messageId: messages[3]?.id ?? '',
    }),
    after: [...FOUR.slice(0, 3), ['assistant', 'Half New answer.', 'done']],
    inPlace: 3,
  },
  {
    name: 'retry of an older answer',
    seed: [FOUR[0]!, ['assistant', '', 'error'], ...FOUR.slice(2)],
    command: ({ conversationId, messages }) => ({
      type: 'retry',
      conversationId,
      messageId: messages[1]?.id ?? '',
    }),
    after: [FOUR[0]!, ['assistant', 'New answer.', 'done']],
  },
  {
    name: 'continue of an older answer',
    seed: [FOUR[0]!, ['assistant', 'Half ', 'interrupted'], ...FOUR.slice(2)],
    command: ({ conversationId, messages }) => ({
      type: 'continue',
      conversationId,
      messageId: messages[1]?.id ?? '',
    }),
    after: [FOUR[0]!, ['assistant', 'Half New answer.', 'done']],
  },
];

async function seeded(rows: Row[]) {
  const factory = new IDBFactory();
  const store = new ConversationStore({ factory });
  const conversation = await store.createConversation({
    site: SITE,
    model: 'gpt-4o',
    systemPrompt: '',
  });
  for (const [role, text, status] of rows) {
    const message = await store.addMessage({ conversationId: conversation.id, role, text, status });
    if (status === 'error')
      await store.updateMessage(message.id, { error: { kind: 'network', message: 'down' } });
  }
  return { factory, store, conversationId: conversation.id };
}

function rows(messages: StoredMessage[]): Row[] {
  return messages.map((m) => [m.role, m.text, m.status]);
}

/** The new state as a killed worker leaves it: the new answer may be partial and interrupted. */
function isNewState(got: Row[], after: Row[]): boolean {
  if (got.length !== after.length) return false;
  const last = got.length - 1;
  return got.every((row, i) => {
    const want = after[i];
    if (!want) return false;
    if (i !== last) return row[0] === want[0] && row[1] === want[1] && row[2] === want[2];
    return (
      row[0] === want[0] &&
      want[1].startsWith(row[1]) &&
      (row[2] === 'interrupted' || (row[2] === want[2] && row[1] === want[1]))
    );
  });
}

describe('a conversation operation killed at any write', () => {
  for (const c of CASES) {
    it(`${c.name}: the old state or the new one with its answer, never in between`, async () => {
      const outcomes: string[] = [];
      for (let k = 1; k < 100; k++) {
        const { factory, store, conversationId } = await seeded(c.seed);
        const messages = await store.getMessages(conversationId);
        const command = c.command({ conversationId, messages });
        restore = failAtWrite(k);
        await runnerOn(store).run(command, () => undefined);
        restore();
        restore = undefined;
        // The worker starts again on the same database.
        await store.close();
        const next = new ConversationStore({ factory });
        await next.interruptStreaming();
        const got = rows(await next.getMessages(conversationId));
        // No operation deletes a message: every one of the seed is still stored, all versions.
        const stored = await next.getAllMessages(conversationId);
        for (const [i, message] of messages.entries()) {
          if (i === c.inPlace) continue;
          expect(
            stored.find((m) => m.id === message.id),
            `killed at write ${k}: message ${i} (${message.text}) kept`,
          ).toMatchObject({ text: message.text, status: message.status });
        }
        await next.close();
        const old = JSON.stringify(got) === JSON.stringify(c.seed);
        const done = JSON.stringify(got) === JSON.stringify(c.after);
        expect(
          old || isNewState(got, c.after),
          `killed at write ${k}: ${JSON.stringify(got)}`,
        ).toBe(true);
        outcomes.push(old ? 'old' : done ? 'done' : 'new');
        if (done) break;
      }
      expect(outcomes.at(-1)).toBe('done');
      expect(outcomes).toContain('old');
    });
  }
});

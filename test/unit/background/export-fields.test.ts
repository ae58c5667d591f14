/**
 * Export → import keeps every field of the stored types. The fixtures are typed `Required<…>`,
 * so a field added to Conversation or StoredMessage must be added here (or tsc fails), and the
 * keys are checked against the import's field tables at run time, so a field the import does
 * not read fails this test instead of vanishing from users' backups.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_FIELDS, MESSAGE_FIELDS } from '../../../src/background/store/bundle-fields';
import { ConversationStore } from '../../../src/background/store/store';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { makeHandlers } from './handler-deps';

const NOW = Date.UTC(2026, 0, 2);
const page = { tier: 'extension' } as const;
const SITE = DEFAULT_SETTINGS.sites[0]?.url ?? '';

const conversation: Required<Conversation> = {
  id: 'c-all',
  title: 'Every field',
  site: SITE,
  foreignSite: 'https://elsewhere.example/chat/',
  model: 'gpt-4o',
  bot: { id: 'bot-7', name: 'Helper' },
  systemPrompt: 'Be brief.',
  shown: { '': 'm-1', 'm-1': 'm-2' },
  pinnedAt: NOW - 10,
  pageJob: {
    id: 'job-1',
    title: 'A long page',
    url: 'https://page.example/long',
    prompt: 'Summarize this page.',
    parts: ['part one', 'part two', 'part three'],
    count: 2,
    source: 'video',
  },
  createdAt: NOW - 100,
  updatedAt: NOW - 50,
};

const user: Required<StoredMessage> = {
  id: 'm-1',
  conversationId: 'c-all',
  role: 'user',
  text: 'Part 1 of 2',
  status: 'error',
  error: { kind: 'network', message: 'Offline', detail: 'net::ERR' },
  site: SITE,
  bot: 'Helper',
  fallback: { from: 'https://a.example/', kind: 'server', remembered: true },
  notes: ['The model is busy.'],
  sources: [{ url: 'https://docs.example/x', title: 'X' }],
  context: {
    title: 'A long page',
    url: 'https://page.example/long',
    text: 'part one',
    kind: 'page',
    source: 'video',
  },
  part: { job: 'job-1', index: 1, count: 2 },
  parentId: null,
  seq: 0,
  createdAt: NOW - 90,
  updatedAt: NOW - 80,
};
const answer: StoredMessage = {
  ...user,
  id: 'm-2',
  role: 'assistant',
  text: 'Summary of part one.',
  status: 'done',
  parentId: 'm-1',
  seq: 1,
};

describe('export → import keeps every field', () => {
  it('the fixtures set every field the import reads, and the import reads every field', () => {
    expect(Object.keys(conversation).sort()).toEqual(Object.keys(CONVERSATION_FIELDS).sort());
    expect(Object.keys(user).sort()).toEqual(Object.keys(MESSAGE_FIELDS).sort());
  });

  it('a conversation with every optional field set comes back deep-equal', async () => {
    const store = new ConversationStore({ factory: new IDBFactory(), now: () => NOW });
    const { handlers } = makeHandlers(store, () => NOW);
    await store.putConversations([{ conversation, messages: [user, answer] }]);
    const { content } = await handlers['conversations/export']({ format: 'json' }, page);
    await handlers['conversations/deleteAll']({}, page);
    expect(await store.dumpAll()).toEqual([]);
    await handlers['conversations/import']({ json: content }, page);
    expect(await store.dumpAll()).toEqual([{ conversation, messages: [user, answer] }]);
  });
});

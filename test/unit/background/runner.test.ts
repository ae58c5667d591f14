import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatOptions } from '../../../src/provider/types';
import { ChatError } from '../../../src/provider/errors';
import { ConversationStore } from '../../../src/background/store/store';
import type { ChatFn } from '../../../src/background/turns/chat-fn';
import { TurnRunner, type TurnDeps } from '../../../src/background/turns/runner';
import { FAILING_FOR_MS, SiteHealth } from '../../../src/background/turns/site-health';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import { continuePrompt } from '../../../src/background/turns/history';
import type { TurnCommand, TurnEvent, WatchEvent } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { tIn } from '../../../src/shared/i18n';

const SITE_A = 'https://a.example/';
const SITE_B = 'https://b.example/';

interface Call {
  model: string;
  messages: ChatMessage[];
  options: ChatOptions;
}

/** What the fake site does for one call. */
type Script = (options: ChatOptions) => AsyncGenerator<string, void>;

function pieces(...texts: string[]): Script {
  return async function* () {
    for (const text of texts) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield text;
    }
  };
}

function fails(kind: ChatError['kind'], after: string[] = []): Script {
  return async function* () {
    for (const text of after) yield text;
    throw new ChatError(kind, `${kind} happened`, { detail: 'raw server text' });
  };
}

/** Yields one piece, then waits until aborted (like a slow site), then throws aborted. */
const hangs: Script = async function* (options) {
  yield 'first ';
  await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve()));
  throw new ChatError('aborted', 'aborted');
};

let store: ConversationStore;
let hub: WatchHub;
let calls: Call[];
let scripts: Script[];
let settings: Settings;
let permitted: Set<string>;
let appendChunk: { mock: { calls: Array<[string, number, string]> } };

function runner(extra: Partial<TurnDeps> = {}): TurnRunner {
  const chat: ChatFn = (model, messages, options) => {
    calls.push({ model, messages, options });
    const script = scripts.shift();
    if (!script) throw new Error('no scripted answer left');
    return script(options);
  };
  return new TurnRunner({
    store,
    chat,
    hub,
    getSettings: async () => settings,
    hasSitePermission: async (site) => permitted.has(site),
    chatOptions: async () => ({ clientId: 'abcdefghij' }),
    writer: { flushMs: 5, flushBytes: 8 },
    ...extra,
  });
}

async function run(r: TurnRunner, command: TurnCommand): Promise<TurnEvent[]> {
  const events: TurnEvent[] = [];
  await r.run(command, (event) => events.push(event));
  return events;
}

function accepted(events: TurnEvent[]) {
  const event = events.find((e) => e.type === 'accepted');
  if (!event || event.type !== 'accepted')
    throw new Error('not accepted: ' + JSON.stringify(events));
  return event;
}

function finished(events: TurnEvent[]) {
  const event = events.at(-1);
  if (!event || event.type !== 'finished')
    throw new Error('not finished: ' + JSON.stringify(events));
  return event.message;
}

beforeEach(() => {
  store = new ConversationStore({ factory: new IDBFactory() });
  appendChunk = vi.spyOn(store, 'appendChunk');
  hub = new WatchHub();
  calls = [];
  scripts = [];
  settings = {
    ...DEFAULT_SETTINGS,
    sites: [{ url: SITE_A }, { url: SITE_B }],
    defaultSite: SITE_A,
    systemPrompt: 'Be brief.',
  };
  permitted = new Set([SITE_A, SITE_B]);
});

describe('send', () => {
  it('saves the question, streams deltas with offsets, stores the answer', async () => {
    scripts.push(pieces('Hello', ', ', 'world', '!'));
    const events = await run(runner(), {
      type: 'send',
      conversationId: null,
      text: 'Say hello',
      context: { title: 'Page', url: 'https://p.example/', text: 'quoted', kind: 'selection' },
    });
    const { conversation, userMessage, assistantMessage } = accepted(events);
    expect(conversation).toMatchObject({
      site: SITE_A,
      title: 'Say hello',
      systemPrompt: 'Be brief.',
    });
    expect(userMessage).toMatchObject({ role: 'user', text: 'Say hello', status: 'done' });
    expect(assistantMessage).toMatchObject({ role: 'assistant', text: '', status: 'streaming' });
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.map((d) => [d.offset, d.text])).toEqual([
      [0, 'Hello'],
      [5, ', '],
      [7, 'world'],
      [12, '!'],
    ]);
    expect(finished(events)).toMatchObject({ status: 'done', text: 'Hello, world!', site: SITE_A });
    const stored = await store.getMessages(conversation.id);
    expect(stored.map((m) => [m.role, m.text, m.status])).toEqual([
      ['user', 'Say hello', 'done'],
      ['assistant', 'Hello, world!', 'done'],
    ]);
    // The site got the system prompt and the question with its context.
    expect(calls[0]?.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(calls[0]?.messages[1]?.content).toContain('Say hello');
    expect(calls[0]?.messages[1]?.content).toContain('quoted');
    expect(calls[0]?.options).toMatchObject({ site: SITE_A, clientId: 'abcdefghij' });
  });

  it('writes deltas in batches whose size follows the delta, not the answer', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `p${i} `);
    scripts.push(pieces(...many));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'go' });
    const answer = finished(events);
    expect(answer.text).toBe(many.join(''));
    const written = appendChunk.mock.calls.map((call) => call[2]);
    expect(written.join('')).toBe(many.join(''));
    // Batches: fewer writes than pieces, and none carries the whole text so far.
    expect(written.length).toBeLessThan(many.length);
    expect(Math.max(...written.map((w) => w.length))).toBeLessThan(answer.text.length / 4);
  });

  it('adds to an existing conversation with its history', async () => {
    scripts.push(pieces('one'), pieces('two'));
    const r = runner();
    const first = accepted(await run(r, { type: 'send', conversationId: null, text: 'Q1' }));
    await run(r, { type: 'send', conversationId: first.conversation.id, text: 'Q2' });
    expect(calls[1]?.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Q1'],
      ['assistant', 'one'],
      ['user', 'Q2'],
    ]);
  });

  it('refuses an unknown conversation before saving anything', async () => {
    const events = await run(runner(), { type: 'send', conversationId: 'missing', text: 'hi' });
    expect(events).toEqual([
      { type: 'rejected', error: expect.objectContaining({ kind: 'protocol' }) },
    ]);
    expect((await store.listConversations()).total).toBe(0);
  });

  it('publishes the same events to the conversation watchers', async () => {
    scripts.push(pieces('a'), pieces('b', 'c'));
    const r = runner();
    const first = accepted(await run(r, { type: 'send', conversationId: null, text: 'Q1' }));
    const seen: WatchEvent[] = [];
    hub.add(first.conversation.id, (event) => seen.push(event));
    const events = await run(r, {
      type: 'send',
      conversationId: first.conversation.id,
      text: 'Q2',
    });
    expect(seen).toEqual(events);
  });

  it('keeps going when the view that started it is gone', async () => {
    scripts.push(pieces('still ', 'here'));
    let calls = 0;
    const r = runner();
    let id = '';
    await r.run({ type: 'send', conversationId: null, text: 'q' }, (event) => {
      if (event.type === 'accepted') id = event.conversation.id;
      calls += 1;
      if (calls > 1) throw new Error('port closed');
    });
    expect((await store.getMessages(id))[1]).toMatchObject({ text: 'still here', status: 'done' });
  });
});

describe('stop and errors', () => {
  it('stop aborts the request and keeps the partial answer as interrupted', async () => {
    scripts.push(hangs);
    const r = runner();
    const events: TurnEvent[] = [];
    const done = r.run({ type: 'send', conversationId: null, text: 'q' }, (e) => {
      events.push(e);
      if (e.type === 'delta') expect(r.stop(e.conversationId)).toBe(true);
    });
    await done;
    expect(calls[0]?.options.signal?.aborted).toBe(true);
    expect(finished(events)).toMatchObject({
      status: 'interrupted',
      text: 'first ',
      error: { kind: 'aborted' },
    });
    expect(r.stop(accepted(events).conversation.id)).toBe(false);
  });

  it('stores a typed error with the partial text and the raw detail', async () => {
    settings.fallback = false;
    scripts.push(fails('upstream', ['partial']));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    const message = finished(events);
    expect(message).toMatchObject({
      status: 'error',
      text: 'partial',
      error: { kind: 'upstream', message: 'upstream happened', detail: 'raw server text' },
    });
    expect((await store.getMessage(message.id))?.error?.kind).toBe('upstream');
  });

  it('a network failure or a cut stream while the browser is offline is stored as offline, text kept', async () => {
    // Node 20 has no navigator: the worker's one is stood in for.
    vi.stubGlobal('navigator', { onLine: false, language: 'en-US' });
    try {
      scripts.push(fails('network'), fails('cut', ['partial']));
      const before = finished(
        await run(runner(), { type: 'send', conversationId: null, text: 'q' }),
      );
      expect(before).toMatchObject({
        status: 'error',
        error: { kind: 'offline', detail: 'network happened' },
      });
      // No other site is tried: it would fail the same way, and the question waits for the network.
      expect(calls).toHaveLength(1);
      const mid = finished(await run(runner(), { type: 'send', conversationId: null, text: 'q2' }));
      expect(mid).toMatchObject({ status: 'error', text: 'partial', error: { kind: 'offline' } });
      expect((await store.getMessage(mid.id))?.error?.kind).toBe('offline');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("the runner's own words are in the settings' language (the offline notice in Russian)", async () => {
    vi.stubGlobal('navigator', { onLine: false, language: 'en-US' });
    try {
      settings = { ...settings, language: 'ru' };
      scripts.push(fails('network'));
      const message = finished(
        await run(runner(), { type: 'send', conversationId: null, text: 'q' }),
      );
      expect(message.error?.message).toBe(tIn('ru', 'background_error_offline'));
      expect(message.error?.message).not.toBe(tIn('en', 'background_error_offline'));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('the same failure while online keeps its own kind', async () => {
    settings.fallback = false;
    scripts.push(fails('network'));
    const message = finished(
      await run(runner(), { type: 'send', conversationId: null, text: 'q' }),
    );
    expect(message.error?.kind).toBe('network');
  });

  it('refuses a second turn in a conversation while one runs', async () => {
    scripts.push(hangs);
    const r = runner();
    let id = '';
    const first = r.run({ type: 'send', conversationId: null, text: 'q' }, (e) => {
      if (e.type === 'accepted') id = e.conversation.id;
    });
    await vi.waitFor(() => expect(r.isRunning(id)).toBe(true));
    const second = await run(r, { type: 'send', conversationId: id, text: 'again' });
    expect(second[0]).toMatchObject({ type: 'rejected' });
    r.stop(id);
    await first;
  });
});

describe('notes and sources', () => {
  it("stores the site's notes and sources with the answer, not in its text", async () => {
    scripts.push(async function* (options) {
      options.onProgress?.({ type: 'note', text: 'Search failed.' });
      yield 'Answer';
      options.onProgress?.({
        type: 'sources',
        sources: [{ url: 'https://s.example/', title: 'S' }],
      });
    });
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    const message = finished(events);
    expect(message).toMatchObject({
      text: 'Answer',
      notes: ['Search failed.'],
      sources: [{ url: 'https://s.example/', title: 'S' }],
    });
    expect((await store.getMessage(message.id))?.sources).toHaveLength(1);
  });
});

describe('fallback sites', () => {
  it('asks the next site when the default fails on its side', async () => {
    scripts.push(fails('challenge'), pieces('from B'));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls.map((c) => c.options.site)).toEqual([SITE_A, SITE_B]);
    expect(finished(events)).toMatchObject({ status: 'done', text: 'from B', site: SITE_B });
  });

  it('falls back when the default site is unreachable or sends nothing, and labels why', async () => {
    scripts.push(fails('network'), pieces('from B'));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls.map((c) => c.options.site)).toEqual([SITE_A, SITE_B]);
    expect(finished(events)).toMatchObject({
      status: 'done',
      text: 'from B',
      site: SITE_B,
      fallback: { from: SITE_A, kind: 'network' },
    });
    scripts.push(fails('timeout'), pieces('B again'));
    const again = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(finished(again)).toMatchObject({
      site: SITE_B,
      fallback: { from: SITE_A, kind: 'timeout' },
    });
  });

  it('an idle timeout after some text is a cut answer, never another site', async () => {
    scripts.push(fails('timeout', ['half of it']));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls).toHaveLength(1);
    expect(finished(events)).toMatchObject({
      status: 'error',
      text: 'half of it',
      site: SITE_A,
      error: { kind: 'timeout' },
    });
    expect(finished(events).fallback).toBeUndefined();
  });

  it('remembers a failing site for a few minutes: the next message goes straight to one that works', async () => {
    let now = 1_000_000;
    const health = new SiteHealth(() => now);
    const r = runner({ health });
    scripts.push(fails('network'), pieces('B1'));
    await run(r, { type: 'send', conversationId: null, text: 'q1' });
    scripts.push(pieces('B2'));
    const second = await run(r, { type: 'send', conversationId: null, text: 'q2' });
    expect(calls.map((c) => c.options.site)).toEqual([SITE_A, SITE_B, SITE_B]);
    expect(finished(second)).toMatchObject({
      site: SITE_B,
      fallback: { from: SITE_A, kind: 'network', remembered: true },
    });
    // Time runs out: the default site is asked first again, and answers.
    now += FAILING_FOR_MS + 1;
    scripts.push(pieces('A3'));
    const third = await run(r, { type: 'send', conversationId: null, text: 'q3' });
    expect(calls.at(-1)?.options.site).toBe(SITE_A);
    expect(finished(third).fallback).toBeUndefined();
  });

  it('a remembered failing site is still asked when every other site fails too', async () => {
    const r = runner();
    scripts.push(fails('network'), fails('server'));
    await run(r, { type: 'send', conversationId: null, text: 'q1' });
    // Both are failing now: they are asked anyway, in the configured order.
    scripts.push(fails('network'), pieces('B answers'));
    const events = await run(r, { type: 'send', conversationId: null, text: 'q2' });
    expect(calls.slice(2).map((c) => c.options.site)).toEqual([SITE_A, SITE_B]);
    expect(finished(events)).toMatchObject({ text: 'B answers', site: SITE_B });
  });

  it('does not fall back when fallback is off, nor on a kind that is not the site failing', async () => {
    scripts.push(fails('banned'));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(finished(events)).toMatchObject({ status: 'error', error: { kind: 'banned' } });
    settings.fallback = false;
    scripts.push(fails('network'));
    const again = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(finished(again)).toMatchObject({
      status: 'error',
      error: { kind: 'network' },
      site: SITE_A,
    });
    expect(calls).toHaveLength(2);
  });

  it('does not mix sites once the first one has said something', async () => {
    scripts.push(fails('server', ['half']));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls).toHaveLength(1);
    expect(finished(events)).toMatchObject({ status: 'error', text: 'half' });
  });

  it('a site without host permission fails with "permission" before any fetch', async () => {
    permitted.delete(SITE_A);
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls).toHaveLength(0);
    expect(finished(events)).toMatchObject({ status: 'error', error: { kind: 'permission' } });
  });

  it('skips a fallback site without permission', async () => {
    permitted.delete(SITE_B);
    settings.sites.push({ url: 'https://c.example/' });
    permitted.add('https://c.example/');
    scripts.push(fails('nonce'), pieces('from C'));
    const events = await run(runner(), { type: 'send', conversationId: null, text: 'q' });
    expect(calls.map((c) => c.options.site)).toEqual([SITE_A, 'https://c.example/']);
    expect(finished(events).site).toBe('https://c.example/');
  });
});

describe('regenerate, edit, retry, continue', () => {
  async function twoTurns(r: TurnRunner) {
    scripts.push(pieces('A1'), pieces('A2'));
    const first = accepted(await run(r, { type: 'send', conversationId: null, text: 'Q1' }));
    await run(r, { type: 'send', conversationId: first.conversation.id, text: 'Q2' });
    return first.conversation.id;
  }

  it('regenerate replaces the last answer', async () => {
    const r = runner();
    const id = await twoTurns(r);
    const seen: WatchEvent[] = [];
    hub.add(id, (e) => seen.push(e));
    scripts.push(pieces('A2 again'));
    const events = await run(r, { type: 'regenerate', conversationId: id });
    expect(accepted(events).userMessage?.text).toBe('Q2');
    expect((await store.getMessages(id)).map((m) => m.text)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A2 again',
    ]);
    expect(calls[2]?.messages.at(-1)).toEqual({ role: 'user', content: 'Q2' });
    expect(seen[0]).toEqual({ type: 'changed', conversationId: id, reason: 'edited' });
  });

  it('edit changes a question, cuts after it and answers it', async () => {
    const r = runner();
    const id = await twoTurns(r);
    const q1 = (await store.getMessages(id))[0]!;
    scripts.push(pieces('new A1'));
    await run(r, { type: 'edit', conversationId: id, messageId: q1.id, text: 'Q1 edited' });
    expect((await store.getMessages(id)).map((m) => m.text)).toEqual(['Q1 edited', 'new A1']);
    expect(calls[2]?.messages.map((m) => m.content)).toEqual(['Be brief.', 'Q1 edited']);
  });

  it('edit refuses an answer as target', async () => {
    const r = runner();
    const id = await twoTurns(r);
    const a1 = (await store.getMessages(id))[1]!;
    const events = await run(r, { type: 'edit', conversationId: id, messageId: a1.id, text: 'x' });
    expect(events[0]).toMatchObject({ type: 'rejected' });
  });

  it('retry answers an errored message again in place; the question is kept', async () => {
    settings.fallback = false;
    scripts.push(fails('server'));
    const r = runner();
    const first = await run(r, { type: 'send', conversationId: null, text: 'Q' });
    const failed = finished(first);
    expect(failed.status).toBe('error');
    scripts.push(pieces('fixed'));
    const events = await run(r, {
      type: 'retry',
      conversationId: failed.conversationId,
      messageId: failed.id,
    });
    expect(accepted(events).assistantMessage).toMatchObject({ id: failed.id, text: '' });
    expect(finished(events)).toMatchObject({ id: failed.id, status: 'done', text: 'fixed' });
    expect(finished(events).error).toBeUndefined();
    expect((await store.getMessages(failed.conversationId)).map((m) => m.text)).toEqual([
      'Q',
      'fixed',
    ]);
  });

  it('retry refuses a finished answer', async () => {
    const r = runner();
    const id = await twoTurns(r);
    const a2 = (await store.getMessages(id))[3]!;
    const events = await run(r, { type: 'retry', conversationId: id, messageId: a2.id });
    expect(events[0]).toMatchObject({ type: 'rejected' });
  });

  it('continue asks the site to go on and appends to the same answer', async () => {
    scripts.push(hangs);
    const r = runner();
    const events: TurnEvent[] = [];
    await r.run({ type: 'send', conversationId: null, text: 'Q' }, (e) => {
      events.push(e);
      if (e.type === 'delta') r.stop(e.conversationId);
    });
    const cut = finished(events);
    expect(cut).toMatchObject({ status: 'interrupted', text: 'first ' });
    scripts.push(pieces('and second.'));
    const more = await run(r, {
      type: 'continue',
      conversationId: cut.conversationId,
      messageId: cut.id,
    });
    expect(more.filter((e) => e.type === 'delta')).toMatchObject([
      { offset: 6, text: 'and second.' },
    ]);
    expect(finished(more)).toMatchObject({ id: cut.id, status: 'done', text: 'first and second.' });
    expect(calls[1]?.messages.slice(-2)).toEqual([
      { role: 'assistant', content: 'first ' },
      { role: 'user', content: continuePrompt('first ') },
    ]);
    // The request quotes where the answer stopped (a G5 site never saw the cut turn).
    expect(calls[1]?.messages.at(-1)?.content).toContain('\nfirst \n');
  });

  it('continue after a cut keeps the partial text, appends, and quotes only its tail', async () => {
    const long = `${'x'.repeat(1000)} the end of part one`;
    scripts.push(fails('cut', [long]));
    const r = runner();
    const first = await run(r, { type: 'send', conversationId: null, text: 'Q' });
    const cut = finished(first);
    expect(cut).toMatchObject({ status: 'error', text: long, error: { kind: 'cut' } });
    scripts.push(pieces(' and part two.'));
    const more = await run(r, {
      type: 'continue',
      conversationId: cut.conversationId,
      messageId: cut.id,
    });
    expect(finished(more)).toMatchObject({
      id: cut.id,
      status: 'done',
      text: `${long} and part two.`,
    });
    expect(finished(more).error).toBeUndefined();
    const asked = calls[1]?.messages.at(-1)?.content ?? '';
    expect(asked).toContain('the end of part one');
    expect(asked.length).toBeLessThan(600);
    expect((await store.getMessages(cut.conversationId)).map((m) => m.status)).toEqual([
      'done',
      'done',
    ]);
  });

  it('a continue that fails keeps the text it had', async () => {
    scripts.push(fails('cut', ['part one']));
    const r = runner();
    const cut = finished(await run(r, { type: 'send', conversationId: null, text: 'Q' }));
    scripts.push(fails('network'));
    const again = finished(
      await run(r, { type: 'continue', conversationId: cut.conversationId, messageId: cut.id }),
    );
    expect(again).toMatchObject({ status: 'error', text: 'part one', error: { kind: 'network' } });
  });
});

describe('bots (issue 16 item 1)', () => {
  const BOTS = {
    site: SITE_A,
    modelChoice: false,
    // As the worker's directory maps them (botForModel): no GPT-4o bot, so the default.
    byModel: { 'gpt-4o-mini': '12', 'gpt-4o': '11', 'gpt-4': '11' },
    bots: [
      { id: '11', name: 'GPT-5 nano', kind: 'aipkit' as const, isDefault: true },
      { id: '12', name: 'GPT-4o mini', kind: 'aipkit' as const, isDefault: false },
      { id: '13', name: 'Gemini', kind: 'aipkit' as const, isDefault: false },
    ],
  };
  const knownBots = (site: string) => (site === SITE_A ? BOTS : undefined);

  it('asks the chosen bot and names it on the answer; the conversation keeps it', async () => {
    scripts.push(pieces('hi'), pieces('again'));
    const r = runner({ knownBots });
    const bot = { id: '13', name: 'Gemini' };
    const events = await run(r, { type: 'send', conversationId: null, text: 'q', bot });
    expect(calls[0]?.options.bot).toBe('13');
    expect(finished(events)).toMatchObject({ status: 'done', bot: 'Gemini' });
    const { conversation } = accepted(events);
    expect(conversation.bot).toEqual(bot);
    const next = await run(r, { type: 'send', conversationId: conversation.id, text: 'q2' });
    expect(calls[1]?.options.bot).toBe('13');
    expect(finished(next).bot).toBe('Gemini');
  });

  it('with no choice, the model name picks the bot of that name, else the default bot', async () => {
    scripts.push(pieces('a'), pieces('b'));
    const r = runner({ knownBots });
    const mini = await run(r, {
      type: 'send',
      conversationId: null,
      text: 'q',
      model: 'gpt-4o-mini',
    });
    expect(calls[0]?.options.bot).toBe('12');
    expect(finished(mini).bot).toBe('GPT-4o mini');
    const plain = await run(r, { type: 'send', conversationId: null, text: 'q', model: 'gpt-4o' });
    // The default bot: asked as the site's default, with no id.
    expect(calls[1]?.options.bot).toBeUndefined();
    expect(finished(plain).bot).toBe('GPT-5 nano');
  });

  it("a fallback site is not sent the first site's bot id", async () => {
    scripts.push(fails('network'), pieces('from B'));
    const bot = { id: '13', name: 'Gemini' };
    const events = await run(runner({ knownBots }), {
      type: 'send',
      conversationId: null,
      text: 'q',
      bot,
    });
    expect(calls.map((c) => c.options.bot)).toEqual(['13', undefined]);
    expect(finished(events)).toMatchObject({ site: SITE_B, status: 'done' });
    expect(finished(events).bot).toBeUndefined();
  });

  it('a single-bot site is asked its bot without a label on every answer', async () => {
    scripts.push(pieces('a'));
    const single = { ...BOTS, bots: [BOTS.bots[0]!], byModel: {} };
    const events = await run(runner({ knownBots: () => single }), {
      type: 'send',
      conversationId: null,
      text: 'q',
    });
    expect(calls[0]?.options.bot).toBeUndefined();
    expect(finished(events).bot).toBeUndefined();
  });
});

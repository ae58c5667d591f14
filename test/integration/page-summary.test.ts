/**
 * "Summarize this page" on a page longer than one message, through the worker's turn runner and
 * the real provider against the test site over HTTP: one request per part and one for the final
 * summary (two per turn on G5), the final answer carries every part's ECHO, Stop halts the parts,
 * and Continue (or a new worker on the same store) goes on from the last part.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatGptt, memoryTokenCache } from '../../src/provider';
import { ConversationStore } from '../../src/background/store/store';
import { TurnRunner } from '../../src/background/turns/runner';
import { WatchHub } from '../../src/background/turns/watch-hub';
import type { TurnCommand, TurnEvent } from '../../src/shared/messages';
import type { StoredMessage } from '../../src/shared/model';
import { partBudget, splitIntoParts } from '../../src/shared/page-parts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { startSite, type TestSite } from '../site/server';

// settings.ts imports the extension API seam; these tests never touch it.
vi.mock('../../src/shared/browser', () => ({ default: {}, browser: {} }));

const LIMIT = 2_000;
/** A page of 5 parts at LIMIT: paragraphs with numbered sentences, so each part is recognisable. */
const PAGE = Array.from(
  { length: 40 },
  (_, p) =>
    `Paragraph ${p + 1}. ` +
    Array.from({ length: 4 }, (_, s) => `Sentence ${p + 1}.${s + 1} of the long article.`).join(
      ' ',
    ),
).join('\n\n');

function setup(site: TestSite, store: ConversationStore) {
  const url = site.pages.shortcode;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    sites: [{ url }],
    defaultSite: url,
    systemPrompt: '',
  };
  const tokenCache = memoryTokenCache();
  return new TurnRunner({
    store,
    hub: new WatchHub(),
    chat: (model, messages, options) => ChatGptt.createAsyncGenerator(model, messages, options),
    getSettings: async () => settings,
    hasSitePermission: async () => true,
    chatOptions: async () => ({ clientId: 'pagesum001', tokenCache }),
    messageLimit: LIMIT,
  });
}

async function run(runner: TurnRunner, command: TurnCommand, onEvent?: (e: TurnEvent) => void) {
  const events: TurnEvent[] = [];
  await runner.run(command, (event) => {
    events.push(event);
    onEvent?.(event);
  });
  return events;
}

const summarize = (
  conversationId: string | null = null,
): Extract<TurnCommand, { type: 'summarize' }> => ({
  type: 'summarize',
  conversationId,
  prompt: 'Summarize this page.',
  context: { title: 'A long article', url: 'https://news.example/long', text: PAGE, kind: 'page' },
});

const firstLine = (text: string): string => text.slice(0, text.indexOf('\n'));

describe.each(['G4', 'G5'] as const)('a long page on %s', (generation) => {
  let site: TestSite;
  let store: ConversationStore;
  const parts = splitIntoParts(PAGE, partBudget(LIMIT));
  const perTurn = generation === 'G5' ? 2 : 1;
  const chatRequests = () => site.log.filter((e) => e.path === '/wp-admin/admin-ajax.php').length;

  beforeAll(async () => {
    site = await startSite({ generation });
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(() => {
    store = new ConversationStore({ factory: new IDBFactory() });
    site.configure({ faults: { chunkDelayMs: 0 } });
    site.clearLog();
  });

  it('is summarized part by part, then once from the parts; the final answer has every part', async () => {
    expect(parts.length).toBe(5);
    const events = await run(setup(site, store), summarize());
    const accepted = events.filter((e) => e.type === 'accepted');
    expect(accepted).toHaveLength(parts.length + 1);
    expect(chatRequests()).toBe((parts.length + 1) * perTurn);

    const id = accepted[0]!.type === 'accepted' ? accepted[0]!.conversation.id : '';
    const view = await store.getView(id);
    const answers = view!.messages.filter((m) => m.role === 'assistant');
    expect(answers.map((m) => [m.part?.index, m.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'done'],
      [4, 'done'],
      [5, 'done'],
      [0, 'done'],
    ]);
    const final = answers.at(-1)!;
    for (const [i, answer] of answers.slice(0, -1).entries()) {
      expect(answer.text).toContain(`Summarize part ${i + 1} of 5 of this page.`);
      // Each part's message carried its own text: its first and last sentence.
      expect(answer.text).toContain(parts[i]!.slice(0, 30));
      expect(final.text).toContain(firstLine(answer.text));
    }
    expect(view!.conversation.title).toBe('A long article');
  });

  it('a long video says video in each part and in the final request, and its job keeps it', async () => {
    const events = await run(setup(site, store), {
      ...summarize(),
      prompt: 'Summarize this video.',
      context: { ...summarize().context, source: 'video' },
    });
    const accepted = events.filter((e) => e.type === 'accepted');
    expect(accepted).toHaveLength(parts.length + 1);
    const id = accepted[0]!.type === 'accepted' ? accepted[0]!.conversation.id : '';
    const view = await store.getView(id);
    const answers = view!.messages.filter((m) => m.role === 'assistant');
    for (const [i, answer] of answers.slice(0, -1).entries())
      expect(answer.text).toContain(`Summarize part ${i + 1} of 5 of this video's transcript.`);
    expect(answers.at(-1)!.text).toContain(
      "Summarize this video. The video's transcript was too long for one message",
    );
    expect(answers.map((m) => m.text).join('\n')).not.toContain('this page');
    // Kept on the conversation's job, so Continue after a restarted worker says video too.
    expect(view!.conversation.pageJob?.source).toBe('video');
  });

  it('a page that fits goes in one message, and a follow-up keeps it as context', async () => {
    const runner = setup(site, store);
    const events = await run(runner, {
      ...summarize(),
      context: { title: 'Short', url: 'https://s.example/', text: 'A short page.', kind: 'page' },
    });
    expect(events.filter((e) => e.type === 'accepted')).toHaveLength(1);
    expect(chatRequests()).toBe(perTurn);
    const id = events[0]!.type === 'accepted' ? events[0]!.conversation.id : '';
    const follow = await run(runner, { type: 'send', conversationId: id, text: 'And the title?' });
    const answer =
      follow.at(-1)!.type === 'finished'
        ? (follow.at(-1) as { message: StoredMessage }).message
        : null;
    // system-less: the page turn (question + answer) and the follow-up reached the model.
    expect(answer?.text).toMatch(/^ECHO\[n=(3|4)\]: And the title\?/);
  });

  it('Stop halts all parts; Continue on the stopped part goes on to the end', async () => {
    site.configure({ faults: { chunkDelayMs: 5 } });
    const runner = setup(site, store);
    let id = '';
    let stopped = false;
    await run(runner, summarize(), (event) => {
      if (event.type === 'accepted') id = event.conversation.id;
      // Stop while part 2 streams.
      if (!stopped && event.type === 'delta' && event.offset > 0) {
        void store.getView(id).then((v) => {
          if (v?.messages.at(-1)?.part?.index === 2 && !stopped) stopped = runner.stop(id);
        });
      }
    });
    let view = (await store.getView(id))!;
    const last = view.messages.at(-1)!;
    expect(last).toMatchObject({ role: 'assistant', status: 'interrupted', part: { index: 2 } });
    expect(view.messages.filter((m) => m.role === 'assistant')).toHaveLength(2);

    site.configure({ faults: { chunkDelayMs: 0 } });
    await run(runner, { type: 'continue', conversationId: id, messageId: last.id });
    view = (await store.getView(id))!;
    expect(view.messages.filter((m) => m.role === 'assistant').map((m) => m.part?.index)).toEqual([
      1, 2, 3, 4, 5, 0,
    ]);
    expect(view.messages.at(-1)!.status).toBe('done');
  });

  it('a new worker on the same store resumes a summary that stopped between parts', async () => {
    let id = '';
    const first = setup(site, store);
    await run(first, summarize(), (event) => {
      if (event.type === 'accepted') id = event.conversation.id;
      // The worker "dies" right after part 1: stop before part 2 says anything.
      if (event.type === 'finished' && event.message.part?.index === 1) first.stop(id);
    });
    const before = (await store.getView(id))!.messages.filter((m) => m.role === 'assistant');
    // Part 2 was begun and stopped at once (or never begun): nothing after it.
    expect(before.length).toBeLessThanOrEqual(2);
    const stoppedPart = before.find((m) => m.status !== 'done');
    const fresh = setup(site, store);
    if (stoppedPart)
      await run(fresh, { type: 'retry', conversationId: id, messageId: stoppedPart.id });
    else await run(fresh, { type: 'resume-summary', conversationId: id });
    const after = (await store.getView(id))!.messages.filter((m) => m.role === 'assistant');
    expect(after.map((m) => [m.part?.index, m.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'done'],
      [4, 'done'],
      [5, 'done'],
      [0, 'done'],
    ]);
  });

  it('summarizes only the parts chosen', async () => {
    const events = await run(setup(site, store), { ...summarize(), parts: 2 });
    expect(events.filter((e) => e.type === 'accepted')).toHaveLength(3);
    expect(chatRequests()).toBe(3 * perTurn);
  });
});

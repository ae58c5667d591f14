/** The model is sent exactly the shown path (issue 12): never a word of a hidden branch. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/provider/types';
import { ConversationStore } from '../../../src/background/store/store';
import { TurnRunner } from '../../../src/background/turns/runner';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import type { TurnCommand, TurnEvent } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const SITE = 'https://a.example/';

it('edit, switch back, regenerate, follow up: each request carries the path on screen', async () => {
  const store = new ConversationStore({ factory: new IDBFactory() });
  const sent: ChatMessage[][] = [];
  let n = 0;
  const runner = new TurnRunner({
    store,
    hub: new WatchHub(),
    chat: (_model, messages) => {
      sent.push(messages);
      const reply = `r${++n}`;
      return (async function* () {
        yield reply;
      })();
    },
    getSettings: async () => ({
      ...DEFAULT_SETTINGS,
      sites: [{ url: SITE }],
      defaultSite: SITE,
      systemPrompt: '',
    }),
    hasSitePermission: async () => true,
    chatOptions: async () => ({ clientId: 'abcdefghij' }),
  });
  const run = async (command: TurnCommand): Promise<TurnEvent[]> => {
    const events: TurnEvent[] = [];
    await runner.run(command, (e) => events.push(e));
    return events;
  };
  const first = await run({ type: 'send', conversationId: null, text: 'q1' });
  const accepted = first[0];
  if (accepted?.type !== 'accepted') throw new Error('not accepted');
  const id = accepted.conversation.id;
  await run({ type: 'send', conversationId: id, text: 'q2' });
  const contents = (i: number) => sent[i]?.map((m) => `${m.role}:${m.content}`);
  expect(contents(1)).toEqual(['user:q1', 'assistant:r1', 'user:q2']);

  const q1 = (await store.getMessages(id))[0]!;
  await run({ type: 'edit', conversationId: id, messageId: q1.id, text: 'q1 edited' });
  expect(contents(2)).toEqual(['user:q1 edited']);
  await run({ type: 'send', conversationId: id, text: 'q2 on branch 2' });
  expect(contents(3)).toEqual(['user:q1 edited', 'assistant:r3', 'user:q2 on branch 2']);

  const edited = (await store.getMessages(id))[0]!;
  await store.switchVersion(id, edited.id, -1);
  await run({ type: 'regenerate', conversationId: id });
  expect(contents(4)).toEqual(['user:q1', 'assistant:r1', 'user:q2']);
  await run({ type: 'send', conversationId: id, text: 'q3' });
  expect(contents(5)).toEqual(['user:q1', 'assistant:r1', 'user:q2', 'assistant:r5', 'user:q3']);

  // Back to the first answer to q2: the follow-up goes from there, r5 and q3 are not sent.
  const shown = await store.getMessages(id);
  await store.switchVersion(id, shown[3]!.id, -1);
  await run({ type: 'send', conversationId: id, text: 'q3 again' });
  expect(contents(6)).toEqual([
    'user:q1',
    'assistant:r1',
    'user:q2',
    'assistant:r2',
    'user:q3 again',
  ]);
  expect(await store.getAllMessages(id)).toHaveLength(13);
});

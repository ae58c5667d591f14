/**
 * One GET of the site's page per page load (review of issue 19): the worker's bot list (the
 * picker's `site/bots`) and a turn's token discovery read the same page, so whichever reads it
 * first serves the other. Real provider, the worker's SiteBotDirectory and TurnRunner, the test
 * site over HTTP, its request log counted.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatGptt, fetchBotChoice, memoryTokenCache } from '../../src/provider';
import { SiteBotDirectory } from '../../src/background/site-bots';
import { ConversationStore } from '../../src/background/store/store';
import { TurnRunner } from '../../src/background/turns/runner';
import { WatchHub } from '../../src/background/turns/watch-hub';
import type { TurnEvent } from '../../src/shared/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { startSite, type TestSite } from '../site/server';

// settings.ts imports the extension API seam; these tests never touch it.
vi.mock('../../src/shared/browser', () => ({ default: {}, browser: {} }));

/** The worker's wiring (worker.ts): one token cache for the bot list and the turns. */
function worker(url: string) {
  const tokenCache = memoryTokenCache();
  const clientId = 'sitebots01';
  const bots = new SiteBotDirectory({
    read: (site) => fetchBotChoice({ site, clientId, tokenCache }),
  });
  const settings: Settings = { ...DEFAULT_SETTINGS, sites: [{ url }], defaultSite: url };
  const runner = new TurnRunner({
    store: new ConversationStore({ factory: new IDBFactory() }),
    hub: new WatchHub(),
    chat: (model, messages, options) => ChatGptt.createAsyncGenerator(model, messages, options),
    getSettings: async () => settings,
    hasSitePermission: async () => true,
    chatOptions: async () => ({ clientId, tokenCache }),
    knownBots: (site) => bots.known(site),
    pageRead: (site, choice) => {
      bots.learn(site, choice);
    },
  });
  const send = async (text: string) => {
    const events: TurnEvent[] = [];
    await runner.run({ type: 'send', conversationId: null, text }, (e) => events.push(e));
    const last = events.at(-1);
    return last?.type === 'finished' ? last.message : undefined;
  };
  return { bots, send };
}

describe.each(['G4', 'G5'] as const)('the bot list and the turns on %s', (generation) => {
  let site: TestSite;
  const pageReads = () =>
    site.log.filter((e) => e.method === 'GET' && !e.path.startsWith('/wp-admin/')).length;

  beforeAll(async () => {
    site = await startSite({ generation });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('the picker lists the bots first: the first turn sends with the tokens of that read', async () => {
    site.clearLog();
    const { bots, send } = worker(site.pages.shortcode);
    const listed = await bots.list(site.pages.shortcode);
    expect(listed.bots.length).toBeGreaterThan(0);
    const answer = await send('hello after the list');
    expect(answer).toMatchObject({ status: 'done' });
    expect(answer?.text).toContain('hello after the list');
    expect(pageReads()).toBe(1);
  });

  it('a turn reads the page first: the picker then lists its bots without a GET of its own', async () => {
    site.clearLog();
    const { bots, send } = worker(site.pages.shortcode);
    const answer = await send('hello before the list');
    expect(answer).toMatchObject({ status: 'done' });
    expect(pageReads()).toBe(1);
    const listed = await bots.list(site.pages.shortcode);
    expect(listed.bots.map((b) => b.id)).toEqual(
      (await fetchBotChoice({ site: site.pages.shortcode })).bots.map((b) => b.id),
    );
    // The comparison read above is the second GET; the list itself made none.
    expect(pageReads()).toBe(2);
  });
});

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { toStoredError } from '../../../src/background/errors';
import { createHandlers, type HandlerDeps } from '../../../src/background/handlers';
import type { Caller } from '../../../src/background/router/trust';
import { ConversationStore } from '../../../src/background/store/store';
import { TurnRunner } from '../../../src/background/turns/runner';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import type { SidebarRequest, WatchEvent } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { Tabs } from '../../../src/shared/browser';

const page: Caller = { tier: 'extension' };
const content: Caller = { tier: 'content', tabId: 4 };

let store: ConversationStore;
let hub: WatchHub;
let opened: Array<{ tab: Tabs.Tab; request: SidebarRequest }>;
let handlers: ReturnType<typeof createHandlers>;
let permitted: boolean;
let listed: string[];
let checks: Array<{ site: string; conversationId?: string; messageId?: string }>;

beforeEach(() => {
  store = new ConversationStore({ factory: new IDBFactory(), now: () => Date.UTC(2026, 0, 2) });
  hub = new WatchHub();
  opened = [];
  permitted = true;
  listed = [];
  checks = [];
  const settings = { ...DEFAULT_SETTINGS, contextBudget: 10 };
  const deps: HandlerDeps = {
    store,
    hub,
    runner: new TurnRunner({
      store,
      hub,
      chat: () => {
        throw new Error('not used');
      },
      getSettings: async () => settings,
      hasSitePermission: async () => true,
      chatOptions: async () => ({}),
    }),
    getSettings: async () => settings,
    updateSettings: async (patch) => Object.assign(settings, patch),
    bootId: 'boot-1',
    version: '9.9.9',
    now: () => Date.UTC(2026, 0, 2),
    hasSitePermission: async () => permitted,
    selfTest: async (url) => ({ site: url, ok: true, steps: [] }),
    bytesInUse: async () => ({ bytes: 1234 }),
    applySettings: async () => undefined,
    getTab: async (id) =>
      ({ id, title: 'A page', url: 'https://page.example/' }) as unknown as Tabs.Tab,
    sidebar: {
      openSidebar: async (tab, request) => {
        opened.push({ tab, request });
      },
      takePending: async (tabId, token) => (token === 'good' ? { prompt: `for ${tabId}` } : null),
      sidebarClosed: async () => undefined,
    },
    siteBots: {
      list: async (site) => {
        listed.push(site);
        return { site, bots: [], modelChoice: false, byModel: {} };
      },
    },
    siteChecks: {
      open: async (site, answer) => {
        checks.push({ site, ...answer });
      },
    },
  };
  handlers = createHandlers(deps);
});

async function seed(title: string, texts: string[]) {
  const c = await handlers['conversations/create']({}, page);
  for (const [i, text] of texts.entries()) {
    await store.addMessage({
      conversationId: c.id,
      role: i % 2 ? 'assistant' : 'user',
      text,
      status: 'done',
    });
  }
  return handlers['conversations/update']({ id: c.id, title }, page);
}

describe('conversation requests', () => {
  it('create takes a site only if it is one of the configured sites', async () => {
    const mine = DEFAULT_SETTINGS.sites[0]?.url ?? '';
    // A trailing slash or letter case does not make another site.
    const c = await handlers['conversations/create']({ site: mine.replace(/\/$/, '') }, page);
    expect(c.site).toBe(mine.replace(/\/$/, ''));
    await expect(
      handlers['conversations/create']({ site: 'https://elsewhere.example/' }, page),
    ).rejects.toThrow(/not one of your chat sites/);
    expect(await handlers['conversations/list']({}, page)).toMatchObject({ total: 1 });
  });

  it('create uses the settings defaults; get and latest find it', async () => {
    const c = await handlers['conversations/create']({}, page);
    expect(c).toMatchObject({ site: DEFAULT_SETTINGS.defaultSite, model: DEFAULT_SETTINGS.model });
    expect(await handlers['conversations/latest']({}, page)).toEqual({ id: c.id });
    expect(await handlers['conversations/get']({ id: c.id }, page)).toEqual({
      conversation: c,
      messages: [],
      versions: {},
    });
    await expect(handlers['conversations/get']({ id: 'nope' }, page)).rejects.toThrow(
      /no longer exists/,
    );
  });

  it('rename and delete tell the watching views', async () => {
    const c = await seed('Old', ['q']);
    const seen: WatchEvent[] = [];
    hub.add(c.id, (event) => seen.push(event));
    await handlers['conversations/update']({ id: c.id, title: 'New' }, page);
    const deleted = await handlers['conversations/delete']({ id: c.id }, page);
    expect(deleted.messages.map((m) => m.text)).toEqual(['q']);
    expect(seen.map((e) => e.type === 'changed' && e.reason)).toEqual(['renamed', 'deleted']);
    await handlers['conversations/restore'](deleted, page);
    expect((await handlers['conversations/get']({ id: c.id }, page)).messages).toHaveLength(1);
  });

  it('exports one as Markdown or JSON, and all as JSON', async () => {
    const c = await seed('Bread / baking?', ['How?', 'Knead.']);
    const md = await handlers['conversations/export']({ id: c.id, format: 'markdown' }, page);
    expect(md).toMatchObject({
      mime: 'text/markdown',
      filename: 'chatgptt-Bread-baking-2026-01-02.md',
    });
    expect(md.content).toContain('Knead.');
    const all = await handlers['conversations/export']({ format: 'json' }, page);
    expect(JSON.parse(all.content)).toMatchObject({
      format: 'chatgptt-export',
      conversations: [{ id: c.id }],
    });
    await expect(handlers['conversations/export']({ format: 'markdown' }, page)).rejects.toThrow();
  });

  it('imports a good export, dry runs count only, a bad file changes nothing', async () => {
    await seed('One', ['a', 'b']);
    await seed('Two', ['c']);
    const { content } = await handlers['conversations/export']({ format: 'json' }, page);
    await handlers['conversations/deleteAll']({}, page);

    const counts = { conversations: 2, messages: 3, alreadyHere: 0, copies: 0, repaired: 0 };
    expect(await handlers['conversations/import']({ json: content, dryRun: true }, page)).toEqual(
      counts,
    );
    expect((await handlers['conversations/list']({}, page)).total).toBe(0);

    const bundle = JSON.parse(content);
    bundle.conversations[1].messages[0].status = 'exploded';
    await expect(
      handlers['conversations/import']({ json: JSON.stringify(bundle) }, page),
    ).rejects.toThrow(/cannot be imported.*Conversation 2, message 1/);
    expect((await handlers['conversations/list']({}, page)).total).toBe(0);
    // In the language the user picked: the reply says it in the settings' language.
    const refused: unknown = await handlers['conversations/import'](
      { json: JSON.stringify(bundle) },
      page,
    ).catch((error: unknown) => error);
    expect(toStoredError(refused, 'ru').message).toMatch(
      /^Этот файл нельзя импортировать, ничего не изменено \(/,
    );

    expect(await handlers['conversations/import']({ json: content }, page)).toEqual(counts);
    expect((await handlers['conversations/list']({}, page)).total).toBe(2);
  });

  it('search goes through list', async () => {
    await seed('Cooking', ['pasta carbonara', 'eggs']);
    await seed('Travel', ['Lisbon']);
    const found = await handlers['conversations/list']({ query: 'carbon' }, page);
    expect(found.items.map((i) => i.title)).toEqual(['Cooking']);
  });
});

describe('other requests', () => {
  it('ping answers the boot id', async () => {
    expect(await handlers.ping({}, page)).toEqual({ bootId: 'boot-1', version: '9.9.9' });
  });

  it('self-test checks the permission first', async () => {
    expect(await handlers['site/selfTest']({ url: 'https://x.example/' }, page)).toMatchObject({
      ok: true,
    });
    permitted = false;
    await expect(
      handlers['site/selfTest']({ url: 'https://x.example/' }, page),
    ).rejects.toMatchObject({
      kind: 'permission',
    });
  });

  it("site/bots and site/openCheck take only a configured site, by the user's spelling", async () => {
    const site = DEFAULT_SETTINGS.defaultSite;
    const answer = await handlers['site/bots']({ site: `${site}/` }, page);
    expect(answer).toEqual({ site: `${site}/`, bots: [], modelChoice: false, byModel: {} });
    expect(listed).toEqual([site]);
    await expect(
      handlers['site/bots']({ site: 'https://elsewhere.example/' }, page),
    ).rejects.toMatchObject({ kind: 'protocol' });
    await handlers['site/openCheck']({ site, conversationId: 'c1', messageId: 'a1' }, page);
    expect(checks).toEqual([{ site, conversationId: 'c1', messageId: 'a1' }]);
    await expect(
      handlers['site/openCheck']({ site: 'https://elsewhere.example/' }, page),
    ).rejects.toMatchObject({ kind: 'protocol' });
    permitted = false;
    await expect(handlers['site/bots']({ site }, page)).rejects.toMatchObject({
      kind: 'permission',
    });
    expect(checks).toHaveLength(1);
  });

  it('sidebar/open opens the sender tab with the selection, whole: openSidebar cuts it', async () => {
    await handlers['sidebar/open']({ selection: 'one two three four five' }, content);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.tab.id).toBe(4);
    expect(opened[0]?.request.context).toMatchObject({
      title: 'A page',
      url: 'https://page.example/',
      kind: 'selection',
      text: 'one two three four five',
    });
    // Cut once, on delivery (budgetRequest): a second cut here would count the cut twice.
    expect(opened[0]?.request.truncatedChars).toBeUndefined();
  });

  it('content scripts get the sidebar settings and nothing else, and can save a new width', async () => {
    expect(await handlers['content/settings']({}, content)).toEqual({
      sidebarWidth: 420,
      sidebarMode: 'overlay',
      language: 'auto',
    });
    await handlers['content/sidebarWidth']({ width: 512 }, content);
    expect((await handlers['content/settings']({}, content)).sidebarWidth).toBe(512);
  });

  it('sidebar requests need a tab', async () => {
    await expect(handlers['sidebar/closed']({}, page)).rejects.toThrow(/needs a tab/);
    expect(
      await handlers['sidebar/takePending']({ token: 'good' }, { tier: 'sidebar', tabId: 8 }),
    ).toEqual({
      pending: { prompt: 'for 8' },
    });
  });

  it('turn/stop says whether something was running', async () => {
    expect(await handlers['turn/stop']({ conversationId: 'c' }, page)).toEqual({ stopped: false });
  });
});

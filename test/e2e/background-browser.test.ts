/**
 * The worker's browser integration in real Chromium: context menus (built from settings,
 * rebuilt when they change), their clicks and the sidebar shortcut, dispatched through the real
 * registered listeners, ask for the sidebar in the right tab; content scripts get only what
 * their tier allows.
 */
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SidebarRequest } from '../../src/shared/messages';
import { withSite } from './fixtures/with-site';

interface Tab {
  id?: number;
  url?: string;
  title?: string;
}
interface WorkerChrome {
  tabs: { query(info: object): Promise<Tab[]> };
  storage: {
    onChanged: { addListener(listener: (changes: SessionChanges, area: string) => void): void };
    session: { get(key: string): Promise<Record<string, unknown>>; clear(): Promise<void> };
    local: { set(items: object): Promise<void> };
  };
  contextMenus: {
    update(id: string, props: object, done: () => void): void;
    onClicked: { dispatch(info: object, tab: Tab): void };
  };
  commands: { onCommand: { dispatch(command: string, tab: Tab): void } };
  runtime: { lastError?: { message: string } };
  scripting: {
    executeScript(details: {
      target: { tabId: number };
      func: (message: unknown) => Promise<unknown>;
      args: unknown[];
    }): Promise<Array<{ result?: unknown }>>;
  };
}
type SessionChanges = Record<string, { newValue?: unknown }>;
type WorkerGlobals = typeof globalThis & {
  chrome: WorkerChrome;
  __sessionWrites?: SessionChanges[];
};

describe('menus, commands and content-script trust in Chromium', () => {
  const e2e = withSite();
  let pageA: Page;
  let pageB: Page;
  let tabA: Tab;
  let tabB: Tab;

  async function tabOf(page: Page): Promise<Tab> {
    const url = page.url();
    const tab = await e2e.sw.evaluate(
      async (wanted) =>
        (await (globalThis as WorkerGlobals).chrome.tabs.query({})).find((t) => t.url === wanted),
      url,
    );
    if (!tab) throw new Error(`no tab for ${url}`);
    return tab;
  }

  /** Whether a menu item exists: updating a missing one sets lastError. */
  function menuExists(id: string): Promise<boolean> {
    return e2e.sw.evaluate(
      (itemId) =>
        new Promise<boolean>((resolve) => {
          const api = (globalThis as WorkerGlobals).chrome;
          api.contextMenus.update(itemId, {}, () => resolve(!api.runtime.lastError));
        }),
      id,
    );
  }

  /**
   * The first request the worker stored for a tab's sidebar since the last reset. Read from a
   * storage.session change log: the live sidebar takes (and empties) the request at once.
   */
  async function pendingFor(tab: Tab): Promise<SidebarRequest | null> {
    return e2e.sw.evaluate((id) => {
      const key = `sidebar:${id}`;
      const log = (globalThis as WorkerGlobals).__sessionWrites ?? [];
      const first = log.find((changes) => changes[key]?.newValue !== undefined)?.[key]?.newValue as
        { request: SidebarRequest } | undefined;
      return first?.request ?? null;
    }, tab.id);
  }

  async function waitForPending(tab: Tab): Promise<SidebarRequest> {
    let found: SidebarRequest | null = null;
    await expect
      .poll(async () => (found = await pendingFor(tab)), { timeout: 15_000 })
      .not.toBeNull();
    return found as unknown as SidebarRequest;
  }

  function click(info: object, tab: Tab): Promise<void> {
    return e2e.sw.evaluate(
      ([i, t]) => (globalThis as WorkerGlobals).chrome.contextMenus.onClicked.dispatch(i, t),
      [info, tab] as const,
    );
  }

  function setSettings(settings: object): Promise<void> {
    return e2e.sw.evaluate(
      (s) => (globalThis as WorkerGlobals).chrome.storage.local.set({ settings: s }),
      settings,
    );
  }

  /** Sends a message from the tab's content-script world (an isolated world, like ours). */
  function fromContentScript(tab: Tab, message: unknown): Promise<unknown> {
    return e2e.sw.evaluate(
      async ([tabId, m]) => {
        const [result] = await (globalThis as WorkerGlobals).chrome.scripting.executeScript({
          target: { tabId },
          func: (msg: unknown) =>
            (
              globalThis as unknown as {
                chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } };
              }
            ).chrome.runtime.sendMessage(msg),
          args: [m],
        });
        return result?.result;
      },
      [tab.id as number, message] as const,
    );
  }

  beforeAll(async () => {
    pageA = await e2e.harness.context.newPage();
    await pageA.goto(e2e.site.pages.nonChat);
    pageB = await e2e.harness.context.newPage();
    await pageB.goto(`${e2e.site.pages.nonChat}?second`);
    await e2e.sw.evaluate(() => {
      const g = globalThis as WorkerGlobals;
      g.__sessionWrites = [];
      g.chrome.storage.onChanged.addListener((changes, area) => {
        if (area === 'session') g.__sessionWrites?.push(changes);
      });
    });
    tabA = await tabOf(pageA);
    tabB = await tabOf(pageB);
  });

  beforeEach(async () => {
    await e2e.sw.evaluate(async () => {
      const g = globalThis as WorkerGlobals;
      await g.chrome.storage.session.clear();
      g.__sessionWrites = [];
    });
  });

  it('builds the selection and page menus, and rebuilds them when quick actions change', async () => {
    for (const id of [
      'chatgptt-ask',
      'chatgptt-action:explain',
      'chatgptt-action:summarize',
      'chatgptt-action:translate',
      'chatgptt-action:proofread',
      'chatgptt-summarize-page',
    ]) {
      await expect.poll(() => menuExists(id)).toBe(true);
    }
    expect(await menuExists('chatgptt-action:haiku')).toBe(false);
    await setSettings({
      version: 1,
      sites: [{ url: `${e2e.site.url}/` }],
      defaultSite: `${e2e.site.url}/`,
      quickActions: [{ id: 'haiku', title: 'Haiku', prompt: 'Write a haiku about {{selection}}' }],
    });
    await expect.poll(() => menuExists('chatgptt-action:haiku')).toBe(true);
    expect(await menuExists('chatgptt-action:explain')).toBe(false);
  });

  it('"Ask ChatGptt about …" opens the sidebar of that tab with the selection and no prompt', async () => {
    await click(
      { menuItemId: 'chatgptt-ask', selectionText: 'photosynthesis', editable: false },
      tabB,
    );
    const request = await waitForPending(tabB);
    expect(request.context).toMatchObject({ text: 'photosynthesis', kind: 'selection' });
    expect(request.context?.url).toBe(tabB.url);
    expect(request.prompt).toBeUndefined();
    expect(await pendingFor(tabA)).toBeNull();
  });

  it('a quick action opens the sidebar with its filled prompt, sent at once', async () => {
    await click(
      { menuItemId: 'chatgptt-action:haiku', selectionText: 'autumn leaves', editable: false },
      tabA,
    );
    const request = await waitForPending(tabA);
    // The selection goes in as quoted material, never as part of the instructions.
    expect(request.prompt).toBe('Write a haiku about """\nautumn leaves\n"""');
    expect(request.autoSend).toBe(true);
    expect(request.context?.text).toBe('autumn leaves');
    expect(await pendingFor(tabB)).toBeNull();
  });

  it('"Summarize this page" asks for a summary of the page text', async () => {
    await click({ menuItemId: 'chatgptt-summarize-page', editable: false }, tabA);
    const request = await waitForPending(tabA);
    expect(request.context?.kind).toBe('page');
    expect(request.autoSend).toBe(true);
    expect(request.prompt).toBeTruthy();
  });

  it('the toggle-sidebar command opens the sidebar in the given tab', async () => {
    // A fresh tab: the earlier tests left sidebars open in A and B (a toggle would close them).
    const pageC = await e2e.harness.context.newPage();
    await pageC.goto(`${e2e.site.pages.nonChat}?third`);
    const tabC = await tabOf(pageC);
    await e2e.sw.evaluate(
      (t) => (globalThis as WorkerGlobals).chrome.commands.onCommand.dispatch('toggle-sidebar', t),
      tabC,
    );
    await waitForPending(tabC);
    expect(await pendingFor(tabA)).toBeNull();
    expect(await pendingFor(tabB)).toBeNull();
    await pageC.close();
  });

  it('a content script may open the sidebar of its own tab, and nothing else', async () => {
    expect(
      await fromContentScript(tabA, { type: 'conversations/list', payload: {} }),
    ).toMatchObject({ ok: false, error: { kind: 'protocol' } });
    expect(
      await fromContentScript(tabA, { type: 'conversations/deleteAll', payload: {} }),
    ).toMatchObject({ ok: false });
    expect(await fromContentScript(tabA, { type: 'nonsense' })).toMatchObject({ ok: false });
    expect(
      await fromContentScript(tabA, { type: 'sidebar/open', payload: { selection: 'from page' } }),
    ).toEqual({ ok: true, value: { ok: true } });
    const request = await waitForPending(tabA);
    expect(request.context).toMatchObject({ text: 'from page', url: tabA.url });
    expect(await pendingFor(tabB)).toBeNull();
  });

  it('a content script cannot open a turn port', async () => {
    const outcome = await e2e.sw.evaluate(async (tabId) => {
      const [result] = await (globalThis as WorkerGlobals).chrome.scripting.executeScript({
        target: { tabId },
        func: () =>
          new Promise<unknown>((resolve) => {
            type PortApi = {
              postMessage(m: unknown): void;
              onMessage: { addListener(l: (m: unknown) => void): void };
              onDisconnect: { addListener(l: () => void): void };
            };
            const api = (
              globalThis as unknown as {
                chrome: { runtime: { connect(i: { name: string }): PortApi } };
              }
            ).chrome;
            const port = api.runtime.connect({ name: 'turn' });
            port.onMessage.addListener((m) => resolve(m));
            port.onDisconnect.addListener(() => resolve('disconnected'));
            port.postMessage({ type: 'send', conversationId: null, text: 'from a page' });
            setTimeout(() => resolve('no answer'), 5000);
          }),
        args: [],
      });
      return result?.result;
    }, tabB.id as number);
    expect(outcome).toBe('disconnected');
  });
});

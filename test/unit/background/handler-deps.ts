/** Handlers over a real (fake-indexeddb) store with every browser dependency stubbed. */
import { createHandlers, type HandlerDeps } from '../../../src/background/handlers';
import type { ConversationStore } from '../../../src/background/store/store';
import { TurnRunner } from '../../../src/background/turns/runner';
import { WatchHub } from '../../../src/background/turns/watch-hub';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { Tabs } from '../../../src/shared/browser';

export function makeHandlers(store: ConversationStore, now: () => number) {
  const hub = new WatchHub();
  const settings = { ...DEFAULT_SETTINGS };
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
    now,
    hasSitePermission: async () => true,
    selfTest: async (url) => ({ site: url, ok: true, steps: [] }),
    bytesInUse: async () => ({ bytes: 0 }),
    applySettings: async () => undefined,
    getTab: async (id) => ({ id }) as unknown as Tabs.Tab,
    sidebar: {
      openSidebar: async () => undefined,
      takePending: async () => null,
      sidebarClosed: async () => undefined,
    },
    siteBots: { list: async (site) => ({ site, bots: [], modelChoice: false, byModel: {} }) },
    siteChecks: { open: async () => undefined },
  };
  return { handlers: createHandlers(deps), hub, settings };
}

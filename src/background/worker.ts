/**
 * The worker's composition root: builds the store, the turn runner, the handlers and the
 * router from the real browser APIs. Nothing here runs at import time except building
 * objects; index.ts wires the listeners. Everything that matters lives in IndexedDB or
 * storage.local, so a fresh worker picks up where a dead one stopped.
 */
import browser, { type Runtime } from '../shared/browser';
import { getSettings, updateSettings } from '../shared/settings-storage';
import { languageOf } from '../shared/i18n';
import { createHandlers } from './handlers';
import { getClientId, storageTokenCache } from './identity';
import { log } from './log';
import { markOnce } from './trace';
import { createConnectHandler, type PortLike } from './ports';
import { chat, generateClientId, readBots, selfTest } from './provider-link';
import { SiteBotDirectory } from './site-bots';
import { SiteChecks } from './site-check';
import { createRouter } from './router/router';
import { ConversationStore } from './store/store';
import { serveExport } from './export-port';
import { holdWorkerAlive } from './turns/keep-alive';
import { TurnRunner } from './turns/runner';
import { originPattern } from '../shared/site-url';
import { WatchHub } from './turns/watch-hub';
import { WORKER_STARTED, type WorkerStartedMessage } from '../shared/messages';
import * as sidebar from './sidebar';

export interface WorkerParts {
  route: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown>;
  connect: (port: Runtime.Port) => void;
  /** Answers left streaming by a dead worker become interrupted; resolves when done. */
  ready: Promise<unknown>;
  /** Re-applies what settings drive in the worker (menus, proxy, site headers, selection button). */
  applySettings: () => Promise<void>;
  /** The tabs opened to pass a site's browser check (index.ts feeds it the tab events). */
  siteChecks: SiteChecks;
}

export async function hasSitePermission(site: string): Promise<boolean> {
  const pattern = originPattern(site);
  if (!pattern) return false;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

async function bytesInUse(): Promise<{ bytes: number; quota?: number }> {
  const estimate = await navigator.storage?.estimate?.();
  const local = JSON.stringify(await browser.storage.local.get(null)).length;
  const bytes = (estimate?.usage ?? 0) + local;
  return estimate?.quota === undefined ? { bytes } : { bytes, quota: estimate.quota };
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    promise.then(done, done);
  });
}

/**
 * Tells the open views this worker runs (they wait for it rather than start it). Nobody may be
 * listening: sendMessage then rejects "Receiving end does not exist", which is no error here.
 */
function announceStart(bootId: string): void {
  const message: WorkerStartedMessage = { type: WORKER_STARTED, bootId };
  browser.runtime.sendMessage(message).catch(() => undefined);
}

export function createWorker(options: {
  applySettings: () => Promise<void>;
  /** The first application of the settings (proxy!) started by index.ts; turns wait for it. */
  settingsApplied: Promise<unknown>;
}): WorkerParts {
  const bootId = crypto.randomUUID();
  const extensionId = browser.runtime.id;
  const origin = browser.runtime.getURL('');
  const store = new ConversationStore({ factory: indexedDB });
  const recovered = store.interruptStreaming().then(
    (cut) => {
      markOnce('recovered');
      if (cut.length) log(`marked ${cut.length} answer(s) cut off by a restart as interrupted`);
    },
    (error: unknown) => log('start-up recovery failed', error),
  );
  // No request reaches the site before the proxy setting is in force (Firefox's onRequest
  // listener is registered anew by every start of the background).
  const ready = Promise.all([recovered, settledWithin(options.settingsApplied, 5_000)]);
  void ready.then(() => {
    markOnce('ready');
    announceStart(bootId);
  });
  const hub = new WatchHub();
  const tokenCache = storageTokenCache(browser.storage.local);
  let clientId: Promise<string> | undefined;
  const chatOptions = async () => {
    clientId ??= getClientId(browser.storage.local, generateClientId);
    return { clientId: await clientId, tokenCache };
  };
  const siteBots = new SiteBotDirectory({
    // The token cache too: the tokens of this read serve the next turn (one GET per page load).
    read: async (site) => readBots(site, await chatOptions()),
  });
  const runner = new TurnRunner({
    store,
    chat,
    hub,
    getSettings,
    hasSitePermission,
    chatOptions,
    knownBots: (site) => siteBots.known(site),
    pageRead: (site, choice) => {
      siteBots.learn(site, choice);
    },
    holdAlive: holdWorkerAlive,
    ready,
    log,
  });
  const siteChecks = new SiteChecks({
    openTab: async (url) => (await browser.tabs.create({ url, active: true })).id,
    // A fresh read of the page: it also refreshes the bots the picker shows.
    probe: (site) => siteBots.list(site, true),
    retry: async (conversationId, messageId) => {
      await ready;
      // Views watching the conversation get the answer's events through the hub.
      await runner.run({ type: 'retry', conversationId, messageId }, () => undefined);
    },
    session: browser.storage.session,
    log,
  });
  const handlers = createHandlers({
    store,
    runner,
    hub,
    getSettings,
    updateSettings,
    bootId,
    version: browser.runtime.getManifest().version,
    hasSitePermission,
    selfTest: async (url) => selfTest(url, { clientId: (await chatOptions()).clientId }),
    bytesInUse,
    applySettings: options.applySettings,
    getTab: (tabId) => browser.tabs.get(tabId),
    injectToolbar: async (tabId) => {
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        files: ['content/selection-toolbar.js'],
      });
    },
    sidebar,
    siteBots,
    siteChecks,
  });
  // A refusal is said in the language of the settings as they are when it is sent.
  const language = async () => languageOf((await getSettings()).language);
  const router = createRouter({ handlers, extensionId, origin, log, language });
  const connect = createConnectHandler({
    runner,
    hub,
    extensionId,
    origin,
    log,
    exportAll: (port) => serveExport(port, { store, now: Date.now, language, ready }),
  });
  return {
    // Reads wait for start-up recovery, so no view sees an answer still "streaming" that died
    // with the previous worker.
    route: async (message, sender) => {
      await ready;
      return router(message, sender);
    },
    connect: (port) => connect(port as PortLike),
    ready,
    applySettings: options.applySettings,
    siteChecks,
  };
}

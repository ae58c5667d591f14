/**
 * The typed handlers of the one-off requests (RequestMap). Each takes a checked payload and
 * the caller; what they need from the browser comes in through `HandlerDeps`, so unit tests
 * run them against fakes.
 */
import type { SiteBots } from '../shared/bots';
import { languageOf } from '../shared/i18n';
import './words';
import '../shared/i18n-import';
import type { SelfTestResult } from '../provider/types';
import type { Tabs } from '../shared/browser';
import type { SidebarRequest } from '../shared/messages';
import { selectionContext } from '../shared/prompt';
import { actionRequest, actionTitle } from './menus';
import type { Settings } from '../shared/settings';
import { HandlerError, words } from './errors';
import type { Handlers } from './router/router';
import type { Caller } from './router/trust';
import {
  ImportError,
  exportFilename,
  parseBundle,
  toBundle,
  toMarkdown,
  type Dump,
} from './store/bundle';
import { sameSite } from '../shared/site-url';
import { applyImportPolicy } from './store/import-policy';
import { ImportSessions } from './store/import-session';
import { StorageFullError, type ConversationStore } from './store/store';
import type { TurnRunner } from './turns/runner';
import type { WatchHub } from './turns/watch-hub';

/** The tab a content script or sidebar speaks for, as the sidebar contract takes it. */
export type TabInfo = Tabs.Tab;

export interface HandlerDeps {
  store: ConversationStore;
  runner: TurnRunner;
  hub: WatchHub;
  getSettings: () => Promise<Settings>;
  updateSettings: (patch: Partial<Settings>) => Promise<unknown>;
  bootId: string;
  version: string;
  now?: () => number;
  hasSitePermission: (site: string) => Promise<boolean>;
  selfTest: (url: string) => Promise<SelfTestResult>;
  bytesInUse: () => Promise<{ bytes: number; quota?: number }>;
  applySettings: () => Promise<void>;
  getTab: (tabId: number) => Promise<TabInfo>;
  /** The bots of each site's page, read and kept a few minutes (site-bots.ts). */
  siteBots: { list(site: string, refresh?: boolean): Promise<SiteBots> };
  /** Opens a site to pass its browser check, and retries the answer after (site-check.ts). */
  siteChecks: {
    open(site: string, answer: { conversationId?: string; messageId?: string }): Promise<void>;
  };
  /** Loads the selection toolbar's code into the tab's top frame (its first use there). */
  injectToolbar?: (tabId: number) => Promise<void>;
  sidebar: {
    openSidebar(tab: TabInfo, request: SidebarRequest): Promise<void>;
    takePending(tabId: number, token: string): Promise<SidebarRequest | null>;
    sidebarClosed(tabId: number): Promise<void>;
  };
}

/** How many quick actions the selection toolbar shows as buttons; "…" reaches the rest. */
const TOOLBAR_ACTIONS = 3;

function ownTab(caller: Caller): number {
  if (caller.tabId === undefined)
    throw new HandlerError('protocol', words('background_error_needs_tab'));
  return caller.tabId;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, runner, hub } = deps;
  const now = deps.now ?? Date.now;

  /** A file's (or a view's) conversations as the store may keep them: see import-policy.ts. */
  async function adopt(dump: Dump): Promise<Dump> {
    const settings = await deps.getSettings();
    return applyImportPolicy(dump, {
      sites: settings.sites.map((s) => s.url),
      defaultSite: settings.defaultSite,
      now: now(),
    });
  }

  const imports = new ImportSessions({
    store,
    policy: async () => {
      const settings = await deps.getSettings();
      return {
        sites: settings.sites.map((s) => s.url),
        defaultSite: settings.defaultSite,
        now: now(),
      };
    },
    now,
    newId: () => crypto.randomUUID(),
  });

  /** An import's refusal as one whole sentence: what is wrong, and that nothing changed. */
  async function refusals<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof ImportError)
        throw new HandlerError(
          'protocol',
          error.key
            ? words(error.key, ...error.args)
            : words('background_error_import', error.message),
        );
      if (error instanceof StorageFullError)
        throw new HandlerError('protocol', words('import_error_storage_full'));
      throw error;
    }
  }

  async function requireConversation(id: string) {
    const conversation = await store.getConversation(id);
    if (!conversation)
      throw new HandlerError('protocol', words('background_error_no_conversation'));
    return conversation;
  }

  /** A site named by a view must be one the user configured, and one we may reach. */
  async function requireSite(site: string): Promise<string> {
    const settings = await deps.getSettings();
    const configured = settings.sites.find((s) => sameSite(s.url, site));
    if (!configured) throw new HandlerError('protocol', words('background_error_unknown_site'));
    if (!(await deps.hasSitePermission(configured.url)))
      throw new HandlerError('permission', words('background_error_no_permission', configured.url));
    return configured.url;
  }

  return {
    async ping() {
      return { bootId: deps.bootId, version: deps.version };
    },

    async 'conversations/list'(payload) {
      return store.listConversations(payload);
    },

    async 'conversations/get'({ id }) {
      const view = await store.getView(id);
      if (!view) throw new HandlerError('protocol', words('background_error_no_conversation'));
      return view;
    },

    async 'conversations/switchVersion'({ id, messageId, step }) {
      await requireConversation(id);
      const view = await store.switchVersion(id, messageId, step);
      // Other views of this conversation follow the switch.
      hub.publish(id, { type: 'changed', conversationId: id, reason: 'edited' });
      return view;
    },

    async 'conversations/latest'() {
      return { id: await store.latestConversationId() };
    },

    async 'conversations/create'(payload) {
      const settings = await deps.getSettings();
      // An extension page names the site, but only one the user configured: a site of the
      // caller's choosing would send the user's next message wherever it says.
      if (
        payload.site !== undefined &&
        !settings.sites.some((s) => sameSite(s.url, payload.site ?? ''))
      )
        throw new HandlerError('protocol', words('background_error_unknown_site'));
      return store.createConversation({
        site: payload.site ?? settings.defaultSite,
        model: payload.model ?? settings.model,
        ...(payload.bot ? { bot: payload.bot } : {}),
        systemPrompt: payload.systemPrompt ?? settings.systemPrompt,
      });
    },

    async 'conversations/update'({ id, pinned, ...patch }) {
      await requireConversation(id);
      // Pinning is not an edit: it keeps the conversation's place in time (updatedAt).
      let conversation = pinned === undefined ? null : await store.pinConversation(id, pinned);
      if (!conversation || Object.keys(patch).length > 0)
        conversation = await store.updateConversation(id, patch);
      hub.publish(id, { type: 'changed', conversationId: id, reason: 'renamed' });
      return conversation;
    },

    async 'conversations/adopt'({ id }) {
      // An imported conversation from a site the user has not configured: continue it on the
      // default site (the user said so), which makes it writable again.
      const current = await requireConversation(id);
      const settings = await deps.getSettings();
      const conversation = await store.adoptConversation(current.id, settings.defaultSite);
      hub.publish(id, { type: 'changed', conversationId: id, reason: 'renamed' });
      return conversation;
    },

    async 'conversations/delete'({ id }) {
      await requireConversation(id);
      runner.stop(id);
      const deleted = await store.deleteConversation(id);
      hub.publish(id, { type: 'changed', conversationId: id, reason: 'deleted' });
      return deleted;
    },

    async 'conversations/restore'({ conversation, messages }) {
      // The payload was shape-checked; the import validator checks every field before writing.
      const [entry] = await adopt(
        parseBundle(JSON.stringify(toBundle([{ conversation, messages }], now()))),
      );
      if (!entry) throw new HandlerError('protocol', words('background_error_nothing_to_restore'));
      await store.putConversations([entry]);
      hub.publish(conversation.id, {
        type: 'changed',
        conversationId: conversation.id,
        reason: 'edited',
      });
      return { ok: true as const };
    },

    async 'conversations/deleteAll'() {
      const dump = await store.dumpAll();
      for (const { conversation } of dump) runner.stop(conversation.id);
      const deleted = await store.deleteAll();
      for (const { conversation } of dump) {
        hub.publish(conversation.id, {
          type: 'changed',
          conversationId: conversation.id,
          reason: 'deleted',
        });
      }
      return { deleted };
    },

    async 'conversations/export'({ id, format }) {
      const at = now();
      if (id === undefined) {
        if (format !== 'json')
          throw new HandlerError('protocol', words('background_error_export_all_json'));
        return {
          filename: exportFilename('all', 'json', at),
          mime: 'application/json',
          content: JSON.stringify(toBundle(await store.dumpAll(), at), null, 2),
        };
      }
      const conversation = await requireConversation(id);
      const messages = await store.getAllMessages(id);
      if (format === 'markdown') {
        const shown = await store.getMessages(id);
        return {
          filename: exportFilename(conversation.title, 'md', at),
          mime: 'text/markdown',
          content: toMarkdown(conversation, shown, messages.length - shown.length),
        };
      }
      return {
        filename: exportFilename(conversation.title, 'json', at),
        mime: 'application/json',
        content: JSON.stringify(toBundle([{ conversation, messages }], at), null, 2),
      };
    },

    async 'conversations/import'({ json, dryRun }) {
      // A file held whole goes the same way as one read in pieces: staged, then one commit.
      return refusals(async () => {
        const { importId } = await imports.begin(json.length);
        await imports.chunk(importId, json);
        const summary = await imports.finish(importId);
        if (!dryRun) return imports.commit(importId);
        await imports.cancel(importId);
        return summary;
      });
    },

    async 'import/begin'({ bytes }) {
      return refusals(() => imports.begin(bytes));
    },

    async 'import/chunk'({ importId, text }) {
      return refusals(() => imports.chunk(importId, text));
    },

    async 'import/finish'({ importId }) {
      return refusals(() => imports.finish(importId));
    },

    async 'import/commit'({ importId }) {
      // An import never replaces a stored conversation (import-staging.ts), so no answer being
      // written is touched and no open view needs to reload.
      return refusals(() => imports.commit(importId));
    },

    async 'import/progress'({ importId }) {
      return imports.progress(importId);
    },

    async 'import/cancel'({ importId }) {
      await imports.cancel(importId);
      return { ok: true as const };
    },

    async 'turn/stop'({ conversationId }) {
      return { stopped: runner.stop(conversationId) };
    },

    async 'site/selfTest'({ url }) {
      if (!(await deps.hasSitePermission(url)))
        throw new HandlerError('permission', words('background_error_no_permission', url));
      return deps.selfTest(url);
    },

    async 'site/bots'({ site, refresh }) {
      const url = await requireSite(site);
      return { ...(await deps.siteBots.list(url, refresh === true)), site };
    },

    async 'site/openCheck'({ site, conversationId, messageId }) {
      const url = await requireSite(site);
      await deps.siteChecks.open(url, {
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(messageId === undefined ? {} : { messageId }),
      });
      return { ok: true as const };
    },

    async 'storage/usage'() {
      const [usage, largest] = await Promise.all([
        deps.bytesInUse(),
        store.largestConversations(5),
      ]);
      return { ...usage, largest };
    },

    async 'sidebar/open'({ selection, action, more }, caller) {
      const tab = await deps.getTab(ownTab(caller));
      // openSidebar cuts the selection to the budget.
      let request: SidebarRequest = selection ? { context: selectionContext(tab, selection) } : {};
      if (selection && action) {
        const run = actionRequest(action, tab, selection, await deps.getSettings());
        if (!run) throw new HandlerError('protocol', words('background_error_action_gone'));
        request = run;
      } else if (more) {
        // The toolbar's "…": the composer opens on "/", whose menu lists every action.
        request = { ...request, prompt: '/', autoSend: false };
      }
      await deps.sidebar.openSidebar(tab, request);
      return { ok: true as const };
    },

    async 'content/actions'() {
      const settings = await deps.getSettings();
      const language = languageOf(settings.language);
      const actions = settings.quickActions
        .slice(0, TOOLBAR_ACTIONS)
        .map((action) => ({ id: action.id, title: actionTitle(action, language) }));
      return { actions, total: settings.quickActions.length };
    },

    async 'content/toolbar'(_payload, caller) {
      const tabId = ownTab(caller);
      // Only while the setting is on: a stale resident script must not pull the toolbar in.
      if (!(await deps.getSettings()).selectionButton || !deps.injectToolbar)
        throw new HandlerError('protocol', words('background_error_toolbar_off'));
      await deps.injectToolbar(tabId);
      return { ok: true as const };
    },

    async 'content/settings'() {
      const { sidebarWidth, sidebarMode, language } = await deps.getSettings();
      return { sidebarWidth, sidebarMode, language };
    },

    async 'content/sidebarWidth'({ width }) {
      await deps.updateSettings({ sidebarWidth: width });
      return { ok: true as const };
    },

    async 'sidebar/closed'(_payload, caller) {
      await deps.sidebar.sidebarClosed(ownTab(caller));
      return { ok: true as const };
    },

    async 'sidebar/takePending'({ token }, caller) {
      return { pending: await deps.sidebar.takePending(ownTab(caller), token) };
    },

    async 'settings/applied'() {
      await deps.applySettings();
      return { ok: true as const };
    },
  };
}

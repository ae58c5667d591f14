/**
 * The typed protocol between the views (popup, sidebar, options, content scripts) and the
 * background worker. One map for one-off requests, one union for a turn's port and one for
 * a conversation's watch port. Both ends import these types; nothing else defines messages.
 */
import type { ChatErrorKind, SelfTestResult } from '../provider/types';
import type {
  Conversation,
  ConversationSummary,
  PageContext,
  StoredError,
  StoredMessage,
  VersionInfo,
} from './model';
import type { ChosenBot, SiteBots } from './bots';
import type { ModelName } from './models';

/** A conversation as a view shows it: the shown path through its message tree. */
export interface ConversationShown {
  conversation: Conversation;
  messages: StoredMessage[];
  /** By message id, for the shown messages that have other versions. */
  versions: Record<string, VersionInfo>;
}

/** One-off requests: `type` → request payload and response. */
/**
 * What an import holds (before the commit) or wrote (after it): conversations and messages,
 * how many of them were already here (same id, same content: skipped) and how many came in as
 * copies under new ids (their id was taken by something else), and how many broken characters
 * (lone surrogates) were replaced by U+FFFD.
 */
export interface ImportCounts {
  conversations: number;
  messages: number;
  alreadyHere: number;
  copies: number;
  repaired: number;
}

export interface RequestMap {
  /** Is the worker alive? Answers its boot id (changes when the worker restarts). */
  ping: { req: Record<string, never>; res: { bootId: string; version: string } };
  /** A page of conversations, newest first; `query` searches titles and message text. */
  'conversations/list': {
    req: { offset?: number; limit?: number; query?: string };
    /**
     * `atLeast`: `total` is a lower bound (a search for a common word stops counting once the
     * page and one more are found); paging on finds the rest.
     */
    res: { items: ConversationSummary[]; total: number; atLeast?: true };
  };
  /**
   * One conversation as shown: the messages of the shown path in order, and the version
   * position (`2 / 3`) of each of them that has other versions (edits, regenerated answers).
   */
  'conversations/get': {
    req: { id: string };
    res: ConversationShown;
  };
  /** Shows the previous (-1) or next (+1) version of a message; answers the new view. */
  'conversations/switchVersion': {
    req: { id: string; messageId: string; step: -1 | 1 };
    res: ConversationShown;
  };
  /** The most recently updated conversation, if any. */
  'conversations/latest': { req: Record<string, never>; res: { id: string | null } };
  /** Creates an empty conversation (defaults from settings). */
  'conversations/create': {
    req: { model?: ModelName; bot?: ChosenBot; systemPrompt?: string; site?: string };
    res: Conversation;
  };
  /** Renames, pins / unpins, or changes the model / system prompt of a conversation. */
  'conversations/update': {
    req: {
      id: string;
      title?: string;
      model?: ModelName;
      /** `null`: back to the bot the model maps onto. */
      bot?: ChosenBot | null;
      systemPrompt?: string;
      pinned?: boolean;
    };
    res: Conversation;
  };
  /** Continues an imported, read-only conversation on the default site. */
  'conversations/adopt': {
    req: { id: string };
    res: Conversation;
  };
  /** Deletes one conversation (all its branches); answers what was deleted for Undo. */
  'conversations/delete': {
    req: { id: string };
    res: { conversation: Conversation; messages: StoredMessage[] };
  };
  /** Puts back a deleted conversation (Undo). */
  'conversations/restore': {
    req: { conversation: Conversation; messages: StoredMessage[] };
    res: { ok: true };
  };
  /** Deletes every conversation. */
  'conversations/deleteAll': { req: Record<string, never>; res: { deleted: number } };
  /** Exports one conversation (JSON or Markdown) or all (JSON). */
  'conversations/export': {
    req: { id?: string; format: 'json' | 'markdown' };
    res: { filename: string; mime: string; content: string };
  };
  /** Imports a JSON export held whole; `dryRun` only checks and counts. Bad: nothing changes. */
  'conversations/import': {
    req: { json: string; dryRun?: boolean };
    res: ImportCounts;
  };
  /**
   * A file imported in pieces (store/import-session.ts): begin, send each piece, finish (the
   * summary), then commit (one transaction) or cancel. A refusal at any step ends it.
   */
  'import/begin': { req: { bytes: number }; res: { importId: string } };
  'import/chunk': {
    req: { importId: string; text: string };
    res: { conversations: number; messages: number };
  };
  'import/finish': { req: { importId: string }; res: ImportCounts };
  'import/commit': { req: { importId: string }; res: ImportCounts };
  /** How many conversations of a running commit are written (for its progress bar). */
  'import/progress': { req: { importId: string }; res: { saved: number; total: number } };
  'import/cancel': { req: { importId: string }; res: { ok: true } };
  /** Stops the answer being written in a conversation, aborting its network request. */
  'turn/stop': { req: { conversationId: string }; res: { stopped: boolean } };
  /** Runs the site self-test: page → tokens → generation → test message → reply. */
  'site/selfTest': { req: { url: string }; res: SelfTestResult };
  /**
   * The bots of a configured site's page and whether it takes a model name (read once, kept a
   * few minutes). `refresh` reads the page again.
   */
  'site/bots': { req: { site: string; refresh?: boolean }; res: SiteBots };
  /**
   * Opens a configured site in a normal tab to pass its browser check. When that tab has passed
   * (the worker's own probe of the site gets the page), the named answer is retried by itself.
   */
  'site/openCheck': {
    req: { site: string; conversationId?: string; messageId?: string };
    res: { ok: true };
  };
  /** Bytes used by the conversation store and settings. */
  'storage/usage': {
    req: Record<string, never>;
    /** `quota`: what the browser grants the extension, when it says; `largest`: the biggest conversations. */
    res: {
      bytes: number;
      quota?: number;
      largest: Array<{ id: string; title: string; bytes: number }>;
    };
  };
  /** Content script → worker: open the sidebar in the sender's own tab, with an optional selection. */
  'sidebar/open': {
    /**
     * `action`: run that quick action on the selection at once (a toolbar button); `more`: open
     * with the composer's "/" menu listing every action (the toolbar's "…").
     */
    req: { selection?: string; action?: string; more?: true };
    res: { ok: true };
  };
  /** Content script → worker: the toolbar's quick actions (the first three, titled) and how many in all. */
  'content/actions': {
    req: Record<string, never>;
    res: { actions: ToolbarAction[]; total: number };
  };
  /** Content script → worker: load the selection toolbar's code into the sender's tab (first use). */
  'content/toolbar': { req: Record<string, never>; res: { ok: true } };
  /**
   * Content script → worker: the few settings the in-page sidebar needs. Content scripts cannot
   * read storage.local themselves (the worker restricts it to extension pages, issue 23).
   */
  'content/settings': { req: Record<string, never>; res: ContentSettings };
  /** Content script → worker: the user resized the in-page sidebar to `width` pixels. */
  'content/sidebarWidth': { req: { width: number }; res: { ok: true } };
  /** Content script → worker: the sidebar was closed in the sender's tab. */
  'sidebar/closed': { req: Record<string, never>; res: { ok: true } };
  /** Sidebar page → worker: take the pending request for this tab (selection, action). */
  'sidebar/takePending': { req: { token: string }; res: { pending: SidebarRequest | null } };
  /** Re-reads settings that the worker applies (menus, proxy, selection button). */
  'settings/applied': { req: Record<string, never>; res: { ok: true } };
}

export type RequestType = keyof RequestMap;
export type RequestOf<K extends RequestType> = RequestMap[K]['req'];
export type ResponseOf<K extends RequestType> = RequestMap[K]['res'];

/** The envelope of a one-off request on runtime.sendMessage. */
export interface RequestEnvelope<K extends RequestType = RequestType> {
  type: K;
  payload: RequestOf<K>;
}

/** Errors travel back as data, never as a rejected promise across the boundary. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: StoredError };

/** The settings a content script may know (nothing about sites, proxy or tokens). */
export interface ContentSettings {
  sidebarWidth: number;
  sidebarMode: 'overlay' | 'push';
  language: 'auto' | 'en' | 'ru';
}

/** What the sidebar was opened for. */
/** A quick action as the selection toolbar shows it: its id and its title in the UI language. */
export interface ToolbarAction {
  id: string;
  title: string;
}

export interface SidebarRequest {
  context?: PageContext;
  /** A quick action to run at once (its prompt already filled), or undefined to let the user type. */
  prompt?: string;
  /** Whether to send `prompt` immediately or leave it in the composer for editing. */
  autoSend?: boolean;
  /** Characters cut from the context to fit the budget (the view warns before sending). */
  truncatedChars?: number;
  /** "Summarize this page": the context's whole text is summarized, in parts when long (never cut). */
  summarize?: boolean;
  /** Shown instead of a request (a video with no captions to summarize): nothing is sent. */
  notice?: string;
}

// ---- The turn port ------------------------------------------------------------------------

export const TURN_PORT = 'turn';
export const WATCH_PORT = 'watch';

/** View → worker on a `turn` port: the one command that starts the turn. */
export type TurnCommand =
  /** Send a new user message (creates the conversation when `conversationId` is null). */
  | {
      type: 'send';
      conversationId: string | null;
      text: string;
      context?: PageContext;
      model?: ModelName;
      /** The bot of the conversation's site to talk to (kept on the conversation). */
      bot?: ChosenBot;
      systemPrompt?: string;
    }
  /** A new version of the answer to the last question shown (the old versions stay). */
  | { type: 'regenerate'; conversationId: string }
  /** A new version of a question, answered; the old one keeps what followed it. */
  | { type: 'edit'; conversationId: string; messageId: string; text: string }
  /** Try again an errored or interrupted answer. */
  | { type: 'retry'; conversationId: string; messageId: string }
  /** Ask the site to continue an interrupted answer, keeping its partial text. */
  | { type: 'continue'; conversationId: string; messageId: string }
  /**
   * Summarize a page (`context.text` whole, uncut): one turn when it fits one message, else one
   * turn per part and a final one joining them (shared/page-parts.ts). `parts` limits how many
   * parts are summarized (the user's choice on an enormous page).
   */
  | {
      type: 'summarize';
      conversationId: string | null;
      prompt: string;
      context: PageContext;
      parts?: number;
    }
  /** Go on with a page summary that stopped between parts (Stop, a restarted worker). */
  | { type: 'resume-summary'; conversationId: string };

/** Worker → views (turn port and watch ports). Deltas carry their offset, so applying twice is harmless. */
export type TurnEvent =
  /**
   * The turn was accepted: the user's message is saved and the answer message exists (status
   * `streaming`). Views put `assistantMessage` in place by id: for `retry` it is the same id
   * with its text emptied, for `continue` the same id keeping its partial text (deltas then
   * start at its length). `userMessage` is the question being answered (new for send, changed
   * for edit, the existing one for regenerate) or null for retry/continue. When messages were
   * cut (edit, regenerate), watch ports first get `changed` with reason `edited`.
   */
  | {
      type: 'accepted';
      conversation: Conversation;
      userMessage: StoredMessage | null;
      assistantMessage: StoredMessage;
    }
  /** Text appended to a streaming answer at `offset` (its length before this piece). */
  | { type: 'delta'; conversationId: string; messageId: string; offset: number; text: string }
  /**
   * The answer reached its final state: `done`; `error` (with its typed error and any partial
   * text); or `interrupted` (Stop pressed: error kind `aborted`, partial text kept).
   */
  | { type: 'finished'; conversationId: string; message: StoredMessage }
  /**
   * The command was refused before anything was saved (bad input, unknown conversation, or an
   * answer is already being written in that conversation).
   */
  | { type: 'rejected'; error: StoredError };

/** View → worker on a `watch` port. */
export type WatchCommand = { type: 'watch'; conversationId: string };

/** Worker → views on a `watch` port: turn events plus "reload, something changed". */
export type WatchEvent =
  TurnEvent | { type: 'changed'; conversationId: string; reason: 'edited' | 'renamed' | 'deleted' };

/** Worker → sidebar host content script. */
export type ContentCommand =
  | { type: 'sidebar/toggle'; token: string }
  | { type: 'sidebar/show'; token: string }
  | { type: 'sidebar/close' };

/**
 * Worker → every open extension page, once a worker has started: a view whose watch port
 * dropped while it sat idle reconnects now (the worker is running anyway), so what another view
 * or a menu does next reaches it live. Views never start a stopped worker just to watch.
 */
export const WORKER_STARTED = 'worker/started';
export interface WorkerStartedMessage {
  type: typeof WORKER_STARTED;
  bootId: string;
}

/**
 * Worker → the Ask button's script in every tab: the setting was turned off (it can no longer
 * watch storage for that itself).
 */
export const SELECTION_BUTTON_STOP = 'selection-button/stop';

export function errorReply(kind: ChatErrorKind, message: string, detail?: string): Reply<never> {
  return { ok: false, error: { kind, message, ...(detail === undefined ? {} : { detail }) } };
}

/**
 * Public types of the chat-site client. This module is the contract between the provider
 * and its users (the background worker, the CLI, library users); keep it free of logic.
 */
import type { SiteBot } from './bot-match';

export type Role = 'system' | 'user' | 'assistant';

/** One message of a conversation, as the original provider takes it. */
export interface ChatMessage {
  role: Role;
  content: string;
}

/** Protocol generations of the AI Power (wpaicg) plugin; see docs/protocol.md#generations. */
export type Generation = 'G1' | 'G2' | 'G3' | 'G4' | 'G5';

/** How conversation memory is sent to the site. */
export type MemoryMode = 'plugin' | 'single-prompt';

/** Every kind of failure, as data: the type below and every check of a stored kind come from it. */
export const CHAT_ERROR_KINDS = [
  'network', // the site could not be reached (DNS, refused, reset, CORS/permission at fetch level)
  'timeout', // no first byte, or silence between chunks, longer than allowed
  'nonce', // the nonce was refused twice in a row
  'challenge', // a Cloudflare-style browser check answered instead of the site
  'not-a-chat-site', // the page has no chat tokens
  'plugin-missing', // admin-ajax answered 400 "0": the action is not registered
  'quota', // the plugin's guest token quota is reached
  'banned', // banned word or IP
  'upstream', // the model behind the site failed; the site's text is kept
  'server', // the site answered an HTTP 5xx error page
  'protocol', // a reply we could not read
  'cut', // the stream ended after some text with no completion marker; that text was yielded
  'invalid-message', // the site refused the message itself (empty, too long); its words are the message
  'refused', // the site refuses this client (not a nonce refusal); its words are the message
  'permission', // the extension lacks host permission for a custom site
  'storage-full', // the browser refused to store more for ChatGptt (IndexedDB quota); nothing was written
  'offline', // the browser is offline: the request never left it
  'busy', // another view's answer is being written in this conversation: nothing was sent
  'aborted', // the user stopped it
] as const;

export type ChatErrorKind = (typeof CHAT_ERROR_KINDS)[number];

/** A parsed event of one reply. The provider turns these into text pieces or a ChatError. */
export type ReplyEvent =
  | { type: 'delta'; text: string }
  | { type: 'note'; text: string }
  | { type: 'sources'; sources: AnswerSource[] }
  | { type: 'done' }
  | { type: 'error'; kind: ChatErrorKind; message: string; detail?: string };

/** The chat tokens read from a page: everything a request needs besides the message. */
export interface SiteTokens {
  generation: Generation;
  /** The page the tokens were read from. */
  pageUrl: string;
  /** `{origin}/wp-admin/admin-ajax.php`, or the page's own ajax_url when it names one. */
  ajaxUrl: string;
  nonce: string;
  postId: string;
  botId: string;
  /** `shortcode` or `widget` (G1–G4); `aipkit` for G5. */
  chatType: 'shortcode' | 'widget' | 'aipkit';
  /** The page's `data-url` (G1 memory keys use it). */
  url: string;
  /** `data-memory-limit`: how many history entries the site keeps. */
  memoryLimit: number;
  /** Whether the page's own JS would stream (`data-openai_stream_nav`); the server decides anyway. */
  streamHint: boolean;
  /** Epoch ms when the tokens were read. */
  fetchedAt: number;
  /** The plugin version named by the page's asset URLs (`?ver=`), when it names one. */
  pluginVersion?: string;
}

/** Where tokens are cached between turns (memory in Node, storage in the extension). */
export interface TokenCache {
  get(key: string): Promise<SiteTokens | undefined>;
  set(key: string, tokens: SiteTokens): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Progress of a turn, for callers that show what is happening (self-test, CLI --json, UI). */
export type ProgressEvent =
  | { type: 'tokens'; tokens: SiteTokens; cached: boolean; ms: number }
  | { type: 'request'; attempt: number }
  /** The nonce was refused: a new one came from the G5 nonce action, or from the page again. */
  | { type: 'nonce-refresh'; via: 'action' | 'page' }
  | { type: 'first-byte'; ms: number; streaming: boolean }
  /** G5 `event: warning`: the site's non-fatal note on the answer (e.g. a tool that failed). */
  | { type: 'note'; text: string }
  /** G5 `event: citations`: the sources the answer cites (web search, files). */
  | { type: 'sources'; sources: AnswerSource[] }
  /**
   * The page was read for tokens: its bots and whether it takes a model (what fetchBotChoice
   * gives), so a caller that lists bots need not GET the same page again.
   */
  | { type: 'bots'; bots: SiteBot[]; modelChoice: boolean };

/** One source an answer cites. `url` is as the site sent it: check it before making a link. */
export interface AnswerSource {
  url?: string;
  title?: string;
}

export interface ChatOptions {
  /** URL of the page that hosts the chat. Default https://chatgptt.me */
  site?: string;
  /** HTTP proxy for the site's requests (Node only), e.g. http://127.0.0.1:8080 */
  proxy?: string;
  signal?: AbortSignal;
  memoryMode?: MemoryMode;
  /** Most history entries to send; the page's data-memory-limit caps it. */
  memoryLimit?: number;
  /** Stable 10-character client id; the guest quota bucket on the site. */
  clientId?: string;
  /**
   * A stable id of this conversation. ≥2.3 (G5) sites keep the conversation on the server under
   * it. Default: derived from the client id, the bot and the conversation's first user message.
   */
  conversationId?: string;
  tokenCache?: TokenCache;
  /**
   * The bot of the page to talk to (an id from `ChatGptt.listModels`); default: the page's
   * first chat root.
   */
  bot?: string;
  /** Milliseconds to wait for the reply's first byte. Default 30 000. */
  firstByteTimeoutMs?: number;
  /** Milliseconds of silence allowed between chunks of a streamed reply. Default 30 000. */
  idleTimeoutMs?: number;
  /** The fetch to use (tests, proxies). Default globalThis.fetch. */
  fetch?: typeof fetch;
  onProgress?: (event: ProgressEvent) => void;
}

/** One step of a site self-test. */
export interface SelfTestStep {
  step: 'page' | 'tokens' | 'generation' | 'message' | 'reply';
  ok: boolean;
  ms: number;
  /** What was found, in a few words (e.g. "G4, shortcode, bot 0"). */
  info?: string;
  error?: { kind: ChatErrorKind; message: string; detail?: string };
}

export interface SelfTestResult {
  site: string;
  ok: boolean;
  generation?: Generation;
  steps: SelfTestStep[];
  reply?: string;
}

// The site's public option types (re-exported by server.ts) and its mutable runtime state.
import type { IncomingHttpHeaders } from 'node:http';
import type { NonceBook } from './nonce';
import type { ModelMessage } from './answer';

export type SiteGeneration = 'G1' | 'G2' | 'G3' | 'G4' | 'G5';

export interface SiteFaults {
  firstByteDelayMs?: number; // before the reply's first byte
  chunkDelayMs?: number; // between streamed chunks
  stall?: boolean; // send headers + first chunk, then nothing, never end
  dropMidStream?: boolean; // destroy the socket after part of the stream
  httpError?: 500 | 502 | 503; // HTML error page on admin-ajax
  garbage?: boolean; // garbage bytes as the reply body (with the usual content type)
  hugeReply?: boolean; // a ~10 MB reply
  invalidUtf8?: boolean; // invalid UTF-8 bytes inside the answer
  splitMultibyte?: boolean; // chunk boundaries inside multi-byte characters (answer has é, ж, 🙂)
  challenge?: 403 | 503; // every page and ajax answers a Cloudflare-style "Just a moment..." page
  clearance?: boolean; // like challenge: 503, until GET /pass-check/ (in a browser tab) sets the cf_clearance cookie; requests carrying it pass
  emptyStream?: boolean; // 200 text/event-stream with empty body (model unreachable, a-27)
  upstreamError?: boolean; // per-word `event: message` error frames + finish_reason frame (a-10)
  quota?: boolean; // tokenLimitReached (JSON or the SSE flag frame, a-13)
  bannedWord?: string; // messages containing this word get messageFlagged (a-17) (then normal stream)
}

export interface SiteOptions {
  port?: number; // default 0 (random)
  host?: string; // default 127.0.0.1
  /** Serve HTTPS with this key and certificate (the release-build e2e tier). */
  tls?: { key: string; cert: string };
  /** The address the site names itself by in its pages (default: where it listens), e.g. https://chatgptt.me */
  publicUrl?: string;
  generation?: SiteGeneration; // default 'G4'
  nonceLifeSec?: number; // default 86400; nonce valid for its tick and the previous one like WordPress
  stream?: boolean; // whether the shortcode bot streams (default true, like the real default)
  faults?: SiteFaults;
  reply?: string | null; // when set, every answer is exactly this text (hostile-content tests), streamed in small chunks
  pageRenderDelayMs?: number; // delay before serving pages (benchmarks: ~60)
  pagePaddingKb?: number; // pad pages to a realistic size (benchmarks: ~110)
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  generation: SiteGeneration;
  nonceLifeSec: number;
  stream: boolean;
  faults: SiteFaults;
  reply: string | null;
  pageRenderDelayMs: number;
  pagePaddingKb: number;
}

export function resolveOptions(o: SiteOptions, prev?: ResolvedOptions): ResolvedOptions {
  return {
    generation: o.generation ?? prev?.generation ?? 'G4',
    nonceLifeSec: o.nonceLifeSec ?? prev?.nonceLifeSec ?? 86400,
    stream: o.stream ?? prev?.stream ?? true,
    // A new fault set replaces the old one, so `configure({ faults: {} })` clears every fault.
    faults: { ...(o.faults ?? prev?.faults ?? {}) },
    reply: o.reply !== undefined ? o.reply : (prev?.reply ?? null),
    pageRenderDelayMs: o.pageRenderDelayMs ?? prev?.pageRenderDelayMs ?? 0,
    pagePaddingKb: o.pagePaddingKb ?? prev?.pagePaddingKb ?? 0,
  };
}

/** Default pause between streamed frames. The captured model paced ~150 ms; tests want speed. */
export const DEFAULT_CHUNK_DELAY_MS = 15;

export interface AipkitCacheEntry {
  botId: number;
  message: string;
  clientMessageId: string;
  createdAt: number;
}

/** What the simulated WordPress database remembers between requests. */
export interface SiteState {
  completionSeq: number;
  nextLogId: number;
  /** `wpaicg_chatlogs.log_session` → row id (md5(client_id-post_id)). */
  logIds: Map<string, number>;
  /** `wpaicg_chattokens`: tokens used per source and client id. */
  tokenUsage: Map<string, number>;
  /** AIPKit step-1 cache (transients), by cache key. */
  aipkitCache: Map<string, AipkitCacheEntry>;
  /** AIPKit server-side conversations, by bot|session|conversation. */
  aipkitConversations: Map<string, ModelMessage[]>;
}

export function newState(): SiteState {
  return {
    completionSeq: 0,
    nextLogId: 1,
    logIds: new Map(),
    tokenUsage: new Map(),
    aipkitCache: new Map(),
    aipkitConversations: new Map(),
  };
}

/** Everything a handler needs to answer one admin-ajax request. */
export interface AjaxContext {
  method: string;
  query: Record<string, string>;
  /** Parsed urlencoded or multipart body fields ($_POST); empty for other bodies. */
  form: Record<string, string>;
  headers: IncomingHttpHeaders;
  base: string;
  options: ResolvedOptions;
  nonces: NonceBook;
  state: SiteState;
}

/**
 * One chat turn against a site: tokens (cached or read from the page), the request of the
 * page's generation, the reply as text pieces, and the single nonce refresh (protocol §8).
 */
import { legacyFields, splitConversation, type TurnInput } from './chat-request';
import { generateClientId } from './client-id';
import { discoverTokens } from './discovery';
import { ChatError } from './errors';
import { bodyChunks, bodyText, RequestGuard, siteFetch, type SiteFetchOptions } from './http';
import {
  AipkitStreamInterpreter,
  classifyHttp,
  interpretAipkitCache,
  interpretLegacyJson,
  LegacyStreamInterpreter,
  MESSAGES,
  type ErrorEvent,
} from './reply';
import { ACTIONS, AIPKIT_FIELDS, CONTENT_TYPES, UNKNOWN_ACTION_BODY } from './site-knowledge';
import { SseParser, type SseEvent } from './sse';
import { memoryTokenCache } from './token-cache';
import type { ChatMessage, ChatOptions, ProgressEvent, ReplyEvent, SiteTokens } from './types';

export const DEFAULT_SITE = 'https://chatgptt.me';
/** Defaults chosen for a free site behind a slow model: generous, but a dead site is noticed. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** A whole (JSON) answer larger than this is refused: a guard for memory, far above real answers. */
const MAX_REPLY_BYTES = 64 * 1024 * 1024;
/** Most history entries sent when neither the caller nor the page says (the 1.9.18 default). */
export const DEFAULT_MEMORY_LIMIT = 100;

const sharedCache = memoryTokenCache();
let processClientId: string | undefined;

/** The client id of this process when the caller keeps none (the CLI keeps one per installation). */
function defaultClientId(): string {
  return (processClientId ??= generateClientId());
}

/** The site as a page URL: adds https:// when the scheme is missing. */
export function normalizeSite(site: string): string {
  const trimmed = site.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ChatError('not-a-chat-site', `Not a web address: ${site}`);
  url.hash = '';
  return url.href;
}

interface Resolved {
  site: string;
  guardOptions: {
    signal: AbortSignal | undefined;
    firstByteTimeoutMs: number;
    idleTimeoutMs: number;
  };
  http: SiteFetchOptions;
  progress: (event: ProgressEvent) => void;
}

function resolve(options: ChatOptions): Resolved {
  return {
    site: normalizeSite(options.site ?? DEFAULT_SITE),
    guardOptions: {
      signal: options.signal,
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    },
    http: { proxy: options.proxy, fetch: options.fetch },
    progress: (event) => {
      try {
        options.onProgress?.(event);
      } catch {
        // A listener's failure is not the turn's failure.
      }
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ChatError('aborted', 'Stopped.');
}

function fail(event: ErrorEvent, status?: number): never {
  throw new ChatError(event.kind, event.message, {
    ...(event.detail === undefined ? {} : { detail: event.detail }),
    ...(status === undefined ? {} : { status }),
  });
}

/** GETs the page and reads its tokens. */
export async function fetchTokens(options: ChatOptions = {}): Promise<SiteTokens> {
  const resolved = resolve(options);
  return loadTokens(resolved);
}

async function loadTokens(resolved: Resolved): Promise<SiteTokens> {
  const guard = new RequestGuard(resolved.guardOptions);
  try {
    const response = await siteFetch(
      resolved.site,
      { method: 'GET', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } },
      guard,
      resolved.http,
    );
    const html = await bodyText(response, guard);
    const failure = classifyHttp(response.status, response.headers, html);
    if (failure !== undefined) fail(failure, response.status);
    return discoverTokens(html, response.url || resolved.site);
  } finally {
    guard.dispose();
  }
}

/** The generator behind ChatGptt.createAsyncGenerator. */
export async function* runTurn(
  model: string,
  messages: ChatMessage[],
  options: ChatOptions = {},
): AsyncGenerator<string, void> {
  const resolved = resolve(options);
  const cache = options.tokenCache ?? sharedCache;
  const key = resolved.site;
  const turn = splitConversation(messages, options.memoryMode ?? 'plugin');
  throwIfAborted(options.signal);

  let tokens = await cache.get(key);
  let cached = tokens !== undefined;
  for (let attempt = 1; ; attempt++) {
    if (tokens === undefined) {
      const started = Date.now();
      tokens = await loadTokens(resolved);
      await cache.set(key, tokens);
      resolved.progress({ type: 'tokens', tokens, cached: false, ms: Date.now() - started });
    } else {
      resolved.progress({ type: 'tokens', tokens, cached: true, ms: 0 });
    }
    resolved.progress({ type: 'request', attempt });
    let answered = false;
    try {
      for await (const piece of sendTurn(tokens, model, turn, options, resolved)) {
        answered = true;
        yield piece;
      }
      return;
    } catch (cause) {
      const error =
        cause instanceof ChatError
          ? cause
          : new ChatError('protocol', MESSAGES.unreadable, { cause, detail: String(cause) });
      // A stale cache can also name a generation the site has left (an upgrade gives `400 0`).
      const refresh = error.kind === 'nonce' || (cached && error.kind === 'plugin-missing');
      if (!answered && refresh && attempt === 1) {
        resolved.progress({ type: 'nonce-refresh' });
        await cache.delete(key);
        tokens = undefined;
        cached = false;
        continue;
      }
      if (error.kind === 'nonce')
        throw new ChatError('nonce', MESSAGES.nonce, {
          ...(error.detail === undefined ? {} : { detail: error.detail }),
          ...(error.status === undefined ? {} : { status: error.status }),
        });
      throw error;
    }
  }
}

function sendTurn(
  tokens: SiteTokens,
  model: string,
  turn: TurnInput,
  options: ChatOptions,
  resolved: Resolved,
): AsyncGenerator<string, void> {
  return tokens.generation === 'G5'
    ? sendAipkit(tokens, turn, options, resolved)
    : sendLegacy(tokens, model, turn, options, resolved);
}

async function* sendLegacy(
  tokens: SiteTokens,
  model: string,
  turn: TurnInput,
  options: ChatOptions,
  resolved: Resolved,
): AsyncGenerator<string, void> {
  const fields = legacyFields(tokens, turn, {
    clientId: options.clientId ?? defaultClientId(),
    memoryLimit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    model,
  });
  const guard = new RequestGuard(resolved.guardOptions);
  try {
    const started = Date.now();
    const response = await siteFetch(
      tokens.ajaxUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'text/event-stream, application/json, */*;q=0.5',
        },
        body: new URLSearchParams(fields).toString(),
      },
      guard,
      resolved.http,
    );
    yield* readReply(
      response,
      guard,
      resolved,
      started,
      () => new LegacyStreamInterpreter(),
      interpretLegacyJson,
    );
  } finally {
    guard.dispose();
  }
}

interface StreamInterpreter {
  push(frame: SseEvent): ReplyEvent[];
  end(parser: SseParser): ReplyEvent[];
}

/** Branches on the Content-Type (§4.1): SSE is read as it arrives; anything else whole. */
async function* readReply(
  response: Response,
  guard: RequestGuard,
  resolved: Resolved,
  started: number,
  streamInterpreter: () => StreamInterpreter,
  jsonInterpreter: (body: string) => ReplyEvent[],
): AsyncGenerator<string, void> {
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  const streaming = response.status === 200 && contentType.startsWith(CONTENT_TYPES.sse);
  resolved.progress({ type: 'first-byte', ms: Date.now() - started, streaming });
  if (!streaming) {
    const body = await bodyText(response, guard, MAX_REPLY_BYTES);
    const failure = classifyHttp(response.status, response.headers, body);
    if (failure !== undefined) fail(failure, response.status);
    const trimmed = body.trim();
    if (trimmed === UNKNOWN_ACTION_BODY || trimmed === '-1')
      fail({
        type: 'error',
        kind: 'plugin-missing',
        message: MESSAGES.pluginMissing,
        detail: trimmed,
      });
    if (trimmed === '') fail({ type: 'error', kind: 'upstream', message: MESSAGES.noAnswer });
    yield* emit(jsonInterpreter(body));
    return;
  }
  const parser = new SseParser();
  const interpreter = streamInterpreter();
  for await (const chunk of bodyChunks(response, guard)) {
    for (const frame of parser.push(chunk)) {
      if (yield* emit(interpreter.push(frame))) return;
    }
  }
  for (const frame of parser.end()) {
    if (yield* emit(interpreter.push(frame))) return;
  }
  yield* emit(interpreter.end(parser));
}

/** Yields the deltas; throws the error; returns true once the reply is done. */
function* emit(events: ReplyEvent[]): Generator<string, boolean> {
  for (const event of events) {
    if (event.type === 'delta') yield event.text;
    else if (event.type === 'error') fail(event);
    else return true;
  }
  return false;
}

/** Appendix A: cache the message (POST), then stream the answer (GET). */
async function* sendAipkit(
  tokens: SiteTokens,
  turn: TurnInput,
  options: ChatOptions,
  resolved: Resolved,
): AsyncGenerator<string, void> {
  const clientId = options.clientId ?? defaultClientId();
  const guard = new RequestGuard(resolved.guardOptions);
  let cacheKey: string;
  try {
    const response = await siteFetch(
      tokens.ajaxUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams([
          [AIPKIT_FIELDS.action, ACTIONS.aipkitCache],
          [AIPKIT_FIELDS.nonce, tokens.nonce],
          [AIPKIT_FIELDS.botId, tokens.botId],
          [AIPKIT_FIELDS.message, turn.message],
          [
            AIPKIT_FIELDS.clientMessageId,
            `aipkit-client-msg-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
          ],
        ]).toString(),
      },
      guard,
      resolved.http,
    );
    const body = await bodyText(response, guard);
    const failure = classifyHttp(response.status, response.headers, body);
    if (failure !== undefined) fail(failure, response.status);
    const cached = interpretAipkitCache(body);
    if ('type' in cached) fail(cached);
    cacheKey = cached.cacheKey;
  } finally {
    guard.dispose();
  }

  const conversation =
    options.conversationId !== undefined && options.conversationId !== ''
      ? await stableUuid(`conversation:${clientId}:${options.conversationId}`)
      : await conversationUuid(clientId, turn, tokens);
  const query = new URLSearchParams([
    [AIPKIT_FIELDS.action, ACTIONS.aipkitStream],
    [AIPKIT_FIELDS.cacheKey, cacheKey],
    [AIPKIT_FIELDS.nonce, tokens.nonce],
    [AIPKIT_FIELDS.botId, tokens.botId],
    [AIPKIT_FIELDS.sessionId, await stableUuid(`session:${clientId}`)],
    [AIPKIT_FIELDS.conversationId, conversation],
    [AIPKIT_FIELDS.postId, tokens.postId],
    [AIPKIT_FIELDS.timestamp, String(Date.now())],
  ]);
  const streamGuard = new RequestGuard(resolved.guardOptions);
  try {
    const started = Date.now();
    const url = `${tokens.ajaxUrl}${tokens.ajaxUrl.includes('?') ? '&' : '?'}${query.toString()}`;
    const response = await siteFetch(
      url,
      { method: 'GET', headers: { accept: 'text/event-stream' } },
      streamGuard,
      resolved.http,
    );
    yield* readReply(
      response,
      streamGuard,
      resolved,
      started,
      () => new AipkitStreamInterpreter(),
      (body) => {
        const step = interpretAipkitCache(body);
        return 'type' in step
          ? [step]
          : [{ type: 'error', kind: 'protocol', message: MESSAGES.unreadable, detail: body }];
      },
    );
  } finally {
    streamGuard.dispose();
  }
}

/**
 * G5 keeps the conversation on the server under `conversation_uuid`. The same conversation must
 * keep the same id across turns and processes. Callers that have a conversation id pass it
 * (`conversationId`); otherwise it is derived from the client id and the conversation's first
 * user message (two conversations opening with the same words then share the site's memory).
 */
async function conversationUuid(
  clientId: string,
  turn: TurnInput,
  tokens: SiteTokens,
): Promise<string> {
  const first = turn.previous.find((m) => m.role === 'user')?.content ?? turn.message;
  return stableUuid(`conversation:${clientId}:${tokens.botId}:${first}`);
}

/** A v4-shaped UUID from a SHA-256 of `seed`. */
export async function stableUuid(seed: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(seed)),
  );
  const bytes = digest.slice(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

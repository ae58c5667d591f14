/** A G5 (AIPKit, plugin ≥2.3) exchange: cache the message, then stream the answer (Appendix A). */
import type { TurnInput } from './chat-request';
import { ChatError } from './errors';
import { bodyText, RequestGuard, siteFetch } from './http';
import { readReply } from './read-reply';
import { refuseRedirect } from './redirects';
import {
  AipkitStreamInterpreter,
  classifyHttp,
  interpretAipkitCache,
  isAipkitCacheMiss,
  MESSAGES,
} from './reply';
import { ACTIONS, AIPKIT_FIELDS } from './site-knowledge';
import { defaultClientId, fail, type TurnContext } from './turn-context';
import type { ChatOptions, SiteTokens } from './types';

/**
 * Appendix A: cache the message (POST), then stream the answer (GET). A step 2 that says the key
 * is unknown (never stored, used already, expired: a proxy that replayed the GET, a site cache
 * that lost it) is redone once from step 1 with a fresh key, as nothing was answered yet.
 */
export async function* sendAipkit(
  tokens: SiteTokens,
  turn: TurnInput,
  options: ChatOptions,
  context: TurnContext,
): AsyncGenerator<string, void> {
  const clientId = options.clientId ?? defaultClientId();
  for (let attempt = 1; ; attempt++) {
    const cacheKey = await cacheMessage(tokens, turn, context);
    let answered = false;
    try {
      for await (const piece of streamAnswer(tokens, turn, clientId, cacheKey, options, context)) {
        answered = true;
        yield piece;
      }
      return;
    } catch (error) {
      const miss =
        !answered &&
        error instanceof ChatError &&
        error.kind === 'server' &&
        isAipkitCacheMiss(error.message);
      if (!miss) throw error;
      if (attempt === 1) continue;
      throw new ChatError('server', `${MESSAGES.cacheMiss} ${error.message}`, {
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        cause: error,
      });
    }
  }
}

/** Step 1: `aipkit_cache_sse_message`; the key of the cached message. */
async function cacheMessage(
  tokens: SiteTokens,
  turn: TurnInput,
  context: TurnContext,
): Promise<string> {
  const guard = new RequestGuard(context.guardOptions);
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
      context.http,
    );
    refuseRedirect(response, tokens.ajaxUrl);
    const body = await bodyText(response, guard);
    const failure = classifyHttp(response.status, response.headers, body);
    if (failure !== undefined) fail(failure, response.status);
    const cached = interpretAipkitCache(body);
    if ('type' in cached) fail(cached);
    return cached.cacheKey;
  } finally {
    guard.dispose();
  }
}

/** Step 2: `aipkit_frontend_chat_stream` for that key, as text pieces. */
async function* streamAnswer(
  tokens: SiteTokens,
  turn: TurnInput,
  clientId: string,
  cacheKey: string,
  options: ChatOptions,
  context: TurnContext,
): AsyncGenerator<string, void> {
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
  const streamGuard = new RequestGuard(context.guardOptions);
  try {
    const started = Date.now();
    const url = `${tokens.ajaxUrl}${tokens.ajaxUrl.includes('?') ? '&' : '?'}${query.toString()}`;
    const response = await siteFetch(
      url,
      { method: 'GET', headers: { accept: 'text/event-stream' } },
      streamGuard,
      context.http,
    );
    yield* readReply(
      response,
      streamGuard,
      context,
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

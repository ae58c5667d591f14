// admin-ajax.php on a ≥2.3 site (AIPKit, protocol appendix A): step 1 caches the message and
// returns a key, step 2 streams named SSE events for that key. Conversations live on the server.
import { randomBytes } from 'node:crypto';
import {
  answerOptions,
  chunkText,
  echoAnswer,
  triggerIn,
  upstreamErrorText,
  type ModelMessage,
} from './answer';
import { DEFAULT_MODEL, aipkitModel } from './catalog';
import { absint, isEmbedRequest } from './embed-check';
import { NONCE_ACTIONS } from './nonce';
import type { AjaxContext } from './options';
import { ajaxHeaders, jsonReply, wire, type Reply } from './wire';
import { wpJson } from './wp-format';

export const AIPKIT_ACTIONS = [
  'aipkit_cache_sse_message',
  'aipkit_frontend_chat_stream',
  'aipkit_get_frontend_chat_nonce',
] as const;

/** 2.4.71's default history length of a bot (docs/protocol.md#message-and-history-limits). */
const AIPKIT_MAX_MESSAGES = 15;
/** curl's text when the model's chunked answer stops short (error 18), as start-stream.php quotes it. */
const CURL_DROPPED = 'transfer closed with outstanding read data remaining';

const SYSTEM_PROMPT = 'You are a helpful AI Assistant. Please be friendly.';
const CACHE_TTL_MS = 5 * 60_000;

function alnum(n: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(n), (b) => chars[b % chars.length]).join('');
}

function fail(status: number, message: string, code: string): Reply {
  return jsonReply(wpJson({ success: false, data: { message, code } }), status);
}

/** A bot request from a foreign Origin: an embed, which the free plan does not have. */
const isEmbed = (ctx: AjaxContext): boolean =>
  absint(ctx.form['bot_id']) > 0 && isEmbedRequest(ctx.headers.origin, ctx.base);

/** Step 1: `aipkit_cache_sse_message` (fn-ajax-cache-sse-message.php). */
function cacheMessage(ctx: AjaxContext): Reply {
  const f = ctx.form; // wp_unslash($_POST)
  // Checked before the nonce (2.4.71; README of ../shared/real-plugin).
  if (isEmbed(ctx))
    return fail(
      403,
      'Embed feature is not available with your current plan.',
      'embed_not_available',
    );
  if (!ctx.nonces.verify(f['_ajax_nonce'], NONCE_ACTIONS.aipkit)) {
    return fail(
      403,
      'Your session has expired or the request is invalid. Please refresh the page and try again.',
      'nonce_failure_cache_sse',
    );
  }
  const message = f['message'] ?? '';
  // Wording from fn-ajax-cache-sse-message.php (2.4.x); not captured.
  if (!message || message === '0')
    return fail(400, 'Data to cache (message or image) cannot be empty.', 'empty_data_to_cache');
  const key = `aipkit_sse_${alnum(32)}`;
  ctx.state.aipkitCache.set(key, {
    botId: Number(f['bot_id'] ?? 0),
    message,
    clientMessageId: f['user_client_message_id'] ?? '',
    createdAt: Date.now(),
  });
  return jsonReply(wpJson({ success: true, data: { cache_key: key } }));
}

function streamHeaders(): Reply['headers'] {
  const base = ajaxHeaders('no-cache, no-store, must-revalidate, max-age=0, no-transform');
  const at = base.findIndex(([k]) => k === 'X-Frame-Options');
  return [
    ...base.slice(0, at + 1),
    ['Pragma', 'no-cache'],
    ['X-Accel-Buffering', 'no'],
    ['Connection', 'keep-alive'],
    ['Transfer-Encoding', 'chunked'],
    ['Content-Type', 'text/event-stream; charset=utf-8'],
  ];
}

/** The stream opens with a 4096-space comment line to push proxies into streaming. */
const PADDING = Buffer.from(':' + ' '.repeat(4096) + '\n\n');

const event = (name: string, data: unknown, id?: string): Buffer =>
  wire(`event: ${name}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
const errorEvent = (text: string): Buffer =>
  event('error', { error: text }, `err-${Math.floor(Date.now() / 1000)}`);
const DONE = (): Buffer => event('done', { finished: true });

/** Step 2: `aipkit_frontend_chat_stream` (EventSource GET). Errors are SSE events with HTTP 200. */
function chatStream(ctx: AjaxContext): Reply {
  const f = ctx.query; // $_GET; check_ajax_referer reads $_REQUEST
  const nonce = ctx.query['_ajax_nonce'] ?? ctx.form['_ajax_nonce'];
  const faults = ctx.options.faults;
  const headers = streamHeaders();
  const fails = (text: string): Reply => ({
    status: 200,
    headers,
    frames: [PADDING, errorEvent(text), DONE()],
    paceMs: 0,
  });
  if (!ctx.nonces.verify(nonce, NONCE_ACTIONS.aipkit))
    return fails('Security check failed. Please refresh the page and try again.');
  // Wording from fn-process-initial-request.php and the cache's fn-get.php (2.4.x); not captured.
  const key = f['cache_key'] ?? '';
  if (!key) return fails('Message cache key is missing.');
  const cached = ctx.state.aipkitCache.get(key);
  ctx.state.aipkitCache.delete(key); // a cache key is single-use
  if (!cached) return fails('Message not found in cache.');
  if (Date.now() - cached.createdAt > CACHE_TTL_MS) return fails('Cached message has expired.');
  if (faults.emptyStream) return { status: 200, headers, frames: [PADDING], paceMs: 0 };
  if (faults.quota) return fails('You have reached your token limit.');
  // 2.4.71 build_token_limit_exceeded_error_logic: the bot's own limit text (any language)
  // plus a `quota_notice` card, sent by fn-ajax-frontend-chat-stream.php as one error event.
  if (cached.message.includes('TRIGGER_QUOTA_RU'))
    return {
      status: 200,
      headers,
      frames: [
        PADDING,
        event(
          'error',
          {
            error: QUOTA_RU,
            quota_notice: { type: 'quota_notice', message: QUOTA_RU, actions: [] },
          },
          `err-${Math.floor(Date.now() / 1000)}`,
        ),
        DONE(),
      ],
      paceMs: 0,
    };

  const convKey = `${cached.botId}|${f['session_id'] ?? ''}|${f['conversation_uuid'] ?? ''}`;
  const past = ctx.state.aipkitConversations.get(convKey) ?? [];
  // 2.4.71 fn-process-chat.php: the stored thread without the current message, cut to the bot's
  // max_messages (default 15, BotSettingsManager::DEFAULT_MAX_MESSAGES), then the message.
  const messages: ModelMessage[] = [
    { role: 'system', content: SYSTEM_PROMPT },
    ...past.slice(-AIPKIT_MAX_MESSAGES),
    { role: 'user', content: cached.message },
  ];
  const trigger = triggerIn(cached.message);
  ctx.state.completionSeq += 1;
  const responseId = `resp_site${String(ctx.state.completionSeq).padStart(6, '0')}`;
  const start = [
    PADDING,
    event('message_start', {
      message_id: `aipkit-msg-${randomBytes(7).toString('hex')}.${Date.now() % 1e8}`,
    }),
    event('status', { type: 'response.created', status: 'in_progress', response_id: responseId }),
    event('status', {
      type: 'response.in_progress',
      status: 'in_progress',
      response_id: responseId,
    }),
  ];
  if (faults.upstreamError || trigger === '429' || trigger === '401') {
    const kind = trigger === '401' ? '401' : '429';
    return {
      status: 200,
      headers,
      frames: [...start, errorEvent(upstreamErrorText(kind, DEFAULT_MODEL)), DONE()],
    };
  }
  const answer = echoAnswer(messages, aipkitModel(cached.botId), answerOptions(ctx.options));
  const pieces = chunkText(answer, faults.hugeReply ? 8192 : 16);
  const deltas = pieces.map((p) => wire(`data: ${JSON.stringify({ delta: p })}\n\n`));
  // The model's connection broke after 3 pieces: curl fails, start-stream.php sends
  // `Connection Error: <curl error>` as an error event and ends the body with no done event.
  if (trigger === 'drop')
    return {
      status: 200,
      headers,
      frames: [...start, ...deltas.slice(0, 3), errorEvent(`Connection Error: ${CURL_DROPPED}`)],
    };
  ctx.state.aipkitConversations.set(convKey, [
    ...past,
    { role: 'user', content: cached.message },
    { role: 'assistant', content: answer },
  ]);
  return {
    status: 200,
    headers,
    frames: [
      ...start,
      ...notes(cached.message),
      ...deltas,
      ...citations(cached.message),
      event('openai_response_id', { id: responseId }),
      DONE(),
    ],
    paceMs: faults.hugeReply ? 0 : undefined,
  };
}

/** A Russian limit text, as a site whose bot's limit message is set in Russian sends it. */
export const QUOTA_RU = 'Вы исчерпали лимит сообщений. Попробуйте завтра.';

/** `TRIGGER_WARNING`: a non-fatal `event: warning` before the text (curl callback, `is_warning`). */
export const WARNING_TEXT = 'Web search is unavailable right now; answering without it.';
function notes(message: string): Buffer[] {
  return message.includes('TRIGGER_WARNING')
    ? [event('warning', { error: WARNING_TEXT }, `err-${Math.floor(Date.now() / 1000)}`)]
    : [];
}

/**
 * `TRIGGER_CITATIONS`: `event: citations` after the text with the normalized citation shape of
 * openai/extract-citations.php (type, url, title, source_title, cited_text); one of them has a
 * `javascript:` URL, which a client must never make a link.
 */
export const CITATIONS = [
  {
    type: 'url_citation',
    url: 'https://example.org/source-one',
    title: 'Source one',
    source_title: 'Source one',
    cited_text: 'first',
  },
  { type: 'url_citation', url: 'javascript:alert(1)', title: 'Bad source' },
  { type: 'char_location', url: 'https://example.org/source-two', source_title: 'Source two' },
];
function citations(message: string): Buffer[] {
  return message.includes('TRIGGER_CITATIONS') ? [event('citations', CITATIONS)] : [];
}

/** `aipkit_get_frontend_chat_nonce`: a fresh nonce for long-lived pages. */
function freshNonce(ctx: AjaxContext): Reply {
  // The CORS manager's verdict for an embed on the free plan (fn-ajax-get-frontend-chat-nonce.php).
  if (isEmbed(ctx))
    return fail(403, 'This domain is not permitted to access the chatbot.', 'cors_denied');
  return jsonReply(
    wpJson({ success: true, data: { nonce: ctx.nonces.create(NONCE_ACTIONS.aipkit) } }),
  );
}

export function handleAipkit(ctx: AjaxContext, action: string): Reply {
  if (action === 'aipkit_cache_sse_message') return cacheMessage(ctx);
  if (action === 'aipkit_frontend_chat_stream') return chatStream(ctx);
  return freshNonce(ctx);
}

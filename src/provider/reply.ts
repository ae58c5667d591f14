/**
 * Turns what the site answered into ReplyEvents: HTTP-level failures, whole JSON bodies, and the
 * legacy (G2–G4) and AIPKit (G5) streams. Pure: no I/O, so every capture can be fed through it.
 * docs/protocol.md#replies and docs/protocol.md#errors; captures a-* and b-*.
 */
import { ChunkTemplate } from './chunk-template';
import { decodeEntities } from './entities';
import type { SseEvent } from './sse';
import {
  AIPKIT_CACHE_MISS_TEXTS,
  AIPKIT_EVENTS,
  AIPKIT_NONCE_CODE_PREFIX,
  AIPKIT_NONCE_ERROR_TEXTS,
  AIPKIT_REFUSAL_CODES,
  AIPKIT_REFUSAL_TEXTS,
  BANNED_TEXTS,
  CHALLENGE_HEADER,
  CHALLENGE_TEXTS,
  FLAG_KINDS,
  INVALID_MESSAGE_TEXTS,
  NONCE_ERROR_TEXTS,
  QUOTA_TEXTS,
  SSE_DONE,
  SSE_LIMITED,
  UNKNOWN_ACTION_BODY,
  UPSTREAM_ERROR_EVENT,
} from './site-knowledge';
import type { AnswerSource, ChatErrorKind, ReplyEvent } from './types';

export type ErrorEvent = Extract<ReplyEvent, { type: 'error' }>;

const MAX_DETAIL = 2000;
/**
 * An error event. The message is what a user reads, so the site's character references are
 * decoded here, once for every path (WordPress escapes its texts: `Couldn&#039;t connect`); the
 * detail keeps the raw text as it came.
 */
function error(kind: ChatErrorKind, message: string, detail?: string): ErrorEvent {
  const text = decodeEntities(message);
  return detail === undefined
    ? { type: 'error', kind, message: text }
    : { type: 'error', kind, message: text, detail: detail.slice(0, MAX_DETAIL) };
}

export const MESSAGES = {
  noAnswer: "The site's model did not answer (the reply was empty).",
  unreadable: 'The site sent a reply that could not be read.',
  challenge: 'The site answered with a browser check (Cloudflare or similar) instead of the chat.',
  pluginMissing:
    'The site does not know this chat action (HTTP 400 "0"): the AI Power plugin is missing, inactive, or newer than the page says.',
  nonce: 'The site refused the chat token (nonce) even after reading a fresh one.',
  cutLegacy:
    "The site's stream ended after part of the answer, without its end marker ([DONE] or finish_reason).",
  cutAipkit: "The site's stream ended after part of the answer, without its done event.",
  cutConnection: 'The connection to the site broke after part of the answer.',
  refused: 'The site refuses requests from this client',
  cacheMiss: 'The site lost the message it was given, twice (its message cache may be broken):',
  humanCheck:
    'The site asks for a human check (Turnstile or captcha) before it chats. Pass it once in a normal tab of this browser, then send again.',
} as const;

/**
 * A Turnstile / captcha refusal in front of AIPKit: codes like `ts_required`, `ts_invalid`,
 * `captcha_failed`, `recaptcha_*`, or a message naming the check. The 2.4.71 source has no such
 * code itself (sites add it with add-ons and security plugins), so this matches by pattern.
 */
export function isHumanCheck(code: string, message: string): boolean {
  return (
    /^(ts_|turnstile|h?captcha|recaptcha)/i.test(code) ||
    /\b(ts_required|turnstile|h?captcha|recaptcha)\b|verify (that )?you are (a )?human/i.test(
      message,
    )
  );
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a site text is one of the nonce failures of any generation. */
export function isNonceText(text: string): boolean {
  return (
    NONCE_ERROR_TEXTS.some((t) => text.includes(t)) ||
    AIPKIT_NONCE_ERROR_TEXTS.some((t) => text.includes(t))
  );
}

export function looksLikeChallenge(status: number, headers: Headers, body: string): boolean {
  if ((headers.get(CHALLENGE_HEADER) ?? '').toLowerCase().includes('challenge')) return true;
  if (status !== 403 && status !== 503 && status !== 429 && status !== 200) return false;
  // Only an HTML page can be a browser check: a JSON or SSE answer may quote these words.
  if (!(headers.get('content-type') ?? '').toLowerCase().includes('html')) return false;
  return CHALLENGE_TEXTS.some((t) => body.includes(t));
}

/**
 * A failure decided by the status line and the body alone, before the Content-Type branch.
 * Undefined when the reply should be read as a chat answer.
 */
export function classifyHttp(
  status: number,
  headers: Headers,
  body: string,
): ErrorEvent | undefined {
  if (looksLikeChallenge(status, headers, body))
    return error('challenge', MESSAGES.challenge, body);
  if (status === 200) return undefined;
  const trimmed = body.trim();
  if (isNonceText(trimmed) || (status === 403 && isAipkitNonceJson(trimmed)))
    return error('nonce', `The site refused the chat token (HTTP ${status}).`, trimmed);
  if (status === 400 && trimmed === UNKNOWN_ACTION_BODY)
    return error('plugin-missing', MESSAGES.pluginMissing, trimmed);
  const refusal = wpJsonError(trimmed);
  const words = refusal?.message ?? '';
  if (status >= 500)
    return error(
      'server',
      `The site failed (HTTP ${status})${words ? `: ${words}` : '.'}`,
      trimmed,
    );
  if (status === 404 || status === 410)
    return error('not-a-chat-site', `The site has no chat endpoint (HTTP ${status}).`, trimmed);
  if (status >= 200 && status < 300) return undefined;
  // The site's own words, when it gave some (`wp_send_json_error`), are what the user reads.
  if (
    status === 403 ||
    (refusal !== undefined && (AIPKIT_REFUSAL_CODES as readonly string[]).includes(refusal.code))
  )
    return error('refused', words || `${MESSAGES.refused} (HTTP ${status}).`, trimmed);
  if (status === 400 && refusal !== undefined && words !== '')
    return error('invalid-message', words, trimmed);
  return error('protocol', words || `The site answered HTTP ${status}.`, trimmed);
}

/** `wp_send_json_error(['message' => …, 'code' => …])`: `{"success":false,"data":{…}}`. */
function wpJsonError(body: string): { message: string; code: string } | undefined {
  const value = parseJson(body);
  if (!isRecord(value) || value['success'] !== false) return undefined;
  const data = value['data'];
  if (typeof data === 'string') return { message: data, code: '' };
  if (!isRecord(data)) return { message: '', code: '' };
  return { message: textOf(data['message']) ?? '', code: textOf(data['code']) ?? '' };
}

/** Whether an AIPKit step-2 error says the cache key was not (or no longer) there. */
export function isAipkitCacheMiss(text: string): boolean {
  return AIPKIT_CACHE_MISS_TEXTS.some((t) => text.includes(t));
}

function isAipkitNonceJson(body: string): boolean {
  const value = parseJson(body);
  if (!isRecord(value) || !isRecord(value['data'])) return false;
  const code = textOf(value['data']['code']) ?? '';
  return code.startsWith(AIPKIT_NONCE_CODE_PREFIX);
}

/** A plugin flag object or a legacy JSON error (docs/protocol.md#plugin-flag-frames) as an error; else undefined. */
/** Made once: this runs for every frame of every stream. */
const FLAG_ENTRIES = Object.entries(FLAG_KINDS);

/**
 * Whether any FLAG_KINDS key is set, each read by a constant name: reading them in a loop by a
 * changing name is a slow keyed load per flag per frame (a fifth of the interpreter's time on
 * the bench). A test checks this list against FLAG_KINDS.
 */
function anyFlag(object: Record<string, unknown>): boolean {
  return Boolean(
    object['tokenLimitReached'] ||
    object['messageFlagged'] ||
    object['ipBanned'] ||
    object['pineconeError'] ||
    object['modflag'],
  );
}

function flagError(object: Record<string, unknown>): ErrorEvent | undefined {
  if (!anyFlag(object)) return undefined;
  // The flags' own order decides which one a frame with several reports.
  for (const [flag, kind] of FLAG_ENTRIES) {
    if (object[flag]) {
      const msg = textOf(object['msg']) ?? '';
      return error(kind, msg || `The site stopped the answer (${flag}).`, JSON.stringify(object));
    }
  }
  return undefined;
}

function errorFromMsg(msg: string, raw: string): ErrorEvent {
  if (isNonceText(msg)) return error('nonce', 'The site refused the chat token.', msg);
  if (BANNED_TEXTS.some((t) => msg.includes(t))) return error('banned', msg, raw);
  if (QUOTA_TEXTS.some((t) => msg.includes(t))) return error('quota', msg, raw);
  if (INVALID_MESSAGE_TEXTS.some((t) => msg.includes(t))) return error('invalid-message', msg, raw);
  if (AIPKIT_REFUSAL_TEXTS.some((t) => msg.includes(t))) return error('refused', msg, raw);
  // Not an upstream failure: the site lost the message it was given (redone once, see exchange-aipkit).
  if (isAipkitCacheMiss(msg)) return error('server', msg, raw);
  return error('upstream', msg || 'The site reported an error without a message.', raw);
}

/** docs/protocol.md#legacy-json-replies: a whole JSON body of the legacy handler. */
export function interpretLegacyJson(body: string): ReplyEvent[] {
  const value = parseJson(body);
  if (!isRecord(value)) return [error('protocol', MESSAGES.unreadable, body)];
  const flagged = flagError(value);
  if (flagged !== undefined) return [flagged];
  if (value['status'] === 'success') {
    const data = textOf(value['data']) ?? textOf(value['msg']) ?? '';
    if (data === '') return [error('upstream', MESSAGES.noAnswer, body)];
    return [{ type: 'delta', text: data }, { type: 'done' }];
  }
  return [errorFromMsg(textOf(value['msg']) ?? '', body)];
}

/** The text piece of an OpenAI-style chunk: `choices[0].delta.content` or `choices[0].text`. */
function choiceOf(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = object['choices'];
  return Array.isArray(choices) && isRecord(choices[0]) ? choices[0] : undefined;
}

/**
 * The legacy stream (docs/protocol.md#legacy-stream). Frames without an event name are the OpenAI pass-through;
 * frames named `message` are the plugin's per-word re-telling of an upstream error, joined and
 * reported as one upstream error when its `finish_reason` frame (or the end) arrives.
 */
export class LegacyStreamInterpreter {
  private errorWords: string[] | undefined;
  private finished = false;
  private readable = 0;
  private unreadable = 0;
  private text = 0;

  /** `template: null` turns the fast path off (tests compare both ways). */
  constructor(private readonly template: ChunkTemplate | null = new ChunkTemplate()) {}

  push(frame: SseEvent): ReplyEvent[] {
    if (this.finished) return [];
    const raw = frame.data;
    // Nearly every frame is the last text frame with another content (chunk-template.ts).
    if (frame.event === undefined && this.template) {
      const piece = this.template.match(raw);
      if (piece !== undefined) {
        this.readable++;
        if (piece === '') return [];
        this.text += piece.length;
        return [{ type: 'delta', text: piece }];
      }
    }
    // An OpenAI chunk ("{…}", nearly every frame) has nothing to trim: skip the call.
    const data =
      raw.charCodeAt(0) === 123 && raw.charCodeAt(raw.length - 1) === 125 ? raw : raw.trim();
    if (data === SSE_DONE) return this.finish([this.done()]);
    if (data === SSE_LIMITED) return this.finish([this.upstreamError()]);
    const value = parseJson(data);
    if (!isRecord(value)) {
      // The official JS logs and skips unreadable lines (a `"` in a per-word error breaks one).
      if (data !== '') this.unreadable++;
      return [];
    }
    this.readable++;
    const flagged = flagError(value);
    if (flagged !== undefined) return this.finish([flagged]);
    const upstream = value['error'];
    if (upstream !== undefined) {
      const message = isRecord(upstream) ? textOf(upstream['message']) : textOf(upstream);
      return this.finish([error('upstream', message ?? 'The model failed.', data)]);
    }
    if (value['status'] === 'error')
      return this.finish([errorFromMsg(textOf(value['msg']) ?? '', data)]);
    const choice = choiceOf(value);
    if (choice === undefined) return [];
    const delta = isRecord(choice['delta']) ? textOf(choice['delta']['content']) : undefined;
    const piece = delta ?? textOf(choice['text']) ?? '';
    const finishDetails = isRecord(choice['finish_details'])
      ? choice['finish_details']['type']
      : undefined;
    const finishReason = choice['finish_reason'];
    const last = (finishReason !== undefined && finishReason !== null) || finishDetails === 'stop';
    let text: ReplyEvent | undefined;
    if (frame.event === UPSTREAM_ERROR_EVENT) (this.errorWords ??= []).push(piece);
    else if (piece !== '') {
      this.text += piece.length;
      text = { type: 'delta', text: piece };
    }
    // Nearly every frame is one piece of text and not the last: one small array, made whole.
    if (!last) {
      if (frame.event === undefined && delta !== undefined) this.template?.learn(data);
      return text ? [text] : [];
    }
    this.finished = true;
    const end = this.errorWords !== undefined ? this.upstreamError() : this.done();
    return text ? [text, end] : [end];
  }

  /** End of body: done, or why there is no answer. */
  end(parser: { bytes: number; lines: number }): ReplyEvent[] {
    if (this.finished) return [];
    this.finished = true;
    if (this.errorWords !== undefined) return [this.upstreamError()];
    // The plugin never writes its own end marker: it passes the model's on. Text without one is
    // an answer cut short (capture a-23: the model's connection dropped), not a complete answer.
    if (this.text > 0) return [error('cut', MESSAGES.cutLegacy)];
    if (this.readable > 0) return [this.done()];
    if (parser.lines === 0 && this.unreadable === 0) return [error('upstream', MESSAGES.noAnswer)];
    return [error('protocol', MESSAGES.unreadable)];
  }

  /** The end of a stream: done when it carried text; a stream that ended saying nothing is no answer. */
  private done(): ReplyEvent {
    return this.text > 0 ? { type: 'done' } : error('upstream', MESSAGES.noAnswer);
  }

  private upstreamError(): ErrorEvent {
    const text = (this.errorWords ?? []).join('').trim();
    return error('upstream', text || 'The model behind the site failed.', text);
  }

  private finish(events: ReplyEvent[]): ReplyEvent[] {
    this.finished = true;
    return events;
  }
}

/** docs/protocol.md#g5-step-1-cache: `{"success":true,"data":{"cache_key":…}}`. */
export function interpretAipkitCache(body: string): { cacheKey: string } | ErrorEvent {
  const value = parseJson(body);
  if (!isRecord(value)) return error('protocol', MESSAGES.unreadable, body);
  const data = isRecord(value['data']) ? value['data'] : {};
  const cacheKey = textOf(data['cache_key']);
  if (value['success'] === true && cacheKey !== undefined && cacheKey !== '') return { cacheKey };
  const code = textOf(data['code']) ?? '';
  const message = textOf(data['message']) ?? textOf(value['data']) ?? '';
  if (code.startsWith(AIPKIT_NONCE_CODE_PREFIX) || isNonceText(message))
    return error('nonce', 'The site refused the chat token.', body);
  if (isHumanCheck(code, message)) return error('challenge', MESSAGES.humanCheck, body);
  return errorFromMsg(message, body);
}

/** ≥2.4 quota errors carry `quota_notice: {type: 'quota_notice', message, actions}`. */
export function isQuotaNotice(record: Record<string, unknown>): boolean {
  const notice = record['quota_notice'];
  return isRecord(notice) && (notice['type'] === 'quota_notice' || 'message' in notice);
}

/** At most this many sources are kept from one answer. */
const MAX_SOURCES = 20;

/**
 * The sources of a `citations` event: the plugin's normalized citations (url, title,
 * source_title, document_title). Only strings are kept; the UI checks URLs before linking.
 */
export function citationsOf(value: unknown): AnswerSource[] {
  const list = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value['citations'])
      ? value['citations']
      : [];
  const out: AnswerSource[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const url = textOf(item['url'])?.trim();
    const title = (
      textOf(item['title']) ??
      textOf(item['source_title']) ??
      textOf(item['document_title'])
    )?.trim();
    if (!url && !title) continue;
    const key = `${url ?? ''}|${title ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ...(url ? { url: url.slice(0, 2048) } : {}),
      ...(title ? { title: title.slice(0, 300) } : {}),
    });
    if (out.length >= MAX_SOURCES) break;
  }
  return out;
}

/** docs/protocol.md#aipkit-stream-events: named events, `{"delta":…}` frames, `event: error`, `done`. */
export class AipkitStreamInterpreter {
  private finished = false;
  private text = 0;

  push(frame: SseEvent): ReplyEvent[] {
    if (this.finished) return [];
    const value = parseJson(frame.data);
    const record = isRecord(value) ? value : {};
    if (frame.event === AIPKIT_EVENTS.error) {
      const message = textOf(record['error']) ?? textOf(record['message']) ?? frame.data;
      this.finished = true;
      if (isNonceText(message))
        return [error('nonce', 'The site refused the chat token.', message)];
      if (isHumanCheck(textOf(record['code']) ?? '', message))
        return [error('challenge', MESSAGES.humanCheck, frame.data)];
      // ≥2.4 marks a quota error with a `quota_notice` card, whatever language its text is in.
      if (isQuotaNotice(record)) return [error('quota', message, frame.data)];
      // After text, the error is the model's connection failing mid-answer (start-stream.php:
      // `Connection Error: <curl error>`, no done event follows): the answer so far stands, cut.
      if (this.text > 0) return [error('cut', `${MESSAGES.cutAipkit} ${message}`, frame.data)];
      return [errorFromMsg(message, frame.data)];
    }
    if (frame.event === AIPKIT_EVENTS.done) {
      this.finished = true;
      return [{ type: 'done' }];
    }
    // A non-fatal error (send-sse-error.php with $non_fatal): the answer goes on.
    if (frame.event === AIPKIT_EVENTS.warning) {
      const note = textOf(record['error']) ?? textOf(record['message']);
      return note ? [{ type: 'note', text: note }] : [];
    }
    if (frame.event === AIPKIT_EVENTS.citations) {
      const sources = citationsOf(value);
      return sources.length > 0 ? [{ type: 'sources', sources }] : [];
    }
    // `event: status` (response.created / in_progress / tool progress) says nothing the user
    // needs: "Thinking…" already shows while the answer is awaited. It is left out on purpose.
    if (frame.event !== undefined && frame.event !== 'message') return [];
    const delta = textOf(record['delta']);
    if (delta === undefined || delta === '') return [];
    this.text += delta.length;
    return [{ type: 'delta', text: delta }];
  }

  end(): ReplyEvent[] {
    if (this.finished) return [];
    this.finished = true;
    // Every ending the plugin writes is a `done` or `error` event; a body that just stops after
    // text was cut on the way.
    return this.text > 0
      ? [error('cut', MESSAGES.cutAipkit)]
      : [error('upstream', MESSAGES.noAnswer)];
  }
}

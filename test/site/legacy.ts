// admin-ajax.php for the legacy chat actions, generations G1–G4 (protocol §2–§5), in the
// plugin's order: nonce, settings branch, banned words, token quota, empty message, memory,
// then the model's answer as JSON or as the OpenAI SSE pass-through.
import { randomBytes } from 'node:crypto';
import {
  answerOptions,
  echoAnswer,
  triggerIn,
  upstreamErrorText,
  type ModelMessage,
} from './answer';
import { criticalErrorReply } from './fault-pages';
import { bannedWordsIn, preamble, resolveSettings } from './legacy-settings';
import {
  completionFrames,
  emptySseReply,
  errorJson,
  errorWordFrames,
  expiredLinkReply,
  flagFrame,
  sseReply,
  successJson,
  TEXT,
  tokenLimitJson,
  upstreamErrorJson,
  withCookies,
} from './legacy-replies';
import {
  FatalHistoryError,
  g1ClientIdCookie,
  g1Messages,
  g1SetCookies,
  parseClientHistory,
  parseCookies,
  readG1Memory,
  type G1Memory,
} from './memory';
import { NONCE_ACTIONS } from './nonce';
import type { AjaxContext } from './options';
import type { Reply } from './wire';
import { md5, sanitizeText, wpSlash } from './wp-format';

export const LEGACY_ACTIONS = ['wpaicg_chat_shortcode_message', 'wpaicg_chatbox_message'] as const;

const newG1ClientId = (): string => 't_' + randomBytes(15).toString('hex');

export function handleLegacy(ctx: AjaxContext, action: string): Reply {
  const gen = ctx.options.generation;
  const faults = ctx.options.faults;
  // $_REQUEST (GET then POST) for the nonce everywhere; for the fields too up to 1.8.90 (G1–G3).
  const request = { ...ctx.query, ...ctx.form };
  const fields = gen === 'G4' ? ctx.form : request;
  const cookies = parseCookies(ctx.headers.cookie);

  if (!ctx.nonces.verify(request['_wpnonce'], NONCE_ACTIONS.chat)) {
    if (gen === 'G4') return expiredLinkReply(ctx);
    if (gen !== 'G1') return errorJson(TEXT.nonce);
    // G1 hands out its client-id cookie before it even looks at the nonce.
    const fresh = cookies['wpaicg_chat_client_id'] ? [] : [g1ClientIdCookie(newG1ClientId())];
    return withCookies(errorJson(TEXT.g1Nonce), fresh);
  }

  const settings = resolveSettings(gen, action, fields, request, ctx.options);
  const { bot, model, streams } = settings;
  // 1.7.x–1.8.95 applied sanitize_text_field to the slashed request (no wp_unslash: 1.8.79
  // wpaicg_chat.php:763), so a `"` reaches the model as `\"`; 1.8.96+ (our G4 = 1.9.18) unslashes.
  const message =
    gen === 'G4' ? (fields['message'] ?? '') : sanitizeText(wpSlash(fields['message'] ?? ''));

  // Banned words (G2+). Streaming: a flag frame per word, and the stream still follows.
  const flagged = gen === 'G1' ? [] : bannedWordsIn(message, faults.bannedWord);
  if (flagged.length && !streams) return errorJson(TEXT.bannedWord);
  const flags = flagged.map(() => flagFrame('messageFlagged'));

  // Guest token quota: refused when the stored usage is already above the limit.
  const clientId = fields['wpaicg_chat_client_id'] ?? '';
  const usageKey = `${settings.source}|${clientId}`;
  const used = ctx.state.tokenUsage.get(usageKey) ?? 0;
  if (faults.quota || (bot?.guestTokens !== undefined && used > bot.guestTokens)) {
    if (gen === 'G1') return errorJson(TEXT.tokenLimit);
    if (streams) return sseReply([...flags, flagFrame('tokenLimitReached')]);
    return tokenLimitJson();
  }

  // The empty-message check runs before the stream setting is known: JSON even on a streaming bot.
  if (!message.trim()) return errorJson(TEXT.nothingInputted);

  const greeting = preamble(fields['post_id'], bot);
  let history: ModelMessage[];
  let g1Memory: G1Memory | undefined;
  if (gen === 'G1') {
    g1Memory = readG1Memory(cookies, action, settings.botId, fields['url'] ?? '', newG1ClientId);
    history = g1Messages(g1Memory.entries);
  } else {
    try {
      history = parseClientHistory(fields['wpaicg_chat_history']);
    } catch (e) {
      if (e instanceof FatalHistoryError) return criticalErrorReply();
      throw e;
    }
  }
  const messages: ModelMessage[] = [
    { role: 'user', content: greeting },
    ...history,
    { role: 'user', content: message },
  ];
  const answer = echoAnswer(messages, model, answerOptions(ctx.options));
  const trigger = triggerIn(message);
  const upstream = faults.upstreamError
    ? '429'
    : trigger === '429' || trigger === '401'
      ? trigger
      : null;

  if (streams) {
    if (faults.emptyStream) return emptySseReply();
    if (upstream)
      return sseReply([...flags, ...errorWordFrames(upstreamErrorText(upstream, model))], 0);
    account(ctx, usageKey, messages, answer);
    const keep = trigger === 'drop' ? 3 : Infinity;
    return sseReply(
      [...flags, ...completionFrames(ctx, model, answer, keep)],
      faults.hugeReply ? 0 : undefined,
    );
  }

  if (faults.emptyStream) return upstreamErrorJson(TEXT.curlConnect, greeting);
  if (upstream) return upstreamErrorJson(upstreamErrorText(upstream, model), greeting);
  if (trigger === 'drop') return upstreamErrorJson(TEXT.curlDropped, greeting);
  account(ctx, usageKey, messages, answer);
  if (g1Memory) {
    const remembered = [...g1Memory.entries, `Human: ${message}\nAI: `, answer.trim()];
    return withCookies(successJson(greeting, answer, false), g1SetCookies(g1Memory, remembered));
  }
  return successJson(greeting, answer, logId(ctx, clientId, fields['post_id'] ?? ''));
}

/** Token bookkeeping (chars × 0.21, as the plugin estimates), per source and client id. */
function account(
  ctx: AjaxContext,
  key: string,
  messages: readonly ModelMessage[],
  answer: string,
): void {
  const chars = messages.reduce((n, m) => n + m.content.length, 0) + answer.length;
  ctx.state.tokenUsage.set(key, (ctx.state.tokenUsage.get(key) ?? 0) + Math.ceil(chars * 0.21));
}

/** The chat log row: the insert id (a number) on a session's first turn, then the stored id as a string. */
function logId(ctx: AjaxContext, clientId: string, postId: string): number | string {
  const session = md5(`${clientId}-${postId}`);
  const existing = ctx.state.logIds.get(session);
  if (existing !== undefined) return String(existing);
  const id = ctx.state.nextLogId++;
  ctx.state.logIds.set(session, id);
  return id;
}

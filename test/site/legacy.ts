// admin-ajax.php for the legacy chat actions, generations G1–G4 (protocol §2–§5):
// nonce check, settings branch, banned words, token quota, empty message, memory, then
// the model's answer as JSON or as the OpenAI SSE pass-through.
import {
  answerOptions,
  chunkText,
  echoAnswer,
  triggerIn,
  upstreamErrorText,
  type ModelMessage,
} from './answer';
import { botById, pageByPostId, DEFAULT_MODEL, SITE_BANNED_WORDS, type BotDef } from './catalog';
import { criticalErrorReply } from './fault-pages';
import {
  FatalHistoryError,
  g1Messages,
  g1SetCookies,
  parseClientHistory,
  parseCookies,
  readG1Memory,
} from './memory';
import { NONCE_ACTIONS } from './nonce';
import type { AjaxContext } from './options';
import {
  ajaxHeaders,
  jsonReply,
  legacySseHeaders,
  wire,
  type HeaderList,
  type Reply,
} from './wire';
import { md5, sanitizeText, wpJson } from './wp-format';
import { randomBytes } from 'node:crypto';

export const LEGACY_ACTIONS = ['wpaicg_chat_shortcode_message', 'wpaicg_chatbox_message'] as const;

const G1_NONCE_ERROR =
  'Invalid nonce. This means we are unable to verify the validity of the nonce. There are couple of possible reasons for this. 1. A cache plugin is caching the nonce. 2. The nonce has expired. 3. Invalid SSL certificate. 4. Network issue. Please check and try again.';
const TOKEN_LIMIT = 'You have reached your token limit.';
const BANNED_WORD =
  'Your message contains prohibited words. Please modify your message and try again.';
const NOTHING_INPUTTED = 'It appears that nothing was inputted.';

/** `wp_nonce_ays` through `_ajax_wp_die_handler`: 403 text/html, plus a retry link for a same-site Referer. */
function expiredLinkReply(ctx: AjaxContext): Reply {
  let body = 'The link you followed has expired.';
  const referer = ctx.headers.referer;
  if (referer && sameSite(referer, ctx.base))
    body += `</p><p><a href="${referer}">Please try again.</a>`;
  return {
    status: 403,
    headers: [...ajaxHeaders(), ['Content-Type', 'text/html; charset=UTF-8']],
    body: Buffer.from(body),
  };
}

function sameSite(url: string, base: string): boolean {
  try {
    return new URL(url).host === new URL(base).host;
  } catch {
    return false;
  }
}

/** The preamble ("greeting") the plugin sends as the first user message; content_aware quotes the post. */
function preamble(postIdField: string | undefined, bot: BotDef | undefined): string {
  const page = /^\d+$/.test(postIdField ?? '') ? pageByPostId(Number(postIdField)) : undefined;
  let text = page
    ? `Converse as if you were an AI assistant. Answer the question as truthfully as possible using the provided context. Tone: Friendly.\n, Current context: "${page.title}\n${page.intro}"`
    : 'Converse as if you were an AI assistant. Answer the question as truthfully as possible using the provided text. Tone: Friendly.';
  if (bot?.addition) text += ` Additional context: ${bot.addition}`;
  return text;
}

function bannedWordsIn(message: string, extra: string | undefined): string[] {
  const banned = [...SITE_BANNED_WORDS, ...(extra ? [extra] : [])].map((w) => w.toLowerCase());
  return message
    .split(' ')
    .map((w) => w.toLowerCase())
    .filter((w) => banned.includes(w));
}

/** The OpenAI chat-completion chunk frames for a text, as the plugin passes them through. */
function completionFrames(
  ctx: AjaxContext,
  model: string,
  text: string,
  keep = Infinity,
): Buffer[] {
  ctx.state.completionSeq += 1;
  const head = {
    id: `chatcmpl-site${String(ctx.state.completionSeq).padStart(6, '0')}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_testsite',
  };
  const frame = (choice: object): Buffer =>
    wire(`data: ${JSON.stringify({ ...head, choices: [choice] })}\n\n`);
  const pieces = chunkText(text, ctx.options.faults.hugeReply ? 8192 : 16);
  const frames = [
    frame({
      index: 0,
      delta: { role: 'assistant', content: '' },
      logprobs: null,
      finish_reason: null,
    }),
  ];
  for (const piece of pieces.slice(0, keep))
    frames.push(
      frame({ index: 0, delta: { content: piece }, logprobs: null, finish_reason: null }),
    );
  if (keep !== Infinity) return frames; // the upstream connection dropped: no stop frame, no [DONE]
  frames.push(frame({ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }));
  frames.push(Buffer.from('data: [DONE]\n\n'));
  return frames;
}

/** `handleStreamErrorMessage`: one `event: message` per word, then a stop frame. The captures show it twice. */
function errorWordFrames(message: string): Buffer[] {
  const words = message.split(' ');
  const once = [
    ...words.map((w, i) =>
      Buffer.from(
        `event: message\ndata: {"choices":[{"delta":{"content":"${i ? ' ' : ''}${w}"}}]}\n\n`,
      ),
    ),
    Buffer.from('data: {"choices":[{"finish_reason":"stop"}]}\n\n'),
  ];
  return [...once, ...once];
}

function escHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

export function handleLegacy(ctx: AjaxContext, action: string): Reply {
  const gen = ctx.options.generation;
  const faults = ctx.options.faults;
  // $_REQUEST (GET then POST) for the nonce everywhere; for the fields too up to 1.8.90 (G1–G3).
  const request = { ...ctx.query, ...ctx.form };
  const fields = gen === 'G4' ? ctx.form : request;

  if (!ctx.nonces.verify(request['_wpnonce'], NONCE_ACTIONS.chat)) {
    if (gen === 'G4') return expiredLinkReply(ctx);
    if (gen === 'G1') {
      // G1 hands out its client-id cookie before it even looks at the nonce.
      const reply = jsonReply(wpJson({ status: 'error', msg: G1_NONCE_ERROR }));
      if (parseCookies(ctx.headers.cookie)['wpaicg_chat_client_id']) return reply;
      const id = 't_' + randomBytes(15).toString('hex');
      const expires = new Date(Date.now() + 604800_000).toUTCString();
      return withCookies(reply, [
        `wpaicg_chat_client_id=${id}; expires=${expires}; Max-Age=604800; path=/`,
      ]);
    }
    return jsonReply(wpJson({ status: 'error', msg: 'Nonce verification failed' }));
  }

  // Settings branch: a bot post (bot_id > 0) overrides the shortcode/widget settings.
  const botIdNum = /^\d+$/.test(fields['bot_id'] ?? '') ? Number(fields['bot_id']) : 0;
  // Any existing post is accepted as a bot: one that is not a bot decodes to null and runs with
  // defaults (no limits, no addition, `openai_stream_nav` unset so no streaming). A post id that
  // does not exist falls back to the shortcode/widget settings.
  const bot: BotDef | undefined =
    botIdNum > 0
      ? (botById(botIdNum) ??
        (pageByPostId(botIdNum)
          ? { id: botIdNum, stream: false, model: DEFAULT_MODEL }
          : undefined))
      : undefined;
  const widget = action === 'wpaicg_chatbox_message';
  const source = bot
    ? `${widget ? 'Widget' : 'Shortcode'} ID: ${bot.id}`
    : widget
      ? 'widget'
      : 'shortcode';
  let model = bot?.model ?? (gen === 'G1' ? 'text-davinci-003' : DEFAULT_MODEL);
  // ≤1.8.90: the client may merge wpaicg_chat_shortcode_options[...] over the shortcode settings.
  const clientModel = request['wpaicg_chat_shortcode_options[model]'];
  if (gen !== 'G4' && !widget && !bot && clientModel) model = clientModel;
  const streams =
    gen !== 'G1' &&
    (bot
      ? bot.stream === true || (bot.stream === 'site' && ctx.options.stream)
      : ctx.options.stream);

  let message = fields['message'] ?? '';
  // 1.7.x–1.8.95 applied sanitize_text_field; 1.8.96+ (our G4 = 1.9.18) takes the text raw.
  if (gen !== 'G4') message = sanitizeText(message);

  // Banned words (G2+), checked before the quota. Streaming: a flag frame, and the stream goes on.
  const flagged = gen === 'G1' ? [] : bannedWordsIn(message, faults.bannedWord);
  if (flagged.length && !streams) return jsonReply(wpJson({ status: 'error', msg: BANNED_WORD }));
  const flagFrames = flagged.map(() =>
    Buffer.from(`data: ${wpJson({ msg: BANNED_WORD, messageFlagged: true })}\n\n`),
  );

  // Guest token quota: refused when stored usage is already above the limit.
  const clientId = fields['wpaicg_chat_client_id'] ?? '';
  const usageKey = `${source}|${clientId}`;
  const used = ctx.state.tokenUsage.get(usageKey) ?? 0;
  if (faults.quota || (bot?.guestTokens !== undefined && used > bot.guestTokens)) {
    if (gen === 'G1') return jsonReply(wpJson({ status: 'error', msg: TOKEN_LIMIT }));
    const flag = wpJson({ msg: TOKEN_LIMIT, tokenLimitReached: true });
    if (streams)
      return {
        status: 200,
        headers: legacySseHeaders(),
        frames: [...flagFrames, Buffer.from(`data: ${flag}\n\n`)],
      };
    return jsonReply(flag);
  }

  // The empty-message check runs before the stream setting is known: JSON even on a streaming bot.
  if (!message.trim()) return jsonReply(wpJson({ status: 'error', msg: NOTHING_INPUTTED }));

  const greeting = preamble(fields['post_id'], bot);
  let history: ModelMessage[];
  let setCookies: string[] = [];
  let g1Memory: ReturnType<typeof readG1Memory> | undefined;
  if (gen === 'G1') {
    g1Memory = readG1Memory(
      parseCookies(ctx.headers.cookie),
      action,
      botIdNum,
      fields['url'] ?? '',
      () => 't_' + randomBytes(15).toString('hex'),
    );
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
    const headers = legacySseHeaders();
    if (faults.emptyStream) {
      // A transport failure (WP_Error) prints nothing: 200, empty body (a-27).
      return {
        status: 200,
        headers: [
          ...headers.filter(([k]) => k !== 'Transfer-Encoding' && k !== 'Content-Type'),
          ['Content-Length', '0'],
          ['Content-Type', 'text/event-stream;charset=UTF-8'],
        ],
        body: Buffer.alloc(0),
      };
    }
    if (upstream)
      return {
        status: 200,
        headers,
        frames: [...flagFrames, ...errorWordFrames(upstreamErrorText(upstream, model))],
        paceMs: 0,
      };
    account(ctx, usageKey, messages, answer);
    const keep = trigger === 'drop' ? 3 : Infinity;
    return {
      status: 200,
      headers,
      frames: [...flagFrames, ...completionFrames(ctx, model, answer, keep)],
      paceMs: ctx.options.faults.hugeReply ? 0 : undefined,
    };
  }

  if (faults.emptyStream) {
    return jsonReply(
      wpJson({
        status: 'error',
        msg: "cURL error 7: Failed to connect to api.openai.com port 443 after 2 ms: Couldn't connect to server",
        greeting_message: greeting,
        log: false,
      }),
    );
  }
  if (upstream)
    return jsonReply(
      wpJson({
        status: 'error',
        msg: escHtml(upstreamErrorText(upstream, model)),
        greeting_message: greeting,
        log: false,
      }),
    );
  if (trigger === 'drop') {
    return jsonReply(
      wpJson({
        status: 'error',
        msg: 'cURL error 18: transfer closed with outstanding read data remaining',
        greeting_message: greeting,
        log: false,
      }),
    );
  }
  account(ctx, usageKey, messages, answer);
  if (g1Memory) {
    setCookies = g1SetCookies(g1Memory, [
      ...g1Memory.entries,
      `Human: ${message}\nAI: `,
      answer.trim(),
    ]);
    return withCookies(
      jsonReply(
        wpJson({
          status: 'success',
          msg: 'Something went wrong',
          greeting_message: greeting,
          data: answer,
          log: false,
        }),
      ),
      setCookies,
    );
  }
  const log = logId(ctx, clientId, fields['post_id'] ?? '');
  return jsonReply(
    wpJson({
      status: 'success',
      msg: 'Something went wrong',
      greeting_message: greeting,
      data: answer,
      log,
    }),
  );
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

function withCookies(reply: Reply, cookies: string[]): Reply {
  const headers: HeaderList = [];
  for (const h of reply.headers) {
    if (h[0] === 'Content-Type') headers.push(['Set-Cookie', cookies]);
    headers.push(h);
  }
  return { ...reply, headers };
}

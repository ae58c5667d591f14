// The legacy plugin's replies (1.9.18 unless noted), as data: error texts, JSON bodies, the
// OpenAI chunk pass-through, per-word error frames and plugin flag frames.
import { chunkText } from './answer';
import type { AjaxContext } from './options';
import {
  ajaxHeaders,
  jsonReply,
  legacySseHeaders,
  wire,
  type HeaderList,
  type Reply,
} from './wire';
import { escAttr, wpJson } from './wp-format';

export const TEXT = {
  g1Nonce:
    'Invalid nonce. This means we are unable to verify the validity of the nonce. There are couple of possible reasons for this. 1. A cache plugin is caching the nonce. 2. The nonce has expired. 3. Invalid SSL certificate. 4. Network issue. Please check and try again.',
  nonce: 'Nonce verification failed',
  tokenLimit: 'You have reached your token limit.',
  bannedWord: 'Your message contains prohibited words. Please modify your message and try again.',
  nothingInputted: 'It appears that nothing was inputted.',
  curlConnect:
    "cURL error 7: Failed to connect to api.openai.com port 443 after 2 ms: Couldn't connect to server",
  curlDropped: 'cURL error 18: transfer closed with outstanding read data remaining',
} as const;

/** `wp_nonce_ays` through `_ajax_wp_die_handler`: 403 text/html, plus a retry link for a same-site Referer. */
export function expiredLinkReply(ctx: AjaxContext): Reply {
  let body = 'The link you followed has expired.';
  const referer = ctx.headers.referer;
  if (referer && sameHost(referer, ctx.base)) {
    body += `</p><p><a href="${referer}">Please try again.</a>`;
  }
  return {
    status: 403,
    headers: [...ajaxHeaders(), ['Content-Type', 'text/html; charset=UTF-8']],
    body: Buffer.from(body),
  };
}

function sameHost(url: string, base: string): boolean {
  try {
    return new URL(url).host === new URL(base).host;
  } catch {
    return false;
  }
}

/** `{"status":"error","msg":…}`, the plugin's default result with `msg` replaced. */
export function errorJson(msg: string): Reply {
  return jsonReply(wpJson({ status: 'error', msg }));
}

/** An upstream failure after the preamble was built: it leaks `greeting_message`, `log` false. */
export function upstreamErrorJson(msg: string, greeting: string): Reply {
  return jsonReply(
    wpJson({ status: 'error', msg: escAttr(msg), greeting_message: greeting, log: false }),
  );
}

/** The quota refusal has no `status` key at all (1.9.18 line 706-721). */
export function tokenLimitJson(): Reply {
  return jsonReply(wpJson({ msg: TEXT.tokenLimit, tokenLimitReached: true }));
}

export function successJson(greeting: string, data: string, log: number | string | false): Reply {
  return jsonReply(
    wpJson({
      status: 'success',
      msg: 'Something went wrong',
      greeting_message: greeting,
      data,
      log,
    }),
  );
}

export function sseReply(frames: Buffer[], paceMs?: number): Reply {
  return { status: 200, headers: legacySseHeaders(), frames, paceMs };
}

/** A transport failure (WP_Error) while streaming prints nothing: 200, an empty body (a-27). */
export function emptySseReply(): Reply {
  const headers = legacySseHeaders().filter(
    ([k]) => k !== 'Transfer-Encoding' && k !== 'Content-Type',
  );
  return {
    status: 200,
    headers: [
      ...headers,
      ['Content-Length', '0'],
      ['Content-Type', 'text/event-stream;charset=UTF-8'],
    ],
    body: Buffer.alloc(0),
  };
}

/** A plugin-generated frame: one `data:` line with a flag object and no `choices`. */
export function flagFrame(flag: 'messageFlagged' | 'tokenLimitReached'): Buffer {
  const msg = flag === 'messageFlagged' ? TEXT.bannedWord : TEXT.tokenLimit;
  return Buffer.from(`data: ${wpJson({ msg, [flag]: true })}\n\n`);
}

/**
 * The OpenAI chat-completion chunk frames for a text, as the plugin passes them through.
 * `keep` cuts the stream after that many content frames (an upstream drop: no stop, no [DONE]).
 */
export function completionFrames(
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
  const frame = (delta: object, finish: string | null): Buffer =>
    wire(
      `data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`,
    );
  const pieces = chunkText(text, ctx.options.faults.hugeReply ? 8192 : 16).slice(0, keep);
  const frames = [
    frame({ role: 'assistant', content: '' }, null),
    ...pieces.map((content) => frame({ content }, null)),
  ];
  if (keep !== Infinity) return frames;
  return [...frames, frame({}, 'stop'), Buffer.from('data: [DONE]\n\n')];
}

/**
 * `handleStreamErrorMessage`: one `event: message` per word, pasted into the JSON unescaped,
 * then a stop frame and no [DONE]. The captures show the whole sequence twice.
 */
export function errorWordFrames(message: string): Buffer[] {
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

/** Add Set-Cookie headers (where PHP's setcookie puts them: before the content type). */
export function withCookies(reply: Reply, cookies: string[]): Reply {
  if (!cookies.length) return reply;
  const headers: HeaderList = [];
  for (const h of reply.headers) {
    if (h[0] === 'Content-Type') headers.push(['Set-Cookie', cookies]);
    headers.push(h);
  }
  return { ...reply, headers };
}

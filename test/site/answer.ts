// The deterministic "model" behind the site: it echoes how many messages it received and the last
// user message, then adds Markdown that exercises a renderer (quotes, a code block, newlines,
// non-ASCII text and an emoji), then names the model, so clients can verify all of it.
import { INVALID_UTF8_MARK } from './wire';

export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface AnswerOptions {
  /** Fixed reply text (hostile-content tests); replaces the echo entirely. */
  reply?: string | null;
  hugeReply?: boolean;
  invalidUtf8?: boolean;
}

const HUGE_BYTES = 10 * 1024 * 1024;

export function echoAnswer(
  messages: readonly ModelMessage[],
  model: string,
  opts: AnswerOptions = {},
): string {
  let text: string;
  if (opts.reply != null) {
    text = opts.reply;
  } else {
    const last = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    text =
      `ECHO[n=${messages.length}]: ${last}\n\n` +
      `This is the "test-site" peer speaking. It quotes "double quotes" on purpose.\n\n` +
      `Non-ASCII: café, жёлтый, 日本語 🙂\n\n` +
      '```js\nconsole.log("hello from the test site");\n```\n\n' +
      `[model=${model}]\n`;
  }
  if (opts.invalidUtf8) {
    const cut = Math.floor(text.length / 2);
    text = text.slice(0, cut) + INVALID_UTF8_MARK + text.slice(cut);
  }
  if (opts.hugeReply) {
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit — ok ✓\n';
    const repeat = Math.ceil(HUGE_BYTES / Buffer.byteLength(line));
    text = text + '\n' + line.repeat(repeat);
  }
  return text;
}

/**
 * Cut text into pieces of `size` code points (never inside a surrogate pair), like a model streams.
 * The invalid-UTF-8 marker counts as one unit so it survives to the wire in one piece.
 */
export function chunkText(text: string, size = 16): string[] {
  const points = text
    .split(INVALID_UTF8_MARK)
    .flatMap((part, i) => (i ? [INVALID_UTF8_MARK, ...Array.from(part)] : Array.from(part)));
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(''));
  return out;
}

/** Upstream error messages, word for word as the captures show them. */
export function upstreamErrorText(kind: '429' | '401', model: string): string {
  return kind === '429'
    ? `Rate limit reached for ${model} in organization org-mockpeer on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`
    : 'Incorrect API key provided: sk-mock****. You can find your API key at https://platform.openai.com/account/api-keys.';
}

/** Which upstream behaviour a message asks for, like the capture site's mock model did (TRIGGER_*). */
export function triggerIn(message: string): '429' | '401' | 'drop' | null {
  if (message.includes('TRIGGER_429')) return '429';
  if (message.includes('TRIGGER_401')) return '401';
  if (message.includes('TRIGGER_DROP')) return 'drop';
  return null;
}

/** The answer-shaping part of the site options. */
export function answerOptions(o: {
  reply: string | null;
  faults: { hugeReply?: boolean; invalidUtf8?: boolean };
}): AnswerOptions {
  return { reply: o.reply, hugeReply: o.faults.hugeReply, invalidUtf8: o.faults.invalidUtf8 };
}

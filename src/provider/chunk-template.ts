/**
 * A fast path for the legacy stream's text frames (docs/protocol.md#legacy-stream). The plugin
 * passes the model's OpenAI chunks on unchanged, and within one stream they differ only in
 * `choices[0].delta.content`: same id, created, model, same `finish_reason: null`. Parsing every
 * frame with JSON.parse was 60 % of the parser's time on the bench, most of it re-reading the
 * same fields. So a plain text frame read the slow way is learnt as a template: the raw text
 * before its content string (`head`) and after it (`tail`). A later frame that is `head`, one
 * JSON string literal, `tail` is, by the JSON grammar, the same object with another content: its
 * text is that string, read without parsing the rest. Anything else goes the slow way.
 */

/** What a string literal's body must not hold to be its own value: quote, backslash, control. */
// eslint-disable-next-line no-control-regex -- raw control characters are what JSON forbids in strings
const NEEDS_DECODING = /["\\\u0000-\u001f]/;

/** Learning costs two extra parses: at most this many more learnt than used, per stream. */
const SPARE_LEARNS = 3;

function contentOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const choices = (value as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return undefined;
  const choice: unknown = choices[0];
  if (choice === null || typeof choice !== 'object') return undefined;
  const delta = (choice as { delta?: unknown }).delta;
  if (delta === null || typeof delta !== 'object') return undefined;
  return (delta as { content?: unknown }).content;
}

function parses(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class ChunkTemplate {
  private head = '';
  private tail = '';
  private used = 0;
  private learnt = 0;

  /**
   * The content of `data` when it is the learnt frame with another content string; undefined
   * when it is not (then it must be read the slow way).
   */
  match(data: string): string | undefined {
    const head = this.head;
    if (head === '') return undefined;
    const start = head.length;
    const end = data.length - this.tail.length;
    if (
      end - start < 2 ||
      data.charCodeAt(start) !== 34 ||
      data.charCodeAt(end - 1) !== 34 ||
      data.slice(0, start) !== head ||
      data.slice(end) !== this.tail
    )
      return undefined;
    const body = data.slice(start + 1, end - 1);
    let text: string | undefined = body;
    // Escapes (or a stray quote or control character, which make the frame unreadable) are the
    // JSON parser's business: the literal alone, which also checks it is exactly one string.
    if (NEEDS_DECODING.test(body)) {
      const value = parses(data.slice(start, end));
      text = typeof value === 'string' ? value : undefined;
    }
    if (text !== undefined) this.used++;
    return text;
  }

  /**
   * Learns `data`, a frame the slow path read as plain text (no flag, error or end) whose
   * `choices[0].delta.content` is a string. The split is proved, not trusted: the frame with
   * two different marker strings in the content's place must parse with exactly those contents,
   * which holds only if `head` ends between tokens and the place is the content read.
   */
  learn(data: string): void {
    if (this.learnt >= this.used + SPARE_LEARNS) return;
    this.learnt++;
    this.head = '';
    this.tail = '';
    const key = data.lastIndexOf('"content"');
    if (key < 0) return;
    let open = key + 9;
    while (open < data.length && data.charCodeAt(open) !== 34) open++;
    let close = open + 1;
    while (close < data.length && data.charCodeAt(close) !== 34)
      close += data.charCodeAt(close) === 92 ? 2 : 1;
    if (close >= data.length) return;
    const head = data.slice(0, open);
    const tail = data.slice(close + 1);
    if (contentOf(parses(`${head}"~"${tail}`)) !== '~') return;
    if (contentOf(parses(`${head}"~~"${tail}`)) !== '~~') return;
    this.head = head;
    this.tail = tail;
  }
}

/**
 * A deterministic streamed answer for the parser benchmark: OpenAI-style chunk frames as the
 * plugin passes them through (protocol §4.3), with multi-byte text (Cyrillic, CJK, emoji),
 * quotes, backslashes and newlines, so every chunking splits characters and lines somewhere.
 */

const PIECES = [
  'The quick brown fox ',
  'jumps over the lazy dog. ',
  'Съешь же ещё этих мягких французских булок, ',
  'да выпей чаю. ',
  '敏捷的棕色狐狸 ',
  'emoji 🦊🐶 ',
  'a "quoted" word and a back\\slash ',
  '\n\n```ts\nconst x = 1;\n```\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '- item one\n- item two\n',
];

export interface SseAnswer {
  /** The body as the site sends it. */
  body: Uint8Array;
  /** The text a correct parser must produce. */
  text: string;
  frames: number;
}

function frame(content: string, index: number): string {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1730000000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
  };
  // Alternate LF and CRLF framing: both appear in the wild and the parser must take both.
  const eol = index % 5 === 4 ? '\r\n' : '\n';
  return `data: ${JSON.stringify(chunk)}${eol}${eol}`;
}

/** Frames until the body reaches `targetBytes`, then the finish frame and `[DONE]`. */
export function makeSseAnswer(targetBytes: number): SseAnswer {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let text = '';
  let size = 0;
  let i = 0;
  while (size < targetBytes) {
    const content = PIECES[i % PIECES.length] ?? '';
    const f = frame(content, i);
    parts.push(f);
    text += content;
    size += encoder.encode(f).byteLength;
    i++;
  }
  parts.push(
    'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
    'data: [DONE]\n\n',
  );
  return { body: encoder.encode(parts.join('')), text, frames: i };
}

/** Cuts a body into chunks of `size` bytes (views, no copies), like a network would. */
export function chunked(body: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.byteLength; offset += size) {
    chunks.push(body.subarray(offset, Math.min(body.byteLength, offset + size)));
  }
  return chunks;
}

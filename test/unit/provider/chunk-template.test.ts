/**
 * The legacy stream's template fast path (src/provider/chunk-template.ts) must give exactly the
 * events of reading every frame with JSON.parse, whatever the frames are, and must really skip
 * the parse for the frames that only change their content.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChunkTemplate } from '../../../src/provider/chunk-template';
import { LegacyStreamInterpreter } from '../../../src/provider/reply';
import type { SseEvent } from '../../../src/provider/sse';
import type { ReplyEvent } from '../../../src/provider/types';

const HEAD =
  '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":';
const TAIL = '},"logprobs":null,"finish_reason":null}]}';

function frame(data: string, event?: string): SseEvent {
  return { event, data, id: undefined };
}

function run(frames: SseEvent[], template: ChunkTemplate | null): ReplyEvent[] {
  const interpreter = new LegacyStreamInterpreter(template);
  const events = frames.flatMap((f) => interpreter.push(f));
  return [...events, ...interpreter.end({ bytes: 1, lines: frames.length })];
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Content string literals, raw: plain, escaped, and broken ones that change the frame. */
const LITERALS = [
  '"plain words "',
  '""',
  JSON.stringify('Съешь ещё 敏捷 🦊'),
  JSON.stringify('a "quoted" back\\slash\n\ttab'),
  '"\\u00e9\\ud83e\\udd8a\\/"',
  // A raw quote: the middle is no single literal; as a whole it is a duplicate key (the last wins).
  '"a","content":"b"',
  // The same, adding a key: still a valid object the slow path reads.
  '"a","zz":"q"',
  // Raw control character and a bad escape: unreadable frames.
  '"line\nbreak"',
  '"bad \\x escape"',
  // Not a string at all.
  '42',
  'null',
];

const OTHER_FRAMES = [
  '{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}',
  // "content" first as a string value elsewhere: the split must not be taken from it.
  '{"choices":[{"delta":{"content":"real"}}],"x":["content","fake"]}',
  '{"choices":[{"delta":{"content":"x"}}],"note":"\\"content\\":\\"zz\\""}',
  '{"tokenLimitReached":true,"msg":"limit"}',
  '{"error":{"message":"model failed"}}',
];

describe('ChunkTemplate fast path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the events of JSON.parse on every frame, for 400 random streams', () => {
    const next = random(18);
    for (let stream = 0; stream < 400; stream++) {
      const frames: SseEvent[] = [];
      const count = 1 + Math.floor(next() * 30);
      for (let i = 0; i < count; i++) {
        const r = next();
        const literal = LITERALS[Math.floor(next() * LITERALS.length)]!;
        if (r < 0.75) frames.push(frame(`${HEAD}${literal}${TAIL}`));
        else if (r < 0.85)
          frames.push(frame(OTHER_FRAMES[Math.floor(next() * OTHER_FRAMES.length)]!));
        else if (r < 0.9) frames.push(frame(`${HEAD}${literal}${TAIL}`, 'message'));
        else if (r < 0.95)
          frames.push(frame(`${HEAD}${literal}},"logprobs":null,"finish_reason":"stop"}]}`));
        else frames.push(frame(`${HEAD.replace('chatcmpl-1', 'chatcmpl-2')}${literal}${TAIL}`));
      }
      if (next() < 0.5) frames.push(frame('[DONE]'));
      expect(run(frames, new ChunkTemplate()), `stream ${stream}`).toEqual(run(frames, null));
    }
  });

  it('a raw quote that makes a duplicate content key reads the last one, as JSON.parse does', () => {
    const frames = [
      frame(`${HEAD}"one"${TAIL}`),
      frame(`${HEAD}"two"${TAIL}`),
      frame(`${HEAD}"a","content":"b"${TAIL}`),
    ];
    const texts = run(frames, new ChunkTemplate()).flatMap((e) =>
      e.type === 'delta' ? [e.text] : [],
    );
    expect(texts).toEqual(['one', 'two', 'b']);
  });

  it('does not learn a split taken from a "content" string value', () => {
    const template = new ChunkTemplate();
    const data = '{"choices":[{"delta":{"content":"real"}}],"x":["content","fake"]}';
    template.learn(data);
    expect(template.match(data.replace('"fake"', '"other"'))).toBeUndefined();
  });

  it('reads a stream of same-shape frames with one JSON.parse per learnt shape, not per frame', () => {
    const frames = Array.from({ length: 200 }, (_, i) => frame(`${HEAD}"piece ${i} "${TAIL}`));
    const parse = vi.spyOn(JSON, 'parse');
    const events = run(frames, new ChunkTemplate());
    // The first frame read whole, then two proofs of its split; the rest matched.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(3);
    expect(events.filter((e) => e.type === 'delta')).toHaveLength(200);
  });
});

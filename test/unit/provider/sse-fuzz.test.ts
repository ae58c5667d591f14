/**
 * The stream reader's output must not depend on how the body is cut into chunks: every split
 * point, random multi-splits, and splits inside multi-byte characters give identical events.
 */
import { describe, expect, it } from 'vitest';
import { LegacyStreamInterpreter, AipkitStreamInterpreter } from '../../../src/provider/reply';
import { SseParser } from '../../../src/provider/sse';
import type { ReplyEvent } from '../../../src/provider/types';
import { captureResponse } from './captures';

function interpret(body: Uint8Array, cuts: number[], kind: 'legacy' | 'aipkit'): ReplyEvent[] {
  const parser = new SseParser();
  const interpreter =
    kind === 'legacy' ? new LegacyStreamInterpreter() : new AipkitStreamInterpreter();
  const events: ReplyEvent[] = [];
  let at = 0;
  for (const cut of [...cuts, body.length]) {
    for (const frame of parser.push(body.subarray(at, cut)))
      events.push(...interpreter.push(frame));
    at = cut;
  }
  for (const frame of parser.end()) events.push(...interpreter.push(frame));
  events.push(...interpreter.end(parser));
  return normalize(events);
}

/** Adjacent deltas joined: chunking may legitimately change how text is grouped, never the text. */
function normalize(events: ReplyEvent[]): ReplyEvent[] {
  const out: ReplyEvent[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (event.type === 'delta' && last?.type === 'delta') last.text += event.text;
    else out.push({ ...event });
  }
  return out;
}

/** A seeded PRNG so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomCuts(length: number, next: () => number): number[] {
  const count = 1 + Math.floor(next() * 40);
  const cuts = new Set<number>();
  for (let i = 0; i < count; i++) cuts.add(Math.floor(next() * length));
  return [...cuts].sort((a, b) => a - b);
}

const encoder = new TextEncoder();
const frame = (content: string): string =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\r\n\r\n`;

/** Multi-byte text (2-, 3- and 4-byte UTF-8), CRLF and LF line ends, a comment line. */
const MULTIBYTE = encoder.encode(
  ': keep-alive\n\n' +
    frame('Привет, мир! ') +
    frame('你好 👋🏽 ') +
    `data: {"choices":[{"delta":{"content":"é\\"q\\" 𝄞"}}]}\n\n` +
    frame('naïve – “quotes” ✓') +
    'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\n' +
    'data: [DONE]\n\n',
);

const EXPECTED_MULTIBYTE = 'Привет, мир! 你好 👋🏽 é"q" 𝄞naïve – “quotes” ✓';

describe('SSE chunking fuzz', () => {
  it('the multi-byte body reads right in one piece', () => {
    expect(interpret(MULTIBYTE, [], 'legacy')).toEqual([
      { type: 'delta', text: EXPECTED_MULTIBYTE },
      { type: 'done' },
    ]);
  });

  it('every single split point of the multi-byte body, including inside characters', () => {
    const whole = interpret(MULTIBYTE, [], 'legacy');
    for (let cut = 0; cut <= MULTIBYTE.length; cut++)
      expect(interpret(MULTIBYTE, [cut], 'legacy'), `cut at ${cut}`).toEqual(whole);
  });

  it('byte-by-byte delivery', () => {
    const cuts = Array.from({ length: MULTIBYTE.length }, (_, i) => i);
    expect(interpret(MULTIBYTE, cuts, 'legacy')).toEqual(interpret(MULTIBYTE, [], 'legacy'));
  });

  it('a CR at the end of a chunk followed by LF in the next is one line end', () => {
    const body = encoder.encode(frame('a') + frame('b') + 'data: [DONE]\r\n\r\n');
    const whole = interpret(body, [], 'legacy');
    for (let cut = 0; cut <= body.length; cut++)
      expect(interpret(body, [cut], 'legacy')).toEqual(whole);
    expect(whole).toEqual([{ type: 'delta', text: 'ab' }, { type: 'done' }]);
  });

  const captures: [string, 'legacy' | 'aipkit'][] = [
    ['a-02-shortcode-sse', 'legacy'],
    ['a-10-trigger429-sse', 'legacy'],
    ['a-13-limited-stream-turn2', 'legacy'],
    ['a-17-banned-word-sse', 'legacy'],
    ['a-22-trigger401-sse', 'legacy'],
    ['a-23-trigger-drop-sse', 'legacy'],
    ['b-03-frontend-chat-stream', 'aipkit'],
    ['b-07-frontend-chat-stream-bad-nonce', 'aipkit'],
  ];
  for (const [name, kind] of captures) {
    it(`${name}: every split point and 300 random multi-splits`, () => {
      const body = captureResponse(name).body;
      const whole = interpret(body, [], kind);
      expect(whole.length).toBeGreaterThan(0);
      for (let cut = 0; cut <= body.length; cut++)
        expect(interpret(body, [cut], kind)).toEqual(whole);
      const next = random(name.length * 7919);
      for (let round = 0; round < 300; round++) {
        const cuts = randomCuts(body.length, next);
        expect(interpret(body, cuts, kind), `cuts ${cuts.join(',')}`).toEqual(whole);
      }
    });
  }

  it('random multi-splits of the multi-byte body', () => {
    const whole = interpret(MULTIBYTE, [], 'legacy');
    const next = random(42);
    for (let round = 0; round < 2000; round++) {
      const cuts = randomCuts(MULTIBYTE.length, next);
      expect(interpret(MULTIBYTE, cuts, 'legacy'), `cuts ${cuts.join(',')}`).toEqual(whole);
    }
  });
});

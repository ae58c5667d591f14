/**
 * The SSE parser's framing, event by event (the fuzz test goes through the interpreter, which
 * forgives an extra dispatch): LF, CRLF and lone-CR line ends, a CR that ends a chunk, multi-line
 * data, comments, field values with and without the optional space. Checked against written-out
 * events and, for random bodies cut at random points, against eventsource-parser (the library
 * the bench compares us with) as an oracle.
 */
import { createParser } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from '../../../src/provider/sse';

const encoder = new TextEncoder();

function parse(body: string, cuts: number[] = []): SseEvent[] {
  const bytes = encoder.encode(body);
  const parser = new SseParser();
  const out: SseEvent[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...parser.push(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(...parser.end());
  return out;
}

function oracle(body: string): SseEvent[] {
  const out: SseEvent[] = [];
  const parser = createParser({
    onEvent: (m) => out.push({ event: m.event, data: m.data, id: m.id }),
  });
  parser.feed(body);
  parser.reset({ consume: true });
  return out;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('SSE lines', () => {
  it('splits on LF, CRLF and lone CR, every way the body is cut', () => {
    const body =
      ': comment\r\n' +
      'event: message\rdata: one\r\ndata:two\n\n' +
      'data:  spaced\r\rid: 7\ndata: {"a":1}\r\n\r\n' +
      'data\n\ndata: last';
    const expected: SseEvent[] = [
      { event: 'message', data: 'one\ntwo', id: undefined },
      { event: undefined, data: ' spaced', id: undefined },
      { event: undefined, data: '{"a":1}', id: '7' },
      { event: undefined, data: '', id: undefined },
      { event: undefined, data: 'last', id: undefined },
    ];
    expect(parse(body)).toEqual(expected);
    for (let cut = 0; cut <= body.length; cut++) expect(parse(body, [cut])).toEqual(expected);
    // One byte at a time: every CR ends a chunk once.
    expect(
      parse(
        body,
        Array.from({ length: body.length }, (_, i) => i),
      ),
    ).toEqual(expected);
  });

  it('a data line right before its blank line keeps the id, event and data lines before it', () => {
    const body =
      'id: 5\ndata: with id\n\n' +
      'event: e\r\ndata:with event\r\n\r\n' +
      'data: a\ndata: b\n\n' +
      'retry: 10\n: note\ndata: Съешь 東😀\r\n\r\n' +
      'data: plain\n\n';
    const expected: SseEvent[] = [
      { event: undefined, data: 'with id', id: '5' },
      { event: 'e', data: 'with event', id: undefined },
      { event: undefined, data: 'a\nb', id: undefined },
      { event: undefined, data: 'Съешь 東😀', id: undefined },
      { event: undefined, data: 'plain', id: undefined },
    ];
    const length = encoder.encode(body).length;
    for (let cut = 0; cut <= length; cut++)
      expect(parse(body, [cut]), `cut ${cut}`).toEqual(expected);
    expect(
      parse(
        body,
        Array.from({ length }, (_, i) => i),
      ),
    ).toEqual(expected);
  });

  it('gives the events eventsource-parser gives, for random bodies and cuts', () => {
    const next = random(18);
    const pieces = ['data: a', 'data:b', 'data: ', 'data: ё東😀', ': c', 'id: 9', 'x: y', ''];
    const ends = ['\n', '\r\n', '\r'];
    for (let round = 0; round < 300; round++) {
      let body = '';
      const lines = 1 + Math.floor(next() * 12);
      for (let i = 0; i < lines; i++) {
        body += pieces[Math.floor(next() * pieces.length)]!;
        body += ends[Math.floor(next() * ends.length)]!;
      }
      body += 'data: end\n\n';
      const length = encoder.encode(body).length;
      const cuts = [...new Set(Array.from({ length: 4 }, () => Math.floor(next() * length)))].sort(
        (a, b) => a - b,
      );
      // The library carries the last id on to later events (as EventSource does); we do not.
      const want = oracle(body).map((e) => ({ ...e, id: undefined }));
      const got = parse(body, cuts).map((e) => ({ ...e, id: undefined }));
      expect(got, JSON.stringify(body)).toEqual(want);
    }
  });
});

/**
 * Benchmark 2: SSE parsing throughput. Our parser (src/provider/sse.ts, the byte-level SSE
 * parser, plus the legacy-stream interpreter of src/provider/reply.ts that turns frames into text)
 * against a floor that does the least that works: one streaming TextDecoder, split on "\n",
 * JSON.parse every `data:` line, append `choices[0].delta.content`; and against the
 * `eventsource-parser` library feeding the same interpreter (the library alternative to our
 * parser, same work after it). A 1 MiB body, cut into 1-byte, 7-byte and 4 KiB chunks. All must
 * produce exactly the answer's text (a check, not a timing assertion).
 */
import { createParser } from 'eventsource-parser';
import { LegacyStreamInterpreter } from '../../src/provider/reply';
import { SseParser } from '../../src/provider/sse';
import type { ReplyEvent } from '../../src/provider/types';
import type { Section } from '../lib/report';
import { chunked, makeSseAnswer } from '../lib/sse-answer';
import { now, ratio, summarize } from '../lib/stats';

/** Ours: bytes → SSE frames → reply events → text. */
export function parseOurs(chunks: readonly Uint8Array[]): string {
  const parser = new SseParser();
  const interpreter = new LegacyStreamInterpreter();
  const out: string[] = [];
  const take = (events: ReplyEvent[]): void => {
    for (const event of events) if (event.type === 'delta') out.push(event.text);
  };
  for (const chunk of chunks) for (const frame of parser.push(chunk)) take(interpreter.push(frame));
  for (const frame of parser.end()) take(interpreter.push(frame));
  take(interpreter.end(parser));
  return out.join('');
}

/** eventsource-parser (one streaming TextDecoder in front) → the same interpreter → text. */
export function parseLibrary(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  const interpreter = new LegacyStreamInterpreter();
  const out: string[] = [];
  let bytes = 0;
  let lines = 0;
  const take = (events: ReplyEvent[]): void => {
    for (const event of events) if (event.type === 'delta') out.push(event.text);
  };
  const parser = createParser({
    onEvent: (message) => {
      lines++;
      take(interpreter.push({ event: message.event, data: message.data, id: message.id }));
    },
  });
  for (const chunk of chunks) {
    bytes += chunk.byteLength;
    parser.feed(decoder.decode(chunk, { stream: true }));
  }
  parser.feed(decoder.decode());
  parser.reset({ consume: true });
  take(interpreter.end({ bytes, lines }));
  return out.join('');
}

interface FloorChunk {
  choices?: Array<{ delta?: { content?: string } }>;
}

/** The floor: split-and-JSON.parse, no SSE semantics beyond `data: ` lines. */
export function parseFloor(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  const out: string[] = [];
  let buffer = '';
  const line = (raw: string): void => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!text.startsWith('data: ')) return;
    const data = text.slice(6);
    if (data === '[DONE]') return;
    const piece = (JSON.parse(data) as FloorChunk).choices?.[0]?.delta?.content;
    if (piece) out.push(piece);
  };
  for (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    const newline = buffer.lastIndexOf('\n');
    if (newline < 0) continue;
    const lines = buffer.slice(0, newline).split('\n');
    buffer = buffer.slice(newline + 1);
    for (const l of lines) line(l);
  }
  buffer += decoder.decode();
  if (buffer) line(buffer);
  return out.join('');
}

const SIZES: Array<[string, number]> = [
  ['1-byte', 1],
  ['7-byte', 7],
  ['4 KiB', 4096],
];

export async function sseThroughput(options: { runs: number; bytes: number }): Promise<Section> {
  const answer = makeSseAnswer(options.bytes);
  const mib = answer.body.byteLength / 2 ** 20;
  const section: Section = {
    id: 'sse',
    title: '2. SSE parsing throughput',
    method:
      `A ${mib.toFixed(2)} MiB stream (${answer.frames} OpenAI chunk frames, ${answer.text.length} characters of ` +
      `mixed ASCII/Cyrillic/CJK/emoji text, LF and CRLF framing) parsed from memory; ours = SseParser + ` +
      `LegacyStreamInterpreter (src/provider/sse.ts, reply.ts), floor = streaming TextDecoder + split("\\n") + JSON.parse, ` +
      `eventsource-parser 3 = the library + the same LegacyStreamInterpreter. ` +
      `${options.runs} runs for 1-byte chunks, ${options.runs * 3} for the others; the three parsers alternate and their order turns every run.`,
    rows: [],
    checks: [],
  };
  for (const [name, size] of SIZES) {
    const chunks = chunked(answer.body, size);
    const ours: number[] = [];
    const floor: number[] = [];
    const library: number[] = [];
    let oursText = '';
    let floorText = '';
    let libraryText = '';
    // One warm-up each so the JIT has seen all before anything is timed.
    parseOurs(chunks);
    parseFloor(chunks);
    parseLibrary(chunks);
    const parsers: Array<{ parse: typeof parseOurs; times: number[]; keep(text: string): void }> = [
      { parse: parseOurs, times: ours, keep: (text) => (oursText = text) },
      { parse: parseFloor, times: floor, keep: (text) => (floorText = text) },
      { parse: parseLibrary, times: library, keep: (text) => (libraryText = text) },
    ];
    // Cheap chunkings get more runs (a 4 KiB run takes ~10 ms; noise is ±10 % here).
    const runs = size === 1 ? options.runs : options.runs * 3;
    for (let run = 0; run < runs; run++) {
      // The order turns every run: whoever runs after another pays for its garbage, so a
      // fixed order would always bill the same parser.
      for (let k = 0; k < parsers.length; k++) {
        const parser = parsers[(run + k) % parsers.length]!;
        const t = now();
        const text = parser.parse(chunks);
        parser.times.push(now() - t);
        parser.keep(text);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const o = summarize(ours.map((ms) => mib / (ms / 1000)));
    const f = summarize(floor.map((ms) => mib / (ms / 1000)));
    const l = summarize(library.map((ms) => mib / (ms / 1000)));
    section.rows.push(
      {
        metric: `ours, ${name} chunks`,
        value: o,
        unit: 'MiB/s',
        note: `ours/floor ${ratio(o.median, f.median)}, ours/eventsource-parser ${ratio(o.median, l.median)} (throughput)`,
      },
      { metric: `floor, ${name} chunks`, value: f, unit: 'MiB/s' },
      { metric: `eventsource-parser, ${name} chunks`, value: l, unit: 'MiB/s' },
    );
    section.checks?.push({
      name: `${name}: ours = floor = eventsource-parser = expected text`,
      ok: oursText === answer.text && floorText === answer.text && libraryText === answer.text,
      detail: `${oursText.length} / ${floorText.length} / ${libraryText.length} / ${answer.text.length} characters`,
    });
  }
  return section;
}

/** Reads the real exchanges in test/fixtures/captures/ (raw HTTP responses, requests, pages). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const CAPTURES = resolve(import.meta.dirname, '../../fixtures/captures');

export interface CapturedResponse {
  status: number;
  headers: Headers;
  /** The body bytes exactly as sent (chunked transfer coding already removed by the recorder). */
  body: Uint8Array;
}

export function captureText(name: string): string {
  return readFileSync(resolve(CAPTURES, name), 'utf8');
}

export function captureResponse(name: string): CapturedResponse {
  const raw = readFileSync(resolve(CAPTURES, `${name}.http`));
  const text = raw.toString('latin1');
  const split = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, split).split(/\r?\n/);
  const separator = /\r?\n\r?\n/.exec(text.slice(split))?.[0] ?? '\n\n';
  const body = raw.subarray(split + separator.length);
  const status = Number(/^HTTP\/[\d.]+ (\d+)/.exec(head[0] ?? '')?.[1]);
  const headers = new Headers();
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { status, headers, body: new Uint8Array(body) };
}

/** A Response for a capture, its body cut into the given chunk sizes (default: one chunk). */
export function responseOf(capture: CapturedResponse, chunks?: number[]): Response {
  const parts: Uint8Array[] = [];
  if (chunks === undefined) parts.push(capture.body);
  else {
    let at = 0;
    for (const size of chunks) {
      parts.push(capture.body.subarray(at, at + size));
      at += size;
    }
    if (at < capture.body.length) parts.push(capture.body.subarray(at));
  }
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  const headers = new Headers(capture.headers);
  headers.delete('transfer-encoding');
  headers.delete('content-length');
  return new Response(capture.status === 204 ? null : stream, { status: capture.status, headers });
}

/** The form fields of a captured curl request (`--data-urlencode k=v` or `-F k=v`). */
export function capturedFields(name: string): Map<string, string> {
  const line = captureText(`${name}.request.txt`);
  const fields = new Map<string, string>();
  const pattern = /(?:--data-urlencode|-F) ((?:\\.|[^\s\\])+)/g;
  for (const match of line.matchAll(pattern)) {
    const arg = (match[1] ?? '').replace(/\\(.)/g, '$1');
    const eq = arg.indexOf('=');
    fields.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return fields;
}

/** The messages the plugin sent to the (mock) model in a capture. */
export function capturedModelMessages(name: string): { role: string; content: string }[] {
  const line = captureText(`${name}.mock.jsonl`).trim().split('\n')[0] ?? '{}';
  const record = JSON.parse(line) as { body: { messages: { role: string; content: string }[] } };
  return record.body.messages;
}

// Replies as data (status, ordered headers, body or paced frames), and the one writer that puts
// them on the socket. Transport faults (delays, stalls, drops, garbage, split characters) are
// applied here, so every handler gets them for free and stays free of fault logic.
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

export type HeaderList = [string, string | string[]][];

export interface Reply {
  status: number;
  headers: HeaderList;
  /** The whole body (Content-Length is added by the writer unless the headers say chunked). */
  body?: Buffer;
  /** A streamed body: each frame is written separately, `paceMs` apart. */
  frames?: Buffer[];
  /** Delay between frames; defaults to the site's chunk delay. */
  paceMs?: number;
}

/** The faults that act on the transport, not on what is said. */
export interface TransportFaults {
  firstByteDelayMs?: number;
  chunkDelayMs?: number;
  stall?: boolean;
  dropMidStream?: boolean;
  garbage?: boolean;
  splitMultibyte?: boolean;
  invalidUtf8?: boolean;
}

/** Marker the answer engine puts where invalid UTF-8 bytes go (strings cannot hold invalid UTF-8). */
export const INVALID_UTF8_MARK = '[[invalid-utf8]]';
const INVALID_BYTES = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]);

/** Encode text for the wire, turning the invalid-UTF-8 marker into real invalid bytes. */
export function wire(text: string): Buffer {
  const buf = Buffer.from(text, 'utf8');
  const mark = Buffer.from(INVALID_UTF8_MARK);
  let at = buf.indexOf(mark);
  if (at < 0) return buf;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(buf.subarray(from, at), INVALID_BYTES);
    from = at + mark.length;
    at = buf.indexOf(mark, from);
  }
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function httpDate(): string {
  return new Date().toUTCString();
}

/** Headers every admin-ajax reply carries after `send_nosniff_header()` and `nocache_headers()`. */
export function ajaxHeaders(cacheControl = 'no-cache, must-revalidate, max-age=0'): HeaderList {
  return [
    ['Date', httpDate()],
    ['Server', 'Apache'],
    ['X-Robots-Tag', 'noindex'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Expires', 'Wed, 11 Jan 1984 05:00:00 GMT'],
    ['Cache-Control', cacheControl],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'SAMEORIGIN'],
  ];
}

/** `wp_send_json`: 200 application/json; charset=UTF-8. */
export function jsonReply(json: string, status = 200): Reply {
  return {
    status,
    headers: [...ajaxHeaders(), ['Content-Type', 'application/json; charset=UTF-8']],
    body: wire(json),
  };
}

/** The legacy plugin's SSE headers (1.9.18 wpaicg_chat.php:1354-1366, as captured). */
export function legacySseHeaders(): HeaderList {
  return [
    ...ajaxHeaders('no-cache'),
    ['X-Accel-Buffering', 'no'],
    ['Transfer-Encoding', 'chunked'],
    ['Content-Type', 'text/event-stream;charset=UTF-8'],
  ];
}

/**
 * `wp_die('0', 400)` from admin-ajax.php. With no action at all it dies before
 * `send_nosniff_header()` (a-20); with an unhooked action it dies after it (b-08).
 */
export function zeroReply(actionPresent: boolean): Reply {
  const base = ajaxHeaders();
  const headers: HeaderList = actionPresent
    ? base
    : base.filter(
        ([k]) => !['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options'].includes(k),
      );
  return {
    status: 400,
    headers: [...headers, ['Connection', 'close'], ['Content-Type', 'text/html; charset=UTF-8']],
    body: Buffer.from('0'),
  };
}

/** Put a Reply on the socket, applying the transport faults. */
export async function sendReply(
  res: ServerResponse,
  reply: Reply,
  faults: TransportFaults,
  defaultPaceMs: number,
): Promise<void> {
  if (faults.firstByteDelayMs) await sleep(faults.firstByteDelayMs);
  if (res.destroyed) return;

  let frames = reply.frames ?? (reply.body ? [reply.body] : []);
  if (faults.garbage) frames = frames.map((f) => randomBytes(Math.max(64, f.length)));
  if (faults.splitMultibyte) frames = frames.flatMap(splitInsideCharacter);

  res.sendDate = false;
  for (const [k, v] of finalHeaders(reply.headers, frames, Boolean(faults.stall)))
    res.setHeader(k, v);
  res.writeHead(reply.status);

  const pace = faults.chunkDelayMs ?? reply.paceMs ?? defaultPaceMs;
  if (faults.stall) return writeStalled(res, frames);
  if (faults.dropMidStream) return writeDropped(res, frames, pace);
  for (let i = 0; i < frames.length; i++) {
    if (i > 0 && pace > 0) await sleep(pace);
    if (res.destroyed) return;
    res.write(frames[i]);
  }
  res.end();
}

/**
 * The header lines to send: Content-Length added just before Content-Type (where Apache puts it)
 * unless the reply is chunked. A stalled reply must not promise a length it never delivers.
 */
function finalHeaders(headers: HeaderList, frames: Buffer[], stall: boolean): HeaderList {
  const isChunked = headers.some(
    ([k, v]) => k.toLowerCase() === 'transfer-encoding' && v === 'chunked',
  );
  const hasLength = headers.some(([k]) => k.toLowerCase() === 'content-length');
  const total = frames.reduce((n, f) => n + f.length, 0);
  const out: HeaderList = [];
  for (const [k, v] of headers) {
    if (stall && k.toLowerCase() === 'content-length') continue;
    if (k.toLowerCase() === 'content-type') {
      if (stall && !isChunked) out.push(['Transfer-Encoding', 'chunked']);
      else if (!stall && !isChunked && !hasLength) out.push(['Content-Length', String(total)]);
    }
    out.push([k, v]);
  }
  return out;
}

/** Headers and the first piece (a third of a single body), then silence until the site closes. */
function writeStalled(res: ServerResponse, frames: Buffer[]): void {
  const first = frames[0];
  if (!first) return;
  res.write(frames.length > 1 ? first : first.subarray(0, Math.ceil(first.length / 3)));
}

/** Half the frames (half of a single body), then the connection is cut. */
async function writeDropped(res: ServerResponse, frames: Buffer[], pace: number): Promise<void> {
  const pieces =
    frames.length === 1
      ? [frames[0]!.subarray(0, Math.ceil(frames[0]!.length / 2))]
      : frames.slice(0, Math.max(1, Math.floor(frames.length / 2)));
  for (let i = 0; i < pieces.length; i++) {
    if (i > 0 && pace > 0) await sleep(pace);
    if (res.destroyed) return;
    res.write(pieces[i]);
  }
  await sleep(pace);
  res.socket?.destroy();
}

/** Split a frame just after the first byte of its first multi-byte character (if it has one). */
function splitInsideCharacter(frame: Buffer): Buffer[] {
  for (let i = 0; i < frame.length; i++) {
    if (frame[i]! >= 0xc0) return [frame.subarray(0, i + 1), frame.subarray(i + 1)];
  }
  return [frame];
}

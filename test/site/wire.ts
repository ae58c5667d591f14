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

  const chunked = reply.headers.some(
    ([k, v]) => k.toLowerCase() === 'transfer-encoding' && v === 'chunked',
  );
  const hasLength = reply.headers.some(([k]) => k.toLowerCase() === 'content-length');
  const total = frames.reduce((n, f) => n + f.length, 0);
  const headers: HeaderList = [];
  for (const [k, v] of reply.headers) {
    // Content-Length goes just before Content-Type, where Apache puts it.
    if (k.toLowerCase() === 'content-type' && !chunked && !hasLength && !faults.stall) {
      headers.push(['Content-Length', String(total)]);
    }
    headers.push([k, v]);
  }
  // A stalled non-stream reply must not promise a length it will never deliver.
  const finalHeaders = faults.stall
    ? [
        ...headers.filter(([k]) => k.toLowerCase() !== 'content-length'),
        ...(chunked ? [] : [['Transfer-Encoding', 'chunked'] as [string, string]]),
      ]
    : headers;
  res.sendDate = false;
  for (const [k, v] of finalHeaders) res.setHeader(k, v);
  res.writeHead(reply.status);

  const pace = faults.chunkDelayMs ?? reply.paceMs ?? defaultPaceMs;
  if (faults.stall) {
    // Headers and the first piece, then silence; the socket stays open until the site closes.
    const first = frames[0];
    if (first)
      res.write(first.subarray(0, frames.length > 1 ? first.length : Math.ceil(first.length / 3)));
    return;
  }
  const dropAfter = faults.dropMidStream ? Math.max(1, Math.floor(frames.length / 2)) : Infinity;
  for (let i = 0; i < frames.length; i++) {
    if (res.destroyed) return;
    const frame = frames[i]!;
    if (faults.dropMidStream && frames.length === 1) {
      // A single body: send half of it, then cut the connection.
      res.write(frame.subarray(0, Math.ceil(frame.length / 2)));
      await sleep(pace);
      res.socket?.destroy();
      return;
    }
    if (i >= dropAfter) {
      res.socket?.destroy();
      return;
    }
    if (i > 0 && pace > 0) await sleep(pace);
    if (res.destroyed) return;
    res.write(frame);
  }
  res.end();
}

/** Split a frame just after the first byte of its first multi-byte character (if it has one). */
function splitInsideCharacter(frame: Buffer): Buffer[] {
  for (let i = 0; i < frame.length; i++) {
    if (frame[i]! >= 0xc0) return [frame.subarray(0, i + 1), frame.subarray(i + 1)];
  }
  return [frame];
}

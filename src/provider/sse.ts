/**
 * An incremental Server-Sent Events parser over bytes. One streaming UTF-8 decoder for the whole
 * body (never one per chunk, which garbles characters split across chunks), lines ended by CRLF,
 * LF or CR (a CR at the end of a chunk waits for the next one), so the events are identical for
 * every way the body can be cut into chunks.
 */

export interface SseEvent {
  /** The `event:` field, undefined when the frame had none (the plugin's OpenAI pass-through). */
  event: string | undefined;
  /** The `data:` lines joined by `\n`. */
  data: string;
  id: string | undefined;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  /** Text of an unfinished line that has been scanned (or a held-back CR). */
  private buffer = '';
  /** Decoded pieces after `buffer` that hold no line end yet. */
  private pending: string[] = [];
  private event: string | undefined;
  private data: string[] = [];
  private id: string | undefined;
  /** Bytes received, for "empty stream" detection. */
  bytes = 0;
  /** Non-blank, non-comment lines received: zero means the body said nothing. */
  lines = 0;

  /** Feeds one chunk; returns the events it completed. */
  push(chunk: Uint8Array): SseEvent[] {
    this.bytes += chunk.byteLength;
    const piece = this.decoder.decode(chunk, { stream: true });
    // Most chunks of a long line end no line: keep them aside without rescanning or joining,
    // so a line cut into n chunks costs O(n), not O(n²). A CR held back waits for its LF.
    if (!this.buffer.endsWith('\r') && !/[\r\n]/.test(piece)) {
      this.pending.push(piece);
      return [];
    }
    this.buffer += this.pending.join('') + piece;
    this.pending = [];
    return this.drain(false);
  }

  /** Ends the body: flushes the decoder and dispatches a last frame that had no blank line. */
  end(): SseEvent[] {
    this.buffer += this.pending.join('') + this.decoder.decode();
    this.pending = [];
    const events = this.drain(true);
    if (this.buffer !== '') {
      this.line(this.buffer, events);
      this.buffer = '';
    }
    this.dispatch(events);
    return events;
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    const text = this.buffer;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i === text.length - 1 && !final) break; // maybe half of a CRLF
      this.line(text.slice(start, i), events);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.buffer = text.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.startsWith(':')) return;
    this.lines++;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data.length > 0 || this.event !== undefined) {
      events.push({ event: this.event, data: this.data.join('\n'), id: this.id });
    }
    this.event = undefined;
    this.data = [];
    this.id = undefined;
  }
}

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
  /** The frame's first `data:` line; almost every frame has exactly one, so no array for it. */
  private data: string | undefined;
  /** Its further `data:` lines, if any. */
  private moreData: string[] | undefined;
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
    if (!this.buffer.endsWith('\r') && piece.indexOf('\n') < 0 && piece.indexOf('\r') < 0) {
      this.pending.push(piece);
      return [];
    }
    if (this.pending.length > 0) {
      this.buffer += this.pending.join('');
      this.pending = [];
    }
    this.buffer += piece;
    return this.drain(false);
  }

  /** Ends the body: flushes the decoder and dispatches a last frame that had no blank line. */
  end(): SseEvent[] {
    this.buffer += this.pending.join('') + this.decoder.decode();
    this.pending = [];
    const events = this.drain(true);
    if (this.buffer !== '') {
      this.line(this.buffer, 0, this.buffer.length, events);
      this.buffer = '';
    }
    this.dispatch(events);
    return events;
  }

  /**
   * Cuts the buffer's complete lines. Line ends are found with indexOf (native, vectorized)
   * for LF and CR separately, each searched again only once passed, instead of a loop over
   * every character: the cost is per line, not per character.
   */
  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    const text = this.buffer;
    let start = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf >= 0 || cr >= 0) {
      let end: number;
      let next: number;
      if (cr < 0 || (lf >= 0 && lf < cr)) {
        end = lf;
        next = lf + 1;
      } else {
        if (cr === text.length - 1 && !final) break; // maybe half of a CRLF
        end = cr;
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      }
      // A lone `data:` line with its blank line right after it (nearly every frame) is an event
      // at once: no field state written, no second turn of the loop for the blank line.
      const blank = text.charCodeAt(next);
      const after =
        blank === 10 ? next + 1 : blank === 13 && text.charCodeAt(next + 1) === 10 ? next + 2 : -1;
      if (
        after > 0 &&
        text.charCodeAt(start) === 100 &&
        this.data === undefined &&
        this.event === undefined &&
        this.id === undefined &&
        text.startsWith('data:', start)
      ) {
        this.lines++;
        const from = text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5;
        events.push({ event: undefined, data: text.slice(from, end), id: undefined });
        start = after;
      } else {
        this.line(text, start, end, events);
        start = next;
      }
      if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    }
    this.buffer = start === 0 ? text : text.slice(start);
    return events;
  }

  /**
   * The line `text[start, end)`. Read in place: a `data:` line (nearly all of them) costs one
   * slice, its value, not one for the line and another for the value.
   */
  private line(text: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) {
      this.dispatch(events);
      return;
    }
    const first = text.charCodeAt(start);
    if (first === 58) return; // ':' starts a comment
    this.lines++;
    // The common case first: "data: " (the value after one optional space).
    if (first === 100 && text.startsWith('data:', start)) {
      this.addData(text.slice(text.charCodeAt(start + 5) === 32 ? start + 6 : start + 5, end));
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.addData(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }

  private addData(value: string): void {
    if (this.data === undefined) this.data = value;
    else (this.moreData ??= []).push(value);
  }

  private dispatch(events: SseEvent[]): void {
    if (this.data !== undefined || this.event !== undefined) {
      const data = this.moreData ? [this.data, ...this.moreData].join('\n') : (this.data ?? '');
      events.push({ event: this.event, data, id: this.id });
    }
    this.event = undefined;
    this.data = undefined;
    this.moreData = undefined;
    this.id = undefined;
  }
}

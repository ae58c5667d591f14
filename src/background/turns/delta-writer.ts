/**
 * Streams an answer's text into the store in small batches: pieces are gathered and written
 * as one chunk record every ~100 ms or ~2 KB, so the bytes written grow with the delta, never
 * with the answer or the conversation. Writes are serialized; a failed write is reported and
 * the next ones go on (the final text is written whole when the answer finishes).
 */
export interface ChunkSink {
  appendChunk(messageId: string, offset: number, text: string): Promise<void>;
}

export interface DeltaWriterOptions {
  flushMs?: number;
  flushBytes?: number;
  onError?: (error: unknown) => void;
}

export class DeltaWriter {
  private pending = '';
  private pendingOffset: number;
  private length: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly flushBytes: number;

  constructor(
    private readonly sink: ChunkSink,
    private readonly messageId: string,
    startOffset: number,
    private readonly options: DeltaWriterOptions = {},
  ) {
    this.pendingOffset = startOffset;
    this.length = startOffset;
    this.flushMs = options.flushMs ?? 100;
    this.flushBytes = options.flushBytes ?? 2048;
  }

  /** Adds a piece; answers its offset (the text's length before it). */
  append(text: string): number {
    const offset = this.length;
    this.length += text.length;
    this.pending += text;
    // flush() never rejects (a failed write goes to onError): nothing to wait for here.
    if (this.pending.length >= this.flushBytes) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return offset;
  }

  /** Starts writing what is pending; resolves when every write so far has settled. */
  flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const text = this.pending;
      const offset = this.pendingOffset;
      this.pending = '';
      this.pendingOffset = this.length;
      this.chain = this.chain
        .then(() => this.sink.appendChunk(this.messageId, offset, text))
        .catch((error: unknown) => this.options.onError?.(error));
    }
    return this.chain;
  }
}

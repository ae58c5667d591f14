/**
 * Splits a growing Markdown answer into top-level blocks, lexing only the open tail.
 *
 * A block is finished once another non-space block follows it: from then on its token is kept
 * as is (same object, so memoized components skip it) and its text is never lexed again. Each
 * update re-lexes only from the start of the first unfinished block, so a streamed chunk costs
 * work in proportion to the open block, not the whole answer.
 */
import type { Token } from 'marked';
import { lexBlocks } from './lex';

export interface Block {
  /** Stable across updates for a finished block: its start offset in the answer. */
  key: number;
  token: Token;
  /** Whether more text may still change this block. */
  open: boolean;
}

export type Lex = (source: string) => Token[];

export class IncrementalBlocks {
  private finished: Block[] = [];
  /** Offset where the unfinished tail starts (everything before is in `finished`). */
  private tailStart = 0;
  private text = '';
  private tail: Block[] = [];

  constructor(private readonly lex: Lex = lexBlocks) {}

  /** The blocks of `text`; cheap when `text` extends the previous text. */
  update(text: string, complete = false): Block[] {
    const source = text.replace(/\r\n?/g, '\n');
    if (!source.startsWith(this.text.slice(0, this.tailStart)) || source.length < this.tailStart) {
      // Not a continuation (edited or replaced): start over.
      this.finished = [];
      this.tailStart = 0;
    }
    this.text = source;
    const tokens = this.lex(source.slice(this.tailStart));
    const lastContent = findLastIndex(tokens, (t) => t.type !== 'space');
    let offset = this.tailStart;
    const tail: Block[] = [];
    tokens.forEach((token, index) => {
      const settled = complete || index < lastContent;
      const block: Block = { key: offset, token, open: !settled };
      if (settled && tail.length === 0 && !complete) this.finished.push(block);
      else tail.push(block);
      offset += token.raw.length;
      if (settled && tail.length === 0 && !complete) this.tailStart = offset;
    });
    // A lexer that does not account for every character: never trust offsets, lex all next time.
    if (offset !== source.length) {
      this.finished = [];
      this.tailStart = 0;
    }
    this.tail = tail;
    return [...this.finished, ...this.tail].filter((b) => b.token.type !== 'space');
  }
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}

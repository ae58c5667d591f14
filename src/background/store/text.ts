/** Small pure helpers of the store: titles, snippets and folding streamed chunks into text. */

export interface Chunk {
  messageId: string;
  /** Length of the answer's text before this piece. */
  offset: number;
  text: string;
}

const TITLE_LENGTH = 60;

/** A conversation title from its first message: one line, cut at a word near 60 characters. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The text of an answer: its stored text followed by its chunks in offset order. A chunk that
 * overlaps what is already there (written twice) only adds its new tail.
 */
export function foldChunks(base: string, chunks: readonly Chunk[]): string {
  let text = base;
  for (const chunk of [...chunks].sort((a, b) => a.offset - b.offset)) {
    const end = chunk.offset + chunk.text.length;
    if (end <= text.length) continue;
    const skip = Math.max(0, text.length - chunk.offset);
    text += chunk.text.slice(skip);
  }
  return text;
}

/** A short excerpt around the first match of `needle` (already lower-cased) in `text`. */
export function snippetAround(text: string, needle: string, radius = 40): string | undefined {
  const at = text.toLowerCase().indexOf(needle);
  if (at < 0) return undefined;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + needle.length + radius);
  const body = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

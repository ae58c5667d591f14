/**
 * Limits on how much structure and work an answer may ask of the renderer. Model output is
 * untrusted: 2 KB of `>` nests 2000 blockquotes (marked's lexer overflows the stack), and 10 KB
 * of unmatched emphasis (`*a_*a_…`) makes marked's inline pass quadratic (a second per 10 KB).
 * Past these limits the structure is shown as text; the text itself is always kept.
 */

/** Deepest container nesting (blockquotes, list items) built from one line's prefix. */
export const MAX_PREFIX_DEPTH = 12;
/** Deepest element nesting the renderer builds; below it a token is shown as its source text. */
export const MAX_RENDER_DEPTH = 24;
/**
 * marked's emphasis pass scans ahead from every delimiter run it cannot close, so its cost is
 * (unclosed runs) × (text length). Text is lexed whole while it has at most MAX_RUNS_WHOLE runs
 * and at most MAX_UNBALANCED_RUNS of them look unclosed; else it is cut into segments of
 * MAX_RUNS_PER_SEGMENT runs, which bounds the cost per character.
 */
export const MAX_RUNS_WHOLE = 32;
export const MAX_UNBALANCED_RUNS = 8;
export const MAX_RUNS_PER_SEGMENT = 8;
/** Longest text lexed as one inline segment when it has emphasis to look for. */
export const MAX_SEGMENT_CHARS = 2000;
/** A longer run of `*`, `_`, `~` is no emphasis anyone writes, only a nesting bomb. */
export const MAX_RUN_CHARS = 12;
/** Longer inline text is shown as plain text, unformatted. */
export const MAX_INLINE_CHARS = 64_000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** One container marker at the start of what is left of a line: `>`, `-`/`+`/`*` or `1.`/`1)`. */
const MARKER = /^[ \t]{0,3}(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;

/**
 * Escapes container markers past MAX_PREFIX_DEPTH on each line (outside fenced code), so the
 * lexer never nests deeper. An escaped marker renders as the character itself.
 */
export function capNesting(source: string): string {
  if (source.length < MAX_PREFIX_DEPTH * 2) return source;
  const lines = source.split('\n');
  let fence: string | null = null;
  let changed = false;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const open = FENCE.exec(line);
    if (fence) {
      if (open && open[1]?.startsWith(fence)) fence = null;
      continue;
    }
    if (open?.[1]) {
      fence = open[1].slice(0, 3);
      continue;
    }
    if (THEMATIC_BREAK.test(line)) continue;
    const capped = capLine(line);
    if (capped !== line) {
      lines[i] = capped;
      changed = true;
    }
  }
  return changed ? lines.join('\n') : source;
}

function capLine(line: string): string {
  let rest = line;
  let consumed = 0;
  for (let depth = 0; depth < MAX_PREFIX_DEPTH; depth += 1) {
    const marker = MARKER.exec(rest);
    if (!marker) return line;
    consumed += marker[0].length;
    rest = rest.slice(marker[0].length);
  }
  const next = MARKER.exec(rest);
  if (!next) return line;
  // Escape the first marker character past the limit: `\>`, `\-`, `1\.`.
  const lead = next[0].length - next[0].trimStart().length;
  const marker = next[0].trimStart();
  const at = consumed + lead + (/^\d/.test(marker) ? marker.length - 1 : 0);
  return line.slice(0, at) + '\\' + line.slice(at);
}

const RUN = /[*_~]+/g;

/**
 * Splits inline text into segments small enough that lexing each is cheap: at most
 * MAX_RUNS_PER_SEGMENT emphasis runs and MAX_SEGMENT_CHARS characters, cut at whitespace.
 * Emphasis or a link across a cut shows as text. Ordinary text stays one segment.
 */
export function inlineSegments(text: string): string[] {
  if (!needsSegments(text)) return [text];
  const segments: string[] = [];
  let start = 0;
  let runs = 0;
  let lastSpace = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9) lastSpace = i;
    if (isDelimiter(c) && (i === start || !isDelimiter(text.charCodeAt(i - 1)))) runs += 1;
    if (runs > MAX_RUNS_PER_SEGMENT || i - start >= MAX_SEGMENT_CHARS) {
      // Cut after the last whitespace in this segment, or here if it has none.
      const cut = lastSpace > start ? lastSpace + 1 : i;
      if (cut > start) segments.push(text.slice(start, cut));
      start = cut;
      lastSpace = -1;
      runs = 0;
      i = cut - 1;
    }
  }
  if (start < text.length) segments.push(text.slice(start));
  return segments;
}

/**
 * Whether lexing `text` whole could be costly: many runs, or several that look unclosed. A run
 * with a space before and a letter after opens, one with a letter before and a space (or
 * punctuation) after closes; one between letters may do either and is counted as unclosed.
 */
function needsSegments(text: string): boolean {
  let runs = 0;
  let opens = 0;
  let closes = 0;
  let between = 0;
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match; match = RUN.exec(text)) {
    runs += 1;
    if (runs > MAX_RUNS_WHOLE) return true;
    const before = text[match.index - 1] ?? ' ';
    const after = text[match.index + match[0].length] ?? ' ';
    const spaceBefore = /\s/.test(before);
    const spaceAfter = /\s/.test(after);
    if (spaceBefore && !spaceAfter) opens += 1;
    else if (!spaceBefore && (spaceAfter || /\p{P}/u.test(after))) closes += 1;
    else if (!spaceBefore && !spaceAfter) between += 1;
  }
  return Math.abs(opens - closes) + between > MAX_UNBALANCED_RUNS;
}

const LONG_RUN = new RegExp(`[*_~]{${MAX_RUN_CHARS + 1},}`);

/** Whether a segment is better shown as plain text than lexed (it holds a nesting bomb). */
export function showAsText(segment: string): boolean {
  return LONG_RUN.test(segment);
}

function isDelimiter(c: number): boolean {
  return c === 42 || c === 95 || c === 126;
}

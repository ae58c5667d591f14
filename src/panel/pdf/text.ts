/**
 * A PDF's text as the summary flow takes it: each page's text runs joined into lines, and a
 * "[Page N]" line before each page that has text, so the parts of a long PDF (shared/page-parts.ts
 * cuts at blank lines) and the answer can name their pages. Pure, for unit tests; pdf.js runs in
 * read.ts.
 */

/** What pdf.js gives per text run (its TextItem); marked-content entries have no `str`. */
export interface PdfTextRun {
  str: string;
  /** The run ends a line (pdf.js's own judgement from the positions). */
  hasEOL?: boolean;
  /** [a, b, c, d, x, y]: y (index 5) is the baseline, in page units growing upwards. */
  transform?: readonly number[];
  height?: number;
}

/** One page's runs as they come, in reading order; anything without a string is skipped. */
export type PdfPageRuns = ReadonlyArray<PdfTextRun | { type: string }>;

function isRun(item: PdfTextRun | { type: string }): item is PdfTextRun {
  return typeof (item as Partial<PdfTextRun>).str === 'string';
}

/**
 * One page's plain text: runs on a line joined, lines by "\n". No blank lines inside a page:
 * blank lines are where page-parts cuts a long PDF first, and each one is followed by a page
 * marker (assemblePages), so every part starts by naming its page.
 */
export function pageText(items: PdfPageRuns): string {
  let text = '';
  let lineY: number | undefined;
  let lineHeight = 0;
  let atLineStart = true;
  for (const item of items) {
    if (!isRun(item)) continue;
    const y = item.transform?.[5];
    // A run well below the last without pdf.js marking the line's end: a new line anyway.
    if (!atLineStart && y !== undefined && lineY !== undefined && lineHeight > 0) {
      if (Math.abs(lineY - y) > lineHeight * 0.8) text += '\n';
    }
    text += item.str;
    if (y !== undefined) lineY = y;
    const height = Math.abs(item.height ?? 0);
    if (height > 0) lineHeight = height;
    atLineStart = Boolean(item.hasEOL);
    if (item.hasEOL) text += '\n';
  }
  return tidy(text);
}

/** Spaces collapsed, lines trimmed, empty lines dropped. */
function tidy(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export interface PdfDocumentText {
  /** The whole text with a marker line before each page that has text; '' when none has. */
  text: string;
  pages: number;
  /** How many pages have any text: 0 for a scanned PDF. */
  pagesWithText: number;
}

/**
 * A page longer than this goes in blocks of whole lines, each behind its page's marker again:
 * less than half a part (page-parts cuts at the last blank line in a part's second half), so
 * every cut falls before a marker and a part that starts inside a long page still names it.
 */
export const BLOCK_CHARS = 4000;

/** The pages' texts joined, each behind its marker (`marker(3)` → "[Page 3]"). */
export function assemblePages(
  pages: readonly string[],
  marker: (page: number) => string,
  blockChars = BLOCK_CHARS,
): PdfDocumentText {
  const blocks: string[] = [];
  let pagesWithText = 0;
  pages.forEach((page, index) => {
    const text = page.trim();
    if (!text) return;
    pagesWithText++;
    for (const block of lineBlocks(text, blockChars)) blocks.push(`${marker(index + 1)}\n${block}`);
  });
  return { text: blocks.join('\n\n'), pages: pages.length, pagesWithText };
}

/** `text` in runs of whole lines of at most `limit` characters (a longer line stays whole). */
function lineBlocks(text: string, limit: number): string[] {
  const blocks: string[] = [];
  let block = '';
  for (const line of text.split('\n')) {
    if (block && block.length + 1 + line.length > limit) {
      blocks.push(block);
      block = line;
    } else block = block ? `${block}\n${line}` : line;
  }
  if (block) blocks.push(block);
  return blocks;
}

/**
 * The name to show for a PDF: its own title (document info or XMP) when it has a real one, else
 * the file name from its address, else `fallback` (the tab's title).
 */
export function pdfTitle(
  metadataTitle: string | undefined,
  url: string | undefined,
  fallback = '',
): string {
  const own = metadataTitle?.trim() ?? '';
  // Some generators write a placeholder rather than no title.
  if (own && !/^(untitled|unknown|none)$/i.test(own)) return own;
  return fileNameOf(url) || fallback;
}

export function fileNameOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const last = segments[segments.length - 1] ?? '';
    return decodeURIComponent(last);
  } catch {
    return '';
  }
}

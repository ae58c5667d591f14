/**
 * A PDF's text as the summary flow takes it: each page's text runs joined into lines and
 * paragraphs, and a "[Page N]" line before each page that has text, so the parts of a long PDF
 * (shared/page-parts.ts cuts at blank lines) and the answer can name their pages. Pure, for unit
 * tests; pdf.js runs in read.ts.
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

/** A gap between two lines this many line heights tall starts a new paragraph. */
const PARAGRAPH_GAP = 1.6;

/**
 * One page's plain text: runs on a line joined, lines by "\n", and a blank line where the gap
 * to the next line is taller than a line (a new paragraph), so page-parts cuts there first.
 */
export function pageText(items: PdfPageRuns): string {
  let text = '';
  let lineY: number | undefined;
  let lineHeight = 0;
  let atLineStart = true;
  for (const item of items) {
    if (!isRun(item)) continue;
    const y = item.transform?.[5];
    const height = Math.abs(item.height ?? 0);
    if (atLineStart && text && y !== undefined && lineY !== undefined && lineHeight > 0) {
      if (Math.abs(lineY - y) > lineHeight * PARAGRAPH_GAP) text += '\n';
    }
    if (!atLineStart && y !== undefined && lineY !== undefined && lineHeight > 0) {
      // A run well below the last without pdf.js marking the line's end: a new line anyway.
      if (Math.abs(lineY - y) > lineHeight * 0.8) text += '\n';
    }
    text += item.str;
    if (y !== undefined) lineY = y;
    if (height > 0) lineHeight = height;
    atLineStart = Boolean(item.hasEOL);
    if (item.hasEOL) text += '\n';
  }
  return tidy(text);
}

/** Spaces collapsed, lines trimmed, at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface PdfDocumentText {
  /** The whole text with a marker line before each page that has text; '' when none has. */
  text: string;
  pages: number;
  /** How many pages have any text: 0 for a scanned PDF. */
  pagesWithText: number;
}

/** The pages' texts joined, each behind its marker (`marker(3)` → "[Page 3]"). */
export function assemblePages(
  pages: readonly string[],
  marker: (page: number) => string,
): PdfDocumentText {
  const blocks: string[] = [];
  pages.forEach((page, index) => {
    const text = page.trim();
    if (text) blocks.push(`${marker(index + 1)}\n${text}`);
  });
  return { text: blocks.join('\n\n'), pages: pages.length, pagesWithText: blocks.length };
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

/**
 * The direction of a container block (list, quote, table) from its first strong character.
 * Paragraphs, items, cells and headings carry dir="auto" and let the browser decide; a
 * container cannot (dir="auto" skips descendants that have their own dir), so its side for
 * bullets, quote bar and column order is decided here the same way, from the source text.
 */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
const STRONG =
  /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u3040-\u30ff\u4e00-\u9fff]/;

/**
 * 'rtl' when the first strong letter of `text` is Hebrew or Arabic script, else 'auto' (which on
 * a container of dir'd blocks resolves to left to right; never left unset, as a dir that goes
 * away on a re-render would be left behind as an empty attribute).
 */
export function containerDir(text: string): 'rtl' | 'auto' {
  // Markdown markup and link targets are not prose: skip them before looking.
  const prose = text.slice(0, 2000).replace(/\]\([^)]*\)|<[^>]*>|`[^`]*`/g, ' ');
  const first = STRONG.exec(prose);
  return first && RTL.test(first[0]) ? 'rtl' : 'auto';
}

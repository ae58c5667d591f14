/**
 * Words for the history search index, from any script. Latin, Cyrillic and other scripts that
 * put spaces between words are cut by a regular expression (fast: the index of 10,000
 * conversations is built from millions of words); runs of scripts written without spaces
 * (Chinese, Japanese, Thai, …) go through `Intl.Segmenter`, which knows their word breaks.
 * The same function cuts a query, so a query word matches the indexed word it was typed as.
 */

/** Letters, marks and digits: one run is one word, or a run of unspaced script to segment. */
const RUN = /[\p{L}\p{M}\p{N}]+/gu;
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/** Longer "words" (hashes, base64) are cut here: they still match by prefix. */
const MAX_WORD = 32;

let segmenter: Intl.Segmenter | undefined;

/** Lower case, one form (NFC), ё as е: what people type and what they wrote then match. */
function fold(word: string): string {
  return word.normalize('NFC').toLowerCase().replaceAll('ё', 'е').slice(0, MAX_WORD);
}

/** The words of `text` in order, folded; repeated words are kept (see `uniqueWords`). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const [run] of text.matchAll(RUN)) {
    if (!UNSPACED.test(run)) {
      out.push(fold(run));
      continue;
    }
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
    for (const part of segmenter.segment(run)) {
      if (part.isWordLike !== false) out.push(fold(part.segment));
    }
  }
  return out;
}

/** Each word of `text` once. */
export function uniqueWords(text: string): string[] {
  return [...new Set(words(text))];
}

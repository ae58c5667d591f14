/**
 * TeX in answers, as marked lexer extensions: `$…$` and `\(…\)` inline, `$$…$$` and `\[…\]`
 * for display (as a block of their own or inside a paragraph). Only the delimiters are
 * recognised here; the TeX is typeset later, lazily (math.tsx). A dollar sign in prose stays
 * text: an inline `$` must open before a non-space and close after one, not before a digit, so
 * "$5 and $10" is no formula. An unclosed `$$` matches nothing and shows as text until closed.
 */
import type { MarkedOptions, Tokens } from 'marked';

export interface MathToken {
  type: 'math';
  raw: string;
  text: string;
  display: boolean;
}

/** TeX longer than this is shown as its source (typesetting cost grows with it). */
export const MAX_TEX_CHARS = 4000;

const DISPLAY_BLOCK = [
  /^ {0,3}\$\$([\s\S]+?)\$\$[ \t]*(?:\n+|$)/,
  /^ {0,3}\\\[([\s\S]+?)\\\][ \t]*(?:\n+|$)/,
];
const DISPLAY_INLINE = [/^\$\$([\s\S]+?)\$\$/, /^\\\[([\s\S]+?)\\\]/];
const INLINE_PAREN = /^\\\(([\s\S]+?)\\\)/;
// One dollar: no space just inside either end, no blank line inside, not closing before a digit.
const INLINE_DOLLAR = /^\$(?!\s)((?:\\\$|[^$\n]|\n(?!\s*\n))+?)(?<![\s\\])\$(?!\d)/;

function token(raw: string, tex: string, display: boolean): MathToken | undefined {
  const text = tex.trim();
  if (!text || text.length > MAX_TEX_CHARS) return undefined;
  return { type: 'math', raw, text, display };
}

/**
 * "$10, or US$": an amount, then words. TeX between single dollars rarely starts with a number
 * followed by prose (a word of two letters not after a backslash), prices always do.
 */
function looksLikePrices(tex: string): boolean {
  return (
    /^\d[\d.,]*[\s,]/.test(tex) && /(^|[^\\a-z])[a-z]{2,}/i.test(tex.replace(/^\d[\d.,]*/, ''))
  );
}

function blockMath(src: string): MathToken | undefined {
  for (const pattern of DISPLAY_BLOCK) {
    const match = pattern.exec(src);
    if (match) return token(match[0], match[1] as string, true);
  }
  return undefined;
}

function inlineMath(src: string): MathToken | undefined {
  for (const pattern of DISPLAY_INLINE) {
    const match = pattern.exec(src);
    if (match) return token(match[0], match[1] as string, true);
  }
  const paren = INLINE_PAREN.exec(src);
  if (paren) return token(paren[0], paren[1] as string, false);
  const dollar = INLINE_DOLLAR.exec(src);
  if (!dollar || looksLikePrices(dollar[1] as string)) return undefined;
  return token(dollar[0], dollar[1] as string, false);
}

/** Where a paragraph must stop so a display block can start there. */
function blockStart(src: string): number | undefined {
  const at = src.search(/\n {0,3}(\$\$|\\\[)/);
  return at < 0 ? undefined : at + 1;
}

/** Where plain text must stop so a formula can start there. */
function inlineStart(src: string): number | undefined {
  const at = src.search(/\$|\\[([]/);
  return at < 0 ? undefined : at;
}

type Generic = Tokens.Generic;

/** The extensions in the form marked's Lexer takes them (what marked.use would build). */
export const MATH_EXTENSIONS: NonNullable<MarkedOptions['extensions']> = {
  renderers: {},
  childTokens: {},
  block: [(src: string) => blockMath(src) as Generic | undefined],
  inline: [(src: string) => inlineMath(src) as Generic | undefined],
  startBlock: [blockStart],
  startInline: [inlineStart],
};

/** Whether an answer may contain math at all (cheap; decides nothing but saves work). */
export function mayHaveMath(text: string): boolean {
  return /\$|\\[([]/.test(text);
}

/**
 * A small HTML start-tag tokenizer: enough to read the chat root's attributes in any order,
 * with either quote or none, spaces around `=`, and character references. Not a DOM: the
 * service worker has no DOMParser, and one regex over the template's attribute order breaks
 * when a theme or a plugin update reorders them (protocol §8, androidminds/aichatfree).
 */
import { decodeEntities } from './entities';

export interface StartTag {
  name: string;
  /** Lower-cased attribute names; the first occurrence wins, as in browsers. */
  attributes: Map<string, string>;
  /** Offset of the `<` in the page. */
  start: number;
}

const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);
const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/** Every start tag of the page, in order. Comments and raw-text element bodies are skipped. */
export function* startTags(html: string): Generator<StartTag> {
  let i = 0;
  const n = html.length;
  let lower: string | undefined;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const first = html[lt + 1];
    if (first === undefined || !/[a-zA-Z]/.test(first)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && !isSpace(html[j]) && html[j] !== '>' && html[j] !== '/') j++;
    const name = html.slice(lt + 1, j).toLowerCase();
    const attributes = new Map<string, string>();
    // Attributes until `>`.
    while (j < n) {
      while (j < n && (isSpace(html[j]) || html[j] === '/')) j++;
      if (j >= n || html[j] === '>') break;
      const nameStart = j;
      while (j < n && !isSpace(html[j]) && html[j] !== '>' && html[j] !== '=' && html[j] !== '/')
        j++;
      // A stray `=` where a name should start: take it as part of the name, as browsers do.
      if (j === nameStart) j++;
      const attrName = html.slice(nameStart, j).toLowerCase();
      let k = j;
      while (k < n && isSpace(html[k])) k++;
      let value = '';
      if (html[k] === '=') {
        k++;
        while (k < n && isSpace(html[k])) k++;
        const quote = html[k];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, k + 1);
          const end = close < 0 ? n : close;
          value = html.slice(k + 1, end);
          j = end + 1;
        } else {
          const valueStart = k;
          while (k < n && !isSpace(html[k]) && html[k] !== '>') k++;
          value = html.slice(valueStart, k);
          j = k;
        }
      }
      if (!attributes.has(attrName)) attributes.set(attrName, decodeEntities(value));
    }
    yield { name, attributes, start: lt };
    i = j + 1;
    if (RAW_TEXT_ELEMENTS.has(name)) {
      lower ??= html.toLowerCase();
      const close = lower.indexOf(`</${name}`, i);
      i = close < 0 ? n : close;
    }
  }
}

/** Whether a tag's class list contains `className` exactly (not as a prefix of another class). */
export function hasClass(tag: StartTag, className: string): boolean {
  const classes = tag.attributes.get('class');
  return classes !== undefined && classes.split(/\s+/).includes(className);
}

/**
 * How far one object literal may reach, and how many `name = {` a page may offer: WordPress's
 * localized `wpaicgParams` is well under 2 KB and printed once. Without both bounds every
 * unclosed `name = {` scanned to the end of the page: quadratic, 30 s for a 512 KB page that
 * repeats it (issue 22, item 3); with them the work is linear in the page.
 */
export const SCRIPT_OBJECT_MAX_CHARS = 64 * 1024;
export const SCRIPT_OBJECT_MAX_CANDIDATES = 16;

/**
 * The JSON object literal assigned to `var <name> = {...}` in an inline script, parsed; undefined
 * when absent or unreadable. Braces inside strings are respected.
 */
export function scriptObject(html: string, name: string): Record<string, unknown> | undefined {
  const pattern = new RegExp(`\\b${name}\\s*=\\s*\\{`, 'g');
  let candidates = 0;
  for (const match of html.matchAll(pattern)) {
    if (++candidates > SCRIPT_OBJECT_MAX_CANDIDATES) return undefined;
    const open = match.index + match[0].length - 1;
    const close = matchingBrace(html, open, open + SCRIPT_OBJECT_MAX_CHARS);
    if (close < 0) continue;
    try {
      const value: unknown = JSON.parse(html.slice(open, close + 1));
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // Not JSON (a hand-written object literal): try the next occurrence.
    }
  }
  return undefined;
}

function matchingBrace(text: string, open: number, limit: number): number {
  let depth = 0;
  let quote: string | undefined;
  const end = Math.min(text.length, limit);
  for (let i = open; i < end; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

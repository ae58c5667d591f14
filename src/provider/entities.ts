/**
 * Decodes HTML character references in a server's text: attribute values of a chat page, the
 * error texts WordPress escapes (`Couldn&#039;t connect`), and the entities marked leaves in
 * rendered Markdown. By hand, so no server or model text ever passes through an HTML parser.
 * The one decoder of the project: the provider, the UI and the tests use this.
 */

/** The named references WordPress and marked write, and the common typographic ones. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  larr: '←',
  rarr: '→',
  times: '×',
  deg: '°',
};

/**
 * Numeric (`&#39;`, `&#x27;`) and the named references above, each ended by `;` (WordPress and
 * marked always write it; without it `AT&T;`-like text would change). Unknown names, numbers out
 * of range and text without `&` stay as written; `&#0;` becomes U+FFFD, as in browsers.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,7});/g,
    (whole, ref: string) => {
      if (ref.startsWith('#')) {
        const hex = ref[1] === 'x' || ref[1] === 'X';
        const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
        if (code > 0x10ffff) return whole;
        return String.fromCodePoint(code === 0 ? 0xfffd : code);
      }
      return NAMED[ref.toLowerCase()] ?? whole;
    },
  );
}

/**
 * A deterministic ~100 KB Markdown answer: prose, lists, tables, code, inline and display TeX,
 * a right-to-left paragraph and a footnote, as models write them.
 */

const PROSE =
  'Streaming answers arrive a few characters at a time, and the view must keep up without ' +
  'redrawing what is already on screen. This paragraph has **bold**, _emphasis_, `inline code` ' +
  'and a [link](https://example.com/docs) so that inline parsing is exercised too.';

function section(i: number): string {
  return [
    `## Section ${i}: notes on part ${i}`,
    '',
    PROSE,
    '',
    `- first point of section ${i}`,
    `- second point with \`code\` and **strong** text`,
    `  - a nested point ${i}`,
    `- third point`,
    '',
    `1. step one of ${i}`,
    `2. step two`,
    `3. step three`,
    '',
    '| name | value | note |',
    '|---|---:|---|',
    `| alpha | ${i} | first row |`,
    `| beta | ${i * 2} | second row |`,
    `| gamma | ${i * 3} | third row |`,
    '',
    '```ts',
    `export function part${i}(input: string[]): number {`,
    '  let total = 0;',
    '  for (const item of input) total += item.length; // count characters',
    '  return total;',
    '}',
    '```',
    '',
    `> A quoted remark for section ${i}.`,
    '',
    `The sum $s_${i} = \\sum_{k=1}^{n} a_k^2$ grows with $n$, and a price of $${i} stays text.[^${i}]`,
    '',
    '$$',
    `x_${i} = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}`,
    '$$',
    '',
    `שלום עולם, פסקה ${i} בעברית עם מילה באנגלית: React.`,
    '',
    `[^${i}]: Footnote ${i}.`,
    '',
  ].join('\n');
}

export function makeMarkdownAnswer(targetBytes: number): string {
  let text = '# A long answer\n\n';
  for (let i = 1; text.length < targetBytes; i++) text += section(i);
  return text.slice(0, targetBytes);
}

/** Cuts text into exactly `count` chunks of near-equal size (never inside a surrogate pair). */
export function splitInto(text: string, count: number): string[] {
  const chunks: string[] = [];
  let offset = 0;
  for (let i = 1; i <= count; i++) {
    let end = Math.round((i * text.length) / count);
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) end++;
    chunks.push(text.slice(offset, end));
    offset = end;
  }
  return chunks;
}

/**
 * Light Markdown of an article's DOM (Readability's content element): headings as `#` lines,
 * paragraphs separated by a blank line, list items as `-` / `1.`, table rows as `| a | b |`,
 * code as code, links as their text only (the address would only cost characters of the
 * message budget and invite the model to "visit" it), pictures dropped.
 *
 * Ours rather than turndown: we need a narrow subset with plain links and GFM tables (turndown
 * needs its gfm plugin for those and escapes Markdown characters everywhere, which makes a
 * prompt noisier), and this script is injected into the page on demand, so every kilobyte
 * counts; this is about 2 KB minified. Pure DOM reading, no layout: it runs on a clone.
 */

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'UL',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IMG',
  'PICTURE',
  'SVG',
  'VIDEO',
  'AUDIO',
  'IFRAME',
  'CANVAS',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Whether the markup itself hides the element (no layout here: only what the attributes say). */
function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = (el.getAttribute('style') ?? '').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden');
}

function skipped(node: Node): boolean {
  if (node.nodeType !== ELEMENT_NODE) return node.nodeType !== TEXT_NODE;
  const el = node as Element;
  return SKIP.has(el.tagName.toUpperCase()) || hidden(el);
}

const isBlock = (node: Node): boolean =>
  node.nodeType === ELEMENT_NODE && BLOCK.has((node as Element).tagName.toUpperCase());

/** The inline text of `node`: whitespace collapsed, `code` in backticks, `br` as a line break. */
function inline(node: Node): string {
  if (node.nodeType === TEXT_NODE) return (node.nodeValue ?? '').replace(/\s+/g, ' ');
  if (skipped(node)) return '';
  const el = node as Element;
  const tag = el.tagName.toUpperCase();
  if (tag === 'BR') return '\n';
  const inner = Array.from(el.childNodes, inline).join('');
  if (tag === 'CODE' || tag === 'KBD' || tag === 'SAMP') {
    const code = inner.trim();
    if (!code) return '';
    const fence = code.includes('`') ? '``' : '`';
    return `${fence}${code}${fence}`;
  }
  return inner;
}

/** Trims each line of an inline run and drops empty ones at the ends. */
function tidyInline(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : rest.trimEnd()) + line)
    .join('\n');
}

function tableBlock(table: Element): string {
  const rows: string[][] = [];
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    // A nested table's rows belong to that table only.
    if (row.closest('table') !== table) continue;
    const cells = Array.from(row.children).filter((c) => /^(TD|TH)$/i.test(c.tagName));
    if (cells.length === 0) continue;
    rows.push(
      cells.map((cell) => blocks(cell).join(' ').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()),
    );
  }
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]): string =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const out = rows.map(line);
  // Markdown wants a header row under the first one, header cells (th) or not.
  out.splice(1, 0, `|${' --- |'.repeat(width)}`);
  const caption = table.querySelector('caption');
  const title = caption ? tidyInline(inline(caption)) : '';
  return title ? `${title}\n${out.join('\n')}` : out.join('\n');
}

function listBlock(list: Element): string {
  const ordered = list.tagName.toUpperCase() === 'OL';
  let n = Number(list.getAttribute('start') ?? '1') || 1;
  const items: string[] = [];
  for (const child of Array.from(list.children)) {
    if (child.tagName.toUpperCase() !== 'LI' || skipped(child)) continue;
    const marker = ordered ? `${n++}. ` : '- ';
    const body = blocks(child).join('\n');
    if (body) items.push(prefixLines(body, marker, ' '.repeat(marker.length)));
  }
  return items.join('\n');
}

/** One block element as Markdown. */
function block(el: Element): string {
  const tag = el.tagName.toUpperCase();
  const heading = /^H([1-6])$/.exec(tag);
  if (heading) {
    const text = tidyInline(inline(el)).replace(/\n/g, ' ');
    return text ? `${'#'.repeat(Number(heading[1]))} ${text}` : '';
  }
  switch (tag) {
    case 'HR':
      return '---';
    case 'PRE': {
      const code = (el.textContent ?? '').replace(/\s+$/, '').replace(/^\n/, '');
      const lang = /language-([\w+-]+)/.exec(
        `${el.className} ${el.querySelector('code')?.className ?? ''}`,
      );
      return code ? `\`\`\`${lang?.[1] ?? ''}\n${code}\n\`\`\`` : '';
    }
    case 'UL':
    case 'OL':
      return listBlock(el);
    case 'TABLE':
      return tableBlock(el);
    case 'BLOCKQUOTE': {
      const body = blocks(el).join('\n\n');
      return body ? prefixLines(body, '> ', '> ') : '';
    }
    default:
      return blocks(el).join('\n\n');
  }
}

/** The blocks inside `parent`: runs of inline content become paragraphs. */
function blocks(parent: Node): string[] {
  const out: string[] = [];
  let run = '';
  const flush = (): void => {
    const text = tidyInline(run);
    if (text) out.push(text);
    run = '';
  };
  for (const child of Array.from(parent.childNodes)) {
    if (skipped(child)) continue;
    if (isBlock(child)) {
      flush();
      const text = block(child as Element);
      if (text) out.push(text);
    } else {
      run += inline(child);
    }
  }
  flush();
  return out;
}

/** Light Markdown of `root`'s content, blocks separated by one blank line. */
export function toMarkdown(root: Node): string {
  return blocks(root).join('\n\n').trim();
}

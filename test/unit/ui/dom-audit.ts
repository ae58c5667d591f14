/**
 * The DOM audit of a rendered answer: every element and attribute must be on the allow-list,
 * no event handler, no link other than http(s)/mailto or a footnote of ours. Used by the fuzz
 * and by the spec-examples test.
 */
const MATH_ATTRIBUTES = [
  'display',
  'displaystyle',
  'scriptlevel',
  'mathvariant',
  'lspace',
  'rspace',
  'stretchy',
  'fence',
  'form',
  'separator',
  'largeop',
  'movablelimits',
  'symmetric',
  'minsize',
  'maxsize',
  'accent',
  'accentunder',
  'linethickness',
  'columnalign',
  'rowalign',
  'columnspacing',
  'rowspacing',
  'columnlines',
  'rowlines',
  'frame',
  'width',
  'height',
  'depth',
  'voffset',
  'notation',
] as const;

/** Every element an answer may contain, with the attributes each may carry. */
export const ALLOWED: Record<string, readonly string[]> = {
  div: ['class', 'aria-busy', 'tabindex', 'role', 'aria-label', 'dir', 'id', 'title', 'data-error'],
  p: ['class', 'dir'],
  h1: ['class', 'dir'],
  h2: ['class', 'dir'],
  h3: ['class', 'dir'],
  h4: ['class', 'dir'],
  h5: ['class', 'dir'],
  h6: ['class', 'dir'],
  strong: [],
  em: [],
  del: [],
  sup: ['class'],
  code: ['class', 'data-highlighted'],
  pre: ['tabindex', 'aria-label'],
  blockquote: ['dir'],
  ul: ['dir'],
  ol: ['start', 'dir'],
  li: ['class', 'dir'],
  hr: [],
  br: [],
  table: ['dir'],
  thead: [],
  tbody: [],
  tr: [],
  th: ['style', 'dir'],
  td: ['style', 'dir'],
  a: ['href', 'target', 'rel', 'title', 'class', 'id', 'aria-label'],
  span: ['class', 'title', 'data-warning', 'aria-live', 'data-error'],
  input: ['type', 'checked', 'disabled', 'aria-label'],
  button: ['type', 'class', 'aria-label'],
  // Formulas (Temml → MathML, math.ts): presentation elements and attributes only.
  ...Object.fromEntries(
    [
      'math',
      'semantics',
      'mrow',
      'mi',
      'mn',
      'mo',
      'ms',
      'mtext',
      'mspace',
      'msup',
      'msub',
      'msubsup',
      'mfrac',
      'msqrt',
      'mroot',
      'mover',
      'munder',
      'munderover',
      'mmultiscripts',
      'mprescripts',
      'none',
      'mtable',
      'mtr',
      'mtd',
      'mlabeledtr',
      'mstyle',
      'mpadded',
      'mphantom',
      'menclose',
      'merror',
    ].map((tag) => [tag, MATH_ATTRIBUTES]),
  ),
};

/** The only in-page links: a footnote and its way back, by ids the renderer made. */
const FOOTNOTE_HREF = /^#md[0-9a-z]+-fn(ref)?-[0-9a-z-]+$/i;
const FOOTNOTE_ID = /^md[0-9a-z]+-fn(ref)?-[0-9a-z-]+$/i;

export function violations(root: Element): string[] {
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) {
      found.push(`element <${tag}>`);
      continue;
    }
    for (const { name, value } of Array.from(element.attributes)) {
      if (name.startsWith('on')) found.push(`handler ${tag}[${name}]`);
      else if (!allowed.includes(name)) found.push(`attribute ${tag}[${name}]`);
      if (name === 'id' && !FOOTNOTE_ID.test(value)) found.push(`id ${value.slice(0, 60)}`);
      // An empty dir (left when a re-render drops it) means no direction of its own: harmless.
      if (name === 'dir' && !['auto', 'rtl', ''].includes(value)) found.push(`dir ${value}`);
      if (name === 'href' && !/^(https?:\/\/|mailto:)/i.test(value) && !FOOTNOTE_HREF.test(value))
        found.push(`href ${value.slice(0, 60)}`);
      if (name === 'style' && !/^text-align: ?(left|right|center);?$/.test(value))
        found.push(`style ${value}`);
      if (tag === 'input' && name === 'type' && value !== 'checkbox') found.push(`input ${value}`);
    }
  }
  return found;
}

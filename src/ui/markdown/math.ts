/**
 * TeX → MathML vnodes with Temml, loaded on first use (an answer without math never loads it).
 * Temml builds a tree of MathML nodes; we walk that tree ourselves and keep only MathML
 * elements and presentation attributes from an allow-list, so no HTML string is parsed and no
 * link, style or script from a formula can reach the page. \href, \includegraphics and the like
 * stay off (Temml's `trust` is false), and macro expansion is capped.
 */
import { h, type VNode } from 'preact';

/** The MathML elements a formula may become; anything else is dropped with its subtree. */
const ELEMENTS = new Set([
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
]);

/** Presentation attributes kept (no style, href, class beyond Temml's own, nor handlers). */
export const MATH_ATTRIBUTES = new Set([
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
]);
export const MATH_ELEMENTS: ReadonlySet<string> = ELEMENTS;

/** An attribute value Temml writes: lengths, keywords, numbers. Nothing with ( : or quotes. */
const SAFE_VALUE = /^[\w .%+-]{0,80}$/;

interface TemmlNode {
  type?: unknown;
  attributes?: unknown;
  children?: unknown;
  text?: unknown;
}

type Temml = typeof import('temml').default;
let engine: Promise<Temml> | null = null;

function temml(): Promise<Temml> {
  engine ??= import('temml').then((module) => module.default);
  return engine;
}

type Out = VNode | string | null | Out[];

function toVnode(node: TemmlNode, depth: number): Out {
  if (depth > 200) return null;
  if (typeof node.text === 'string' && node.type === undefined) return node.text;
  // A fragment (several nodes side by side, e.g. "x = y"): its children in its place.
  if (node.type === undefined && Array.isArray(node.children))
    return (node.children as TemmlNode[]).map((child) => toVnode(child, depth + 1));
  if (typeof node.type !== 'string' || !ELEMENTS.has(node.type)) return null;
  const props: Record<string, string> = {};
  if (node.attributes && typeof node.attributes === 'object') {
    for (const [name, value] of Object.entries(node.attributes as Record<string, unknown>)) {
      if (MATH_ATTRIBUTES.has(name) && typeof value === 'string' && SAFE_VALUE.test(value))
        props[name] = value;
    }
  }
  const children = Array.isArray(node.children)
    ? (node.children as TemmlNode[]).map((child) => toVnode(child, depth + 1))
    : [];
  return h(node.type, props, children);
}

/** Typeset trees by formula: a re-rendered answer does not typeset again. Vnodes are made
 * fresh for every mount (Preact must not mount one vnode object twice). */
const cache = new Map<string, TemmlNode>();

/** The formula as a <math> vnode; throws Temml's ParseError (with its message) on bad TeX. */
export async function typeset(tex: string, display: boolean): Promise<VNode> {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let tree = cache.get(key);
  if (!tree) {
    const engine = await temml();
    tree = (
      engine as unknown as { __renderToMathMLTree(tex: string, options: object): TemmlNode }
    ).__renderToMathMLTree(tex, {
      displayMode: display,
      throwOnError: true,
      trust: false,
      strict: false,
      maxExpand: 500,
      maxSize: [20, 20],
      wrap: 'none',
    });
    if (cache.size > 500) cache.clear();
    cache.set(key, tree);
  }
  const children = Array.isArray(tree.children)
    ? (tree.children as TemmlNode[]).map((child) => toVnode(child, 1))
    : [];
  return h('math', { display: display ? 'block' : 'inline' }, children);
}

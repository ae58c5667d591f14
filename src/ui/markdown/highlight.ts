/**
 * Syntax highlighting of finished code blocks: lowlight (highlight.js grammars → a hast tree)
 * loaded on first use, one grammar per language loaded when a block needs it. The tree is
 * turned into vnodes by hast-vnodes.tsx; no HTML string is ever produced.
 */
import type { Root } from 'hast';
import type { LanguageFn } from 'highlight.js';

type GrammarModule = { default: LanguageFn };

/** The languages we highlight, by every name a fence may use. Others render as plain text. */
const GRAMMARS: Record<string, () => Promise<GrammarModule>> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  go: () => import('highlight.js/lib/languages/go'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  php: () => import('highlight.js/lib/languages/php'),
  python: () => import('highlight.js/lib/languages/python'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  'c++': 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  golang: 'go',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  kt: 'kotlin',
  md: 'markdown',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  ts: 'typescript',
  tsx: 'typescript',
  html: 'xml',
  svg: 'xml',
  yml: 'yaml',
};

/** The grammar name for a fence's info string, or null when we do not highlight it. */
export function grammarName(lang: string): string | null {
  const name = lang.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const resolved = ALIASES[name] ?? name;
  return resolved in GRAMMARS ? resolved : null;
}

type Lowlight = ReturnType<typeof import('lowlight').createLowlight>;
let engine: Promise<Lowlight> | null = null;
const loading = new Map<string, Promise<void>>();

async function lowlight(): Promise<Lowlight> {
  engine ??= import('lowlight').then(({ createLowlight }) => createLowlight());
  return engine;
}

/** Highlights `code` as `lang`; null when the language is not one we know. */
export async function highlight(code: string, lang: string): Promise<Root | null> {
  const name = grammarName(lang);
  if (!name) return null;
  const ll = await lowlight();
  let ready = loading.get(name);
  if (!ready) {
    const load = GRAMMARS[name] as () => Promise<GrammarModule>;
    ready = load().then((grammar) => ll.register(name, grammar.default));
    loading.set(name, ready);
  }
  await ready;
  return ll.highlight(name, code);
}

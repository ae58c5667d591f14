/**
 * How the extension pages' code is split into files (issue 18). By default Rolldown makes one
 * chunk per set of pages that share a module: the popup loaded 17 JS files and 2 style sheets.
 * A Chromium trace of its opening showed the page's main thread busy for almost all of the
 * 50 ms between the HTML and the first render with per-file work (issuing each request,
 * receiving each response, starting each compile: 1–5 ms a file on this machine), not with
 * our code. So the modules the chat pages load at opening are two chunks, `core` (shared with
 * the options and onboarding pages) and `chat` (popup, sidebar, side panel only), and their
 * style sheets are inlined into the HTML. Dynamic imports (history, highlighting, PDF,
 * formulas) keep their own chunks and stay out of the initial load.
 */
import type { Plugin, Rolldown } from 'vite';

/** What the grouping reads of a module: its static imports (Rolldown's ModuleInfo has more). */
type GetInfo = (id: string) => { readonly importedIds: readonly string[] } | null;

/** The modules `entry` loads at once: its static imports, recursively (no dynamic ones). */
export function staticGraph(entry: string, info: GetInfo): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const next of info(id)?.importedIds ?? []) visit(next);
  };
  visit(entry);
  return seen;
}

/**
 * Which shared chunk a module goes to: `core` when a chat page and another page load it at
 * opening, `chat` when only chat pages (two or more) do, and null (Rolldown's own choice)
 * otherwise: a module one page alone loads stays in that page's entry chunk, and what only
 * the options and onboarding pages share stays out of the chat pages.
 */
export function sharedChunkOf(
  loadedBy: readonly string[],
  chatPages: readonly string[],
): 'core' | 'chat' | null {
  const chat = loadedBy.filter((page) => chatPages.includes(page)).length;
  if (loadedBy.length < 2 || chat === 0) return null;
  return chat === loadedBy.length ? 'chat' : 'core';
}

/**
 * Chunk groups for `output.codeSplitting.groups`. `inputs` are the pages (name → HTML path);
 * `chatPages` name the pages that show the chat.
 */
export function pageChunkGroups(
  inputs: Record<string, string>,
  chatPages: readonly string[],
): Rolldown.CodeSplittingGroup[] {
  const pages = Object.entries(inputs);
  const chunkOf = (id: string, info: GetInfo): 'core' | 'chat' | null => {
    const loadedBy = pages
      .filter(([, html]) => staticGraph(html, info).has(id))
      .map(([name]) => name);
    return sharedChunkOf(loadedBy, chatPages);
  };
  // `core` first: a chat module's dependencies that other pages share stay in `core`.
  return [
    {
      debugName: 'core',
      name: (id, ctx) => (chunkOf(id, (m) => ctx.getModuleInfo(m)) === 'core' ? 'core' : null),
      priority: 2,
    },
    {
      debugName: 'chat',
      name: (id, ctx) => (chunkOf(id, (m) => ctx.getModuleInfo(m)) === 'chat' ? 'chat' : null),
      priority: 1,
    },
  ];
}

const STYLESHEET = /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g;

/**
 * Puts the style sheets of `pages` into their HTML as `<style>`, one request less each (and
 * module scripts wait for style sheets before they run). The CSS has no url() (a relative one would then resolve against
 * the page): the build fails if one appears.
 */
export function inlinePageStyles(pages: readonly string[]): Plugin {
  return {
    name: 'chatgptt-inline-page-styles',
    enforce: 'post',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const html = bundle[`${page}/${page}.html`];
        if (html?.type !== 'asset' || typeof html.source !== 'string') continue;
        html.source = html.source.replace(STYLESHEET, (tag, file: string) => {
          const css = bundle[file];
          if (css?.type !== 'asset') return tag;
          const text = String(css.source);
          if (/url\(/i.test(text)) this.error(`${file} has a url(), which inlining would break`);
          return `<style>${text.replaceAll('</style', '<\\/style')}</style>`;
        });
      }
      // The inlined files stay in the package: Vite's preload list of a lazy chunk (filled in
      // after this hook, so a check here cannot see it) names the `chat` chunk's style sheet,
      // and a missing file makes that import's first call fail (the PDF reader never loaded:
      // "Reading the PDF…" for ever). Loading it again there repeats rules the page already has.
    },
  };
}

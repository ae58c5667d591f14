/**
 * Vite config of the extension pages (popup, sidebar, options, onboarding). scripts/build.ts
 * uses it and adds the background worker and content-script bundles, the locales and the
 * per-browser manifest; `npx vite build` alone builds only the pages.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { inlinePageStyles, pageChunkGroups } from './scripts/page-chunks';

/** The pages that show the chat; see scripts/page-chunks.ts for why their code is grouped. */
const CHAT_PAGES = ['popup', 'sidebar', 'panel'];

const root = resolve(import.meta.dirname, 'src');

/** Every src/<page>/<page>.html is an extension page. */
export function pageInputs(): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const html = resolve(root, entry.name, `${entry.name}.html`);
    if (entry.isDirectory() && existsSync(html)) inputs[entry.name] = html;
  }
  return inputs;
}

/**
 * The locale files carry a `description` per message for translators; the pages need only the
 * messages, and every page loads every locale up front (shared/i18n.ts), so the descriptions are
 * dropped from the bundle (about 2 KB gzipped of the popup's 60 KB budget).
 */
export function localeMessagesOnly(): Plugin {
  return {
    name: 'chatgptt-locale-messages-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/]locales[\\/][a-z]+[\\/][a-z-]+\.json$/.test(id)) return null;
      const file = JSON.parse(code) as Record<string, { message: string }>;
      const messages = Object.fromEntries(
        Object.entries(file).map(([key, entry]) => [key, { message: entry.message }]),
      );
      return { code: JSON.stringify(messages), map: null };
    },
  };
}

/**
 * pdf.js parses in a worker of its own, which must be an extension file (script-src 'self'):
 * its prebuilt worker is emitted as pdf/pdf.worker.min.mjs, the path panel/pdf/read.ts loads. The
 * legacy build, like the library itself there (Chrome 123–125 lack URL.parse).
 */
export function pdfWorkerFile(): Plugin {
  const source = resolve(
    import.meta.dirname,
    'node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs',
  );
  return {
    name: 'chatgptt-pdf-worker',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'pdf/pdf.worker.min.mjs',
        source: readFileSync(source),
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(import.meta.dirname, 'public'),
  plugins: [preact(), localeMessagesOnly(), pdfWorkerFile(), inlinePageStyles(CHAT_PAGES)],
  // node_modules may be a symlink (worktrees share one): module paths, which the readable
  // Firefox build keeps in comments, stay `node_modules/...` as in a clean checkout.
  resolve: { preserveSymlinks: true },
  build: {
    outDir: resolve(import.meta.dirname, 'extension/chrome'),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      input: pageInputs(),
      output: { codeSplitting: { groups: pageChunkGroups(pageInputs(), CHAT_PAGES) } },
    },
  },
});

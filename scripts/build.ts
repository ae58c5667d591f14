/**
 * Builds the extension for Chrome and Firefox from the one manifest.json:
 *   extension/chrome, extension/chrome-proxy, extension/firefox   (npm run build)
 *   extension/test-chrome, extension/test-chrome-proxy, extension/test-firefox
 *                                                  (npm run build:test: + localhost host access)
 * chrome-proxy is the Chrome build with the `proxy` permission (scripts/manifest.ts says why).
 * The Firefox build is not minified: AMO's reviewers read the code they approve, and
 * `npm run build-for-amo` (this script, `--target=firefox`) rebuilds it from the source zip byte
 * for byte (scripts/check-amo-rebuild.ts proves it). The Chrome builds stay minified.
 * A small build of our own around Vite: pages through vite.config.ts, the worker and each content
 * script as one self-contained file, locales merged from src/locales, manifest keys resolved.
 */
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import pagesConfig from '../vite.config';
import { VARIANTS, resolveManifest, targetOf, type Variant } from './manifest';

const ROOT = resolve(import.meta.dirname, '..');
const test = process.argv.includes('--test');
const only = process.argv.find((a) => a.startsWith('--target='))?.split('=')[1] as
  Variant | undefined;
if (only && !VARIANTS.includes(only))
  throw new Error(`--target must be one of ${VARIANTS.join(', ')}`);
const targets: Variant[] = only ? [only] : VARIANTS;

/** `--out=DIR` builds one target into DIR (parallel work uses its own folder). */
const outArg = process.argv.find((a) => a.startsWith('--out='))?.split('=')[1];

function outDirFor(target: Variant): string {
  if (outArg) return resolve(ROOT, outArg);
  return join(ROOT, 'extension', test ? `test-${target}` : target);
}

/** A single-file bundle (no chunks), as the worker and content scripts need. */
async function bundle(
  entry: string,
  outDir: string,
  fileName: string,
  format: 'es' | 'iife',
  minify: boolean,
) {
  const config: InlineConfig = {
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    // node_modules may be a symlink (worktrees share one): the paths in the readable build's
    // comments stay `node_modules/...`, as in a reviewer's clean checkout.
    resolve: { preserveSymlinks: true },
    define: {
      'process.env.NODE_ENV': '"production"',
      // Only the schema-bump e2e sets this (an extra store migration, to test a real upgrade).
      __CHATGPTT_TEST_SCHEMA_BUMP__: JSON.stringify(process.env.CHATGPTT_TEST_SCHEMA_BUMP === '1'),
    },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'chrome120',
      minify,
      sourcemap: false,
      lib: { entry, formats: [format], fileName: () => fileName, name: 'chatgptt' },
    },
  };
  await build(config);
}

function mergeLocales(outDir: string): void {
  const src = join(ROOT, 'src/locales');
  for (const lang of readdirSync(src)) {
    const merged: Record<string, unknown> = {};
    for (const file of readdirSync(join(src, lang)).sort()) {
      if (file.endsWith('.json'))
        Object.assign(merged, JSON.parse(readFileSync(join(src, lang, file), 'utf8')));
    }
    mkdirSync(join(outDir, '_locales', lang), { recursive: true });
    writeFileSync(join(outDir, '_locales', lang, 'messages.json'), JSON.stringify(merged, null, 2));
  }
}

/** `--readable` leaves a Chrome build unminified (the long-conversation bench's trace names functions). */
const readable = process.argv.includes('--readable');

/** Only the Firefox build is shipped readable (see the header). */
const minifies = (variant: Variant): boolean => !readable && targetOf(variant) !== 'firefox';

async function buildTarget(variant: Variant, pagesDir: string): Promise<void> {
  const target = targetOf(variant);
  const minify = minifies(variant);
  const outDir = outDirFor(variant);
  rmSync(outDir, { recursive: true, force: true });
  cpSync(pagesDir, outDir, { recursive: true });
  await bundle(
    join(ROOT, 'src/background/index.ts'),
    outDir,
    'background.js',
    target === 'chrome' ? 'es' : 'iife',
    minify,
  );
  const contentDir = join(ROOT, 'src/content/entries');
  if (existsSync(contentDir)) {
    for (const file of readdirSync(contentDir).filter((f) => f.endsWith('.ts'))) {
      await bundle(
        join(contentDir, file),
        join(outDir, 'content'),
        file.replace(/\.ts$/, '.js'),
        'iife',
        minify,
      );
    }
  }
  mergeLocales(outDir);
  const manifest = resolveManifest(
    JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')),
    variant,
    { test },
  );
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  console.log(`built ${outDir}`);
}

const started = Date.now();
/** The pages, built once per minify setting the chosen targets need. */
const pagesDirs = new Map<boolean, string>();
for (const minify of new Set(targets.map(minifies))) {
  const pagesDir = join(ROOT, 'extension', `.pages-${process.pid}-${minify ? 'min' : 'readable'}`);
  await build({
    ...pagesConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...pagesConfig.build, outDir: pagesDir, minify },
  });
  pagesDirs.set(minify, pagesDir);
}
for (const target of targets) await buildTarget(target, pagesDirs.get(minifies(target)) as string);
for (const dir of pagesDirs.values()) rmSync(dir, { recursive: true, force: true });
console.log(`build done in ${Date.now() - started} ms`);

/**
 * `npm run package`: store-ready zips in extension/packages/ (git-ignored):
 *   chatgptt-<version>-chrome.zip   for the Chrome Web Store (manifest at the root)
 *   chatgptt-<version>-chrome-proxy.zip  the same with the `proxy` permission (all-sites warning)
 *   chatgptt-<version>-firefox.zip  for addons.mozilla.org
 *   chatgptt-<version>-source.zip   the source AMO asks for when the code is bundled
 *   SHA256SUMS                      `sha256sum -c SHA256SUMS` checks the four
 * It makes the production build first (never the test build, which can reach localhost) and
 * refuses to package a manifest that grants localhost. The source zip holds the files the build
 * was made from (git's tracked and not-ignored files as they are on disk), so `npm ci && npm run
 * build-for-amo` in it gives the Firefox package again (scripts/check-amo-rebuild.ts checks it);
 * uncommitted changes are packaged too, with a warning, since a release is made from a commit.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_HOSTS, VARIANTS } from './manifest';
import { filesUnder, zip, type ZipEntry } from './zip';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'extension/packages');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/** Never shipped: dependencies, build output, local profiles and results. */
const NOT_SOURCE = /^(node_modules|extension|dist|\.profile|test-results|\.git)(\/|$)/;

function run(command: string, args: string[]): void {
  console.log(`[package] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function checkManifest(dir: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    host_permissions?: string[];
    version?: string;
  };
  const leaked = (manifest.host_permissions ?? []).filter((h) => TEST_HOSTS.includes(h));
  if (leaked.length) throw new Error(`${dir} is a test build (it grants ${leaked.join(', ')}).`);
  if (manifest.version !== version)
    throw new Error(`manifest version ${manifest.version} differs from package.json ${version}.`);
}

const git = (args: string[]): string =>
  execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });

/**
 * What the build was made from: in a git checkout the tracked and untracked-but-not-ignored files
 * as they are on disk (so the source zip rebuilds the packages made beside it), else every file.
 */
function sourceEntries(): ZipEntry[] {
  let listed: string[];
  try {
    listed = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']).split('\0');
  } catch {
    return filesUnder(ROOT, (path) => NOT_SOURCE.test(path));
  }
  const dirty = git(['status', '--porcelain']).trimEnd();
  if (dirty)
    console.log(
      `[package] WARNING: the tree differs from the last commit; the source zip holds it as it is:\n${dirty}`,
    );
  return [...new Set(listed)]
    .filter((path) => path && !NOT_SOURCE.test(path) && existsSync(join(ROOT, path)))
    .map((name) => ({ name, data: readFileSync(join(ROOT, name)) }));
}

const sums: string[] = [];

function write(name: string, data: Buffer): void {
  const file = join(OUT, name);
  writeFileSync(file, data);
  // The format `sha256sum -c` reads: hash, two spaces, file name.
  sums.push(`${createHash('sha256').update(data).digest('hex')}  ${name}`);
  console.log(`[package] ${file} (${(data.length / 1024).toFixed(0)} KB)`);
}

run('npx', ['tsx', 'scripts/build.ts']);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const target of VARIANTS) {
  const dir = join(ROOT, 'extension', target);
  checkManifest(dir);
  write(`chatgptt-${version}-${target}.zip`, zip(filesUnder(dir)));
}
write(`chatgptt-${version}-source.zip`, zip(sourceEntries()));
writeFileSync(join(OUT, 'SHA256SUMS'), `${sums.join('\n')}\n`);
console.log(`[package] ${join(OUT, 'SHA256SUMS')}`);
console.log(
  '[package] done. In the source zip, `npm ci && npm run build-for-amo` rebuilds the Firefox package into extension/firefox (README, "Packaging").',
);

/**
 * `npm run package`: store-ready zips in extension/packages/ (git-ignored):
 *   chatgptt-<version>-chrome.zip   for the Chrome Web Store (manifest at the root)
 *   chatgptt-<version>-chrome-proxy.zip  the same with the `proxy` permission (all-sites warning)
 *   chatgptt-<version>-firefox.zip  for addons.mozilla.org
 *   chatgptt-<version>-source.zip   the source AMO asks for when the code is bundled
 * It makes the production build first (never the test build, which can reach localhost) and
 * refuses to package a manifest that grants localhost.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_HOSTS, VARIANTS } from './manifest';
import { filesUnder, zip } from './zip';

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

/** The committed tree when this is a git checkout (what a reviewer can rebuild), else the files on disk. */
function sourceEntries() {
  try {
    const listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((path) => path && !NOT_SOURCE.test(path) && existsSync(join(ROOT, path)));
    return listed.map((name) => ({
      name,
      data: execFileSync('git', ['show', `HEAD:${name}`], { cwd: ROOT, maxBuffer: 64 << 20 }),
    }));
  } catch {
    return filesUnder(ROOT, (path) => NOT_SOURCE.test(path));
  }
}

function write(name: string, data: Buffer): void {
  const file = join(OUT, name);
  writeFileSync(file, data);
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
console.log(
  '[package] done. The source zip rebuilds with: npm ci && npm run build (see README, "Development").',
);

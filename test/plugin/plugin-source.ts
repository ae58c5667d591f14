/**
 * The real AI Power plugin code for each pinned version, unpacked and checked before WordPress
 * sees it. From `../shared/real-plugin/plugins/` (tarballs, checked against its SHA256SUMS) or,
 * with no such folder, from wordpress.org's `gpt3-ai-content-generator.<version>.zip`. A zip's
 * own SHA-256 could not be known offline, so what is pinned is a hash of the unpacked file tree
 * (computed from the tarballs); a download whose tree differs is refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './config';

export const PLUGIN_DIR = 'gpt3-ai-content-generator';

/** Tree hashes of `gpt3-ai-content-generator/` in each pinned tarball (see treeHash). */
export const TREE_SHA256: Record<string, string> = {
  '1.8.79': '4a8681446c18df42930f88ed33c651286ce0b513951b31df44be6c2267560d0b',
  '1.9.18': 'b0064cb3d85b9aaf4e28f40e3a7867e36d98c466aff426b86cd24607f3fe4dd2',
  '2.4.71': 'b65ed13a091e04f6ff970828957cc3cb936523ac8597619fe30653fce8f066a8',
};

/**
 * The shared folder of tarballs: PLUGIN_TIER_PLUGINS, else `../shared/real-plugin/plugins` beside
 * the clone (CI), else beside the main checkout when this is a git worktree. Undefined if none.
 */
export function sharedPluginsDir(): string | undefined {
  if (process.env.PLUGIN_TIER_PLUGINS) return process.env.PLUGIN_TIER_PLUGINS;
  const roots = [ROOT];
  const common = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (common.status === 0 && common.stdout.trim()) roots.push(dirname(common.stdout.trim()));
  return roots
    .map((root) => join(root, '../shared/real-plugin/plugins'))
    .find((dir) => existsSync(join(dir, 'SHA256SUMS')));
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * SHA-256 of the sorted lines `<sha256 of file>  <path>` for every regular file under `dir`:
 * the same for a tarball and a zip of the same code, whatever their packing, dates or modes.
 */
export function treeHash(dir: string): string {
  const lines = files(dir)
    .map((path) => `${sha256(readFileSync(path))}  ${relative(dir, path)}`)
    .sort();
  return sha256(`${lines.join('\n')}\n`);
}

function checkTarball(dir: string, version: string): string {
  const name = `ai-power-${version}.tar.gz`;
  const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
  const line = sums.split('\n').find((l) => l.trim().endsWith(`  ${name}`));
  if (!line) throw new Error(`${dir}/SHA256SUMS names no ${name}`);
  const want = line.split(/\s+/)[0];
  const got = sha256(readFileSync(join(dir, name)));
  if (got !== want) throw new Error(`${name}: SHA-256 ${got}, SHA256SUMS says ${want}`);
  return join(dir, name);
}

function download(version: string, into: string): string {
  const url = `https://downloads.wordpress.org/plugin/${PLUGIN_DIR}.${version}.zip`;
  const zip = join(into, `${PLUGIN_DIR}.${version}.zip`);
  execFileSync('curl', ['-fsSL', '--retry', '3', '-o', zip, url], { stdio: 'inherit' });
  return zip;
}

/**
 * Unpacks the plugin at `version` into `target/gpt3-ai-content-generator` and checks its tree.
 * Returns where the code came from, for the log.
 */
export function unpackPlugin(version: string, target: string, scratch: string): string {
  rmSync(join(target, PLUGIN_DIR), { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const shared = sharedPluginsDir();
  let source: string;
  if (shared) {
    source = checkTarball(shared, version);
    execFileSync('tar', ['-xzf', source, '-C', target]);
  } else {
    mkdirSync(scratch, { recursive: true });
    source = download(version, scratch);
    execFileSync('unzip', ['-q', '-o', source, '-d', target]);
  }
  const got = treeHash(join(target, PLUGIN_DIR));
  if (got !== TREE_SHA256[version])
    throw new Error(
      `AI Power ${version} from ${source}: file tree hash ${got}, pinned ${TREE_SHA256[version]}`,
    );
  writeFileSync(join(target, PLUGIN_DIR, '.tier-source'), `${source}\n`);
  return source;
}

// `npx tsx test/plugin/plugin-source.ts DIR`: the tree hash of an unpacked plugin (to pin one).
if (process.argv[1] === import.meta.filename && process.argv[2])
  console.log(treeHash(process.argv[2]));

/**
 * The `packages` tier of `npm test`: makes the store zips (`npm run package`), checks each one
 * (scripts/package-checks.ts) and SHA256SUMS, then does what an AMO reviewer does with the source
 * zip: unpack it in an empty folder, `npm ci`, `npm run build-for-amo`, and compare every file of
 * the result with the Firefox package, byte for byte.
 *
 *   --no-package    check the zips already in extension/packages/
 *   --no-rebuild    skip the AMO rebuild (the slow part: `npm ci` takes about a minute)
 *   --offline       `npm ci --offline` (from the npm cache only) instead of `npm ci --prefer-offline`
 *
 * `--prefer-offline` only lets npm take a cached tarball without asking the registry whether it
 * is still current; what it installs is exactly the lockfile's, as for the reviewer's `npm ci`.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { checksumProblems, kindOf, packageProblems } from './package-checks';
import { filesUnder, unzip } from './zip';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'extension/packages');
const flags = new Set(process.argv.slice(2));
const problems: string[] = [];
const say = (line: string) => console.log(`[packages] ${line}`);

/**
 * The environment of a clean shell: under `npm test`, npm exports npm_config_local_prefix (this
 * project) and the like, which must not steer the `npm ci` in the temporary folder back here.
 */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$)/i.test(key)),
);

function run(command: string, args: string[], cwd: string): boolean {
  say(`${cwd === ROOT ? '' : `(in ${cwd}) `}${command} ${args.join(' ')}`);
  const env = cwd === ROOT ? process.env : cleanEnv;
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  return result.status === 0;
}

if (!flags.has('--no-package') && !run('npx', ['tsx', 'scripts/package.ts'], ROOT)) {
  console.error('[packages] npm run package failed');
  process.exit(1);
}

const files = new Map<string, Buffer>();
for (const name of readdirSync(OUT).filter((n) => n.endsWith('.zip')))
  files.set(name, readFileSync(join(OUT, name)));
const kinds = new Map([...files.keys()].map((name) => [kindOf(name), name]));
for (const kind of ['chrome', 'chrome-proxy', 'firefox', 'source'] as const)
  if (!kinds.has(kind)) problems.push(`no ${kind} zip in ${OUT}`);
for (const [name, data] of files) {
  const kind = kindOf(name);
  if (!kind) {
    problems.push(`${name}: not a package this project makes`);
    continue;
  }
  const found = packageProblems(kind, unzip(data)).map((p) => `${name}: ${p}`);
  problems.push(...found);
  say(`${name}: ${found.length ? `${found.length} problems` : 'ok'}`);
}
const sumsFile = join(OUT, 'SHA256SUMS');
if (existsSync(sumsFile)) problems.push(...checksumProblems(readFileSync(sumsFile, 'utf8'), files));
else problems.push('no SHA256SUMS');
say(`SHA256SUMS: checked ${files.size} zips`);

/** Unpacks the source zip, installs and builds as AMO's reviewer would, compares with the package. */
function amoRebuild(sourceZip: Buffer, firefoxZip: Buffer): void {
  const dir = mkdtempSync(join(tmpdir(), 'chatgptt-amo-rebuild-'));
  try {
    for (const entry of unzip(sourceZip)) {
      mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
      writeFileSync(join(dir, entry.name), entry.data);
    }
    const ci = [
      'ci',
      '--no-audit',
      '--no-fund',
      flags.has('--offline') ? '--offline' : '--prefer-offline',
    ];
    if (!run('npm', ci, dir)) return void problems.push('AMO rebuild: npm ci failed');
    if (!run('npm', ['run', 'build-for-amo'], dir))
      return void problems.push('AMO rebuild: npm run build-for-amo failed');
    const built = new Map(filesUnder(join(dir, 'extension/firefox')).map((e) => [e.name, e.data]));
    const shipped = new Map(unzip(firefoxZip).map((e) => [e.name, e.data]));
    const differ: string[] = [];
    for (const [name, data] of shipped) {
      const again = built.get(name);
      if (!again) differ.push(`${name} is in the package but not rebuilt`);
      else if (!again.equals(data)) differ.push(`${name} differs from its rebuild`);
    }
    for (const name of built.keys())
      if (!shipped.has(name)) differ.push(`${name} is rebuilt but not in the package`);
    problems.push(...differ.map((d) => `AMO rebuild: ${d}`));
    say(
      `AMO rebuild: ${differ.length ? `${differ.length} files differ` : `all ${shipped.size} files identical`}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const source = kinds.get('source');
const firefox = kinds.get('firefox');
if (flags.has('--no-rebuild')) say('AMO rebuild: skipped (--no-rebuild)');
else if (source && firefox) amoRebuild(files.get(source) as Buffer, files.get(firefox) as Buffer);

for (const problem of problems) console.log(`[packages] PROBLEM ${problem}`);
say(problems.length ? `${problems.length} problems` : 'all packages ok');
process.exit(problems.length ? 1 : 0);

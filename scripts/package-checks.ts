/**
 * What a store package must not contain, as pure checks over a zip's entries (unit tested in
 * test/unit/scripts/package-checks.test.ts; scripts/check-packages.ts runs them on the real zips):
 * no test-only host access, no source maps (none is meant to ship), no development files, the
 * `proxy` permission only in the chrome-proxy package, and a checksum list that matches.
 */
import { createHash } from 'node:crypto';
import type { ZipEntry } from './zip';

export type PackageKind = 'chrome' | 'chrome-proxy' | 'firefox' | 'source';

/** Which package a file name is: chatgptt-<version>-<kind>.zip. */
export function kindOf(fileName: string): PackageKind | undefined {
  const match =
    /^chatgptt-\d+\.\d+\.\d+(?:[-+][\w.]+)?-(chrome-proxy|chrome|firefox|source)\.zip$/.exec(
      fileName,
    );
  return match?.[1] as PackageKind | undefined;
}

/** Host patterns only the test build may have (it talks to the local test site). */
const LOCAL_HOST = /^(?:\*|https?|wss?):\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//;

/** Never in any package: dependencies, secrets, build output of another kind, editor litter. */
const NEVER = [
  /(^|\/)node_modules\//,
  /(^|\/)\.env(\.|$)/,
  /(^|\/)\.git\//,
  /(^|\/)\.DS_Store$/,
  /\.log$/,
  /(^|\/)\.profile\//,
  /(^|\/)test-results\//,
];

/** Besides those, never in an extension package: sources, tests, maps, tooling files. */
const NOT_IN_EXTENSION = [
  /\.tsx?$/,
  /\.map$/,
  /(^|\/)test\//,
  /\.test\.[jt]sx?$/,
  /(^|\/)(package(-lock)?\.json|tsconfig[\w.]*\.json|vite\.config\.\w+|vitest[\w.]*\.\w+)$/,
];

/** Besides NEVER, never in the source zip: what `npm ci` and the build make. */
const NOT_IN_SOURCE = [/^extension\//, /^dist\//];

/** The source zip must hold what `npm ci && npm run build-for-amo` needs. */
const SOURCE_NEEDS = ['package.json', 'package-lock.json', 'manifest.json', 'scripts/build.ts'];

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches?: string[] }>;
  browser_specific_settings?: { gecko?: { id?: string } };
}

function manifestProblems(kind: PackageKind, entries: ZipEntry[]): string[] {
  const file = entries.find((e) => e.name === 'manifest.json');
  if (!file) return ['no manifest.json at the root'];
  const manifest = JSON.parse(file.data.toString('utf8')) as Manifest;
  const problems: string[] = [];
  const hosts = [
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ];
  for (const host of hosts.filter((h) => LOCAL_HOST.test(h)))
    problems.push(`grants test-only host access ${host}`);
  const proxy = (manifest.permissions ?? []).includes('proxy');
  if (kind === 'chrome' && proxy) problems.push('the chrome package must not ask for `proxy`');
  if (kind === 'chrome-proxy' && !proxy) problems.push('the chrome-proxy package lacks `proxy`');
  if (kind === 'firefox' && !manifest.browser_specific_settings?.gecko?.id)
    problems.push('the firefox package has no gecko id');
  return problems;
}

/** Everything wrong with one package, one line each (empty when it may be uploaded). */
export function packageProblems(kind: PackageKind, entries: ZipEntry[]): string[] {
  const problems: string[] = [];
  const banned = [...NEVER, ...(kind === 'source' ? NOT_IN_SOURCE : NOT_IN_EXTENSION)];
  for (const { name } of entries)
    if (banned.some((pattern) => pattern.test(name))) problems.push(`holds ${name}`);
  if (kind === 'source') {
    for (const needed of SOURCE_NEEDS)
      if (!entries.some((e) => e.name === needed)) problems.push(`lacks ${needed}`);
    return problems;
  }
  for (const { name, data } of entries)
    if (
      /\.(m?js|css|html)$/.test(name) &&
      /\/[/*][#@] ?sourceMappingURL=/.test(data.toString('utf8'))
    )
      problems.push(`${name} points at a source map`);
  return [...problems, ...manifestProblems(kind, entries)];
}

/** `SHA256SUMS` against the files it names: each line's hash matches and every zip is listed. */
export function checksumProblems(sums: string, files: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const line of sums.split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (!match) {
      problems.push(`SHA256SUMS: unreadable line "${line}"`);
      continue;
    }
    const [, hash, name] = match as unknown as [string, string, string];
    listed.add(name);
    const data = files.get(name);
    if (!data) problems.push(`SHA256SUMS names ${name}, which is not there`);
    else if (createHash('sha256').update(data).digest('hex') !== hash)
      problems.push(`SHA256SUMS: ${name} does not match its checksum`);
  }
  for (const name of files.keys())
    if (!listed.has(name)) problems.push(`SHA256SUMS does not list ${name}`);
  return problems;
}

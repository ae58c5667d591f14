/**
 * `npm test`: the prerequisites first (scripts/test-prereqs.ts: installed as root on Debian,
 * otherwise a stop within seconds with the command to run), then every tier in order, stopping
 * at nothing so one run shows every failure: lint + format, type-check, the builds, web-ext
 * lint, the store packages, unit + integration + e2e tests (under xvfb-run without a display),
 * the Firefox smoke. A tier's output is kept and shown only when it fails (apt, browsers' dbus
 * chatter, a test's intentional error log). The packages tier makes the store zips, checks them
 * and rebuilds the Firefox package from the source zip as AMO's reviewers do
 * (scripts/check-packages.ts). Ends with "N passed, N failed, N skipped"; under CI=true a
 * skipped test fails the run. Why a test may be skipped is listed in test/skips.ts.
 *
 *   --dry-run   check the prerequisites, print what would be installed, stop
 *   --check     check (and as root install) the prerequisites, stop
 *   FILE…       other arguments go to vitest as file filters (the other tiers still run)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensurePrerequisites, realHost } from './test-prereqs';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = resolve(ROOT, 'test-results');
const flags = new Set(process.argv.slice(2).filter((arg) => arg.startsWith('--')));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const ci = process.env.CI === 'true' || process.env.CI === '1';

const prereqs = ensurePrerequisites(realHost(flags.has('--dry-run')));
if (!prereqs.ok) {
  console.error(`\n${prereqs.message}\n`);
  process.exit(1);
}
if (flags.has('--dry-run') || flags.has('--check')) {
  console.log(
    flags.has('--dry-run') ? 'Test prerequisites: checked (dry run).' : 'Test prerequisites: ok.',
  );
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
const skips: string[] = [];

function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** A tier whose output is kept and printed only when it fails. */
function check(name: string, command: string, args: string[]): string {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status === 0) {
    passed += 1;
    console.log(`=== ${name}: ok (${seconds(started)})`);
  } else {
    failed += 1;
    failures.push(name);
    console.log(`=== ${name}: FAILED (${seconds(started)}): ${command} ${args.join(' ')}`);
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  return output;
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: Array<{
    name: string;
    status: string;
    message?: string;
    assertionResults: Array<{ fullName: string; status: string }>;
  }>;
}

check('eslint', 'npx', ['eslint', '.']);
check('prettier', 'npx', ['prettier', '--check', '.']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('build', 'npx', ['tsx', 'scripts/build.ts']);
check('build:test', 'npx', ['tsx', 'scripts/build.ts', '--test']);
check('build:lib', 'npx', ['tsx', 'scripts/build-lib.ts']);
check('web-ext lint', 'npx', ['tsx', 'scripts/web-ext-lint.ts']);
check('packages + AMO rebuild', 'npx', ['tsx', 'scripts/check-packages.ts']);

mkdirSync(RESULTS, { recursive: true });
const reportFile = resolve(RESULTS, 'vitest.json');
const stderrFile = resolve(RESULTS, 'vitest-stderr.log');
// The real-key test needs an X display: without one, everything runs under a virtual display.
const vitestArgs = [
  'vitest',
  'run',
  '--silent=passed-only',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...filters,
];
const [command, args] = process.env.DISPLAY
  ? ['npx', vitestArgs]
  : ['xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', 'npx', ...vitestArgs]];
console.log(
  `=== vitest (${filters.length ? filters.join(' ') : 'unit, integration, e2e'})${process.env.DISPLAY ? '' : ' under xvfb-run'}`,
);
const started = Date.now();
// stdout shows the progress; stderr (the browsers' own chatter among it) is kept in a file.
const stderrFd = openSync(stderrFile, 'w');
const vitest = spawnSync(command, args, {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', stderrFd],
  env: process.env,
});
closeSync(stderrFd);
const vitestOk = vitest.status === 0;
console.log(`=== vitest: ${vitestOk ? 'ok' : 'FAILED'} (${seconds(started)})`);
if (!vitestOk) {
  console.log(`--- vitest's stderr (${stderrFile}):`);
  process.stdout.write(readFileSync(stderrFile, 'utf8'));
}
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    if (file.status === 'failed')
      failures.push(`${file.name}${file.message ? `: ${file.message.split('\n')[0]}` : ''}`);
    for (const test of file.assertionResults)
      if (!['passed', 'failed'].includes(test.status))
        skips.push(`${test.fullName} (${file.name.replace(`${ROOT}/`, '')})`);
  }
  if (!vitestOk && report.numFailedTests === 0) {
    failed += 1;
    failures.push('vitest exited non-zero (a file failed to load or an unhandled error)');
  }
  if (report.numTotalTests === 0) {
    failed += 1;
    failures.push('vitest ran no test');
  }
} else {
  failed += 1;
  failures.push('vitest wrote no report');
}

const smoke = check('firefox smoke', 'npx', ['tsx', 'scripts/firefox-smoke.ts']);
const notRun = /FIREFOX SMOKE NOT RUN: (.*)/.exec(smoke);
if (notRun) {
  // It exits 0 when it could not run: that is a skip, not a pass.
  passed -= 1;
  skipped += 1;
  skips.push(`firefox smoke: ${notRun[1]}`);
}

console.log('');
if (skips.length) console.log(`Skipped (reasons in test/skips.ts):\n  - ${skips.join('\n  - ')}`);
if (failures.length) console.log(`Failures:\n  - ${failures.join('\n  - ')}`);
if (ci && skipped > 0)
  console.log(
    `CI=true: ${skipped} skipped ${skipped === 1 ? 'test fails' : 'tests fail'} the run.`,
  );
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 && !(ci && skipped > 0) ? 0 : 1);

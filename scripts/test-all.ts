/**
 * `npm test`: every tier, in order, stopping at nothing so one run shows every failure:
 * lint + format, type-check, both builds, web-ext lint, then unit, integration and e2e tests.
 * Ends with one line "N passed, N failed" counting the test cases and the checks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
let passed = 0;
let failed = 0;
const failures: string[] = [];

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return ok;
}

function check(name: string, command: string, args: string[]): void {
  if (step(name, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numTotalTests: number;
  testResults: Array<{ name: string; status: string; message?: string }>;
}

check('eslint', 'npx', ['eslint', '.']);
check('prettier', 'npx', ['prettier', '--check', '.']);
check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
check('build', 'npx', ['tsx', 'scripts/build.ts']);
check('build:test', 'npx', ['tsx', 'scripts/build.ts', '--test']);
check('build:lib', 'npx', ['tsx', 'scripts/build-lib.ts']);
check('web-ext lint', 'npx', ['tsx', 'scripts/web-ext-lint.ts']);

mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
const reportFile = resolve(ROOT, 'test-results/vitest.json');
// The one real-key test (a real shortcut press through xdotool) needs an X display: without one,
// run the tests under a virtual display when xvfb-run is there. Everything else runs headless.
const xvfb =
  !process.env.DISPLAY &&
  spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).status === 0;
if (!process.env.DISPLAY && !xvfb)
  console.log('No display and no xvfb-run: the real-key test will say NOT RUN.');
const vitestArgs = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
];
const vitestOk = xvfb
  ? step('vitest (unit, integration, e2e) under xvfb-run', 'xvfb-run', [
      '-a',
      '-s',
      '-screen 0 1280x800x24',
      'npx',
      ...vitestArgs,
    ])
  : step('vitest (unit, integration, e2e)', 'npx', vitestArgs);
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const file of report.testResults) {
    if (file.status === 'failed')
      failures.push(`${file.name}${file.message ? `: ${file.message.split('\n')[0]}` : ''}`);
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

if (existsSync(resolve(ROOT, 'scripts/firefox-smoke.ts')))
  check('firefox smoke', 'npx', ['tsx', 'scripts/firefox-smoke.ts']);

console.log('');
if (failures.length) console.log(`Failures:\n  - ${failures.join('\n  - ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/**
 * `npm run test:plugin`: the real-plugin tier. Sets up and starts WordPress + MariaDB + Apache
 * with the three pinned AI Power versions and our echo model (test/plugin/), runs the tier's
 * tests (vitest.plugin.config.ts), then stops everything it started. With PLUGIN_SITE_A/B/C set,
 * it sets nothing up and runs the tests against those sites. Ends with "N passed, N failed".
 *   --no-build   skip build:lib and build:test (when npm test has just built both)
 *   --up         set up and start, print where, and keep running until Ctrl-C (no tests)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { externalSites, modelPort, ROOT, stateDir, type TierInfo } from '../test/plugin/config';
import { startEchoModel } from '../test/plugin/echo-model';
import { ensurePackages } from '../test/plugin/packages';
import { paths, standUp, type Stack } from '../test/plugin/wordpress';

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: Array<{ name: string; status: string; message?: string }>;
}

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`plugin tier: ${line}`);
let stack: Stack | undefined;
let model: Server | undefined;

function stopAll(): void {
  model?.close();
  model?.closeAllConnections();
  model = undefined;
  stack?.stop();
  stack = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });

function step(name: string, args: string[]): boolean {
  const result = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) console.log(`plugin tier: ${name} FAILED`);
  return result.status === 0;
}

async function main(): Promise<number> {
  if (!process.argv.includes('--no-build')) {
    if (!step('build:lib', ['tsx', 'scripts/build-lib.ts'])) return 1;
    if (!step('build:test', ['tsx', 'scripts/build.ts', '--test'])) return 1;
    say(`built (${seconds()})`);
  }
  const external = externalSites();
  let info: TierInfo;
  const infoDir = external ? join(ROOT, 'test-results') : stateDir();
  if (external) {
    say(`PLUGIN_SITE_* set: no set-up, testing ${Object.values(external).join(' ')}`);
    info = { mode: 'external', sites: external };
  } else {
    ensurePackages();
    stack = await standUp(say);
    const modelLog = join(paths().logs, 'model.jsonl');
    writeFileSync(modelLog, '');
    model = await startEchoModel(modelPort(), modelLog);
    say(`echo model on http://127.0.0.1:${modelPort()}/ (${seconds()})`);
    info = {
      mode: 'local',
      sites: stack.sites,
      modelLog,
      apacheConfig: paths().apacheConfig,
    };
  }
  mkdirSync(infoDir, { recursive: true });
  const infoFile = join(infoDir, 'tier.json');
  writeFileSync(infoFile, JSON.stringify(info, null, 2));

  if (process.argv.includes('--up')) {
    say(`up: PLUGIN_TIER_INFO=${infoFile} ${JSON.stringify(info.sites)}; Ctrl-C stops it`);
    await new Promise(() => undefined);
  }
  mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
  const reportFile = resolve(ROOT, 'test-results/vitest-plugin.json');
  const extra = process.argv.slice(2).filter((a) => a !== '--no-build' && a !== '--up');
  // Asynchronous: the echo model answers from this process's event loop meanwhile.
  const status = await new Promise<number | null>((resolveStatus) => {
    const child = spawn(
      'npx',
      [
        'vitest',
        'run',
        '-c',
        'vitest.plugin.config.ts',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${reportFile}`,
        ...extra,
      ],
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PLUGIN_TIER_INFO: infoFile } },
    );
    child.on('close', resolveStatus);
  });
  stopAll();
  let passed = 0;
  let failed = status === 0 ? 0 : 1;
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
    passed = report.numPassedTests;
    failed = report.numFailedTests || failed;
    for (const file of report.testResults)
      if (file.status === 'failed') console.log(`FAILED ${file.name}`);
    if (report.numPendingTests)
      say(`${report.numPendingTests} tests NOT RUN here (each says why above)`);
  }
  say(`done in ${seconds()}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && status === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    stopAll();
    console.error(`plugin tier: ${error instanceof Error ? error.message : String(error)}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);

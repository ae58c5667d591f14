/** Runs the `chatgptt` CLI as a real child process (through tsx, from the sources). */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/cli/main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const configDirs: string[] = [];
// Registered by importing this file: the test file's config folders go when its tests are done.
afterAll(() => {
  for (const dir of configDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty config folder for one CLI run, removed after the test file. */
export function freshConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatgptt-cli-'));
  configDirs.push(dir);
  return dir;
}

export interface RunOptions {
  stdin?: string;
  configDir?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

/** The CLI from the sources. Asynchronous on purpose: the test site runs in this process. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return runNode(['--import', 'tsx', ENTRY, ...args], options);
}

/** Any `node` command line, from the repository root, with its own config folder. */
export function runNode(nodeArgs: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      env: {
        ...process.env,
        CHATGPTT_CONFIG_DIR: options.configDir ?? freshConfigDir(),
        NO_COLOR: '1',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/** The CLI with stdin kept open: send lines one by one and wait for what stdout should show. */
export function interactiveCli(args: string[], options: RunOptions = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      CHATGPTT_CONFIG_DIR: options.configDir ?? freshConfigDir(),
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<number | null>((resolveClose) => child.on('close', resolveClose));
  return {
    send(line: string): void {
      child.stdin.write(`${line}\n`);
    },
    /** Resolves once stdout matches (or rejects after timeoutMs). */
    async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout)) {
        if (Date.now() > deadline)
          throw new Error(`stdout never matched ${pattern}: ${stdout}\n${stderr}`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
      return stdout;
    },
    async end(): Promise<CliResult> {
      child.stdin.end();
      const code = await closed;
      return { code, stdout, stderr };
    },
  };
}

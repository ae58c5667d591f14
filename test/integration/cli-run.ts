/** Runs the `chatgptt` CLI as a real child process (through tsx, from the sources). */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/cli/main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function freshConfigDir(): string {
  return mkdtempSync(join(tmpdir(), 'chatgptt-cli-'));
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

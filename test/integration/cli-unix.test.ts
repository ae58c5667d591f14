/**
 * The `chatgptt` command as a good Unix tool, spawned for real: a reader that closes early,
 * option values checked by us, network failures named, a blank line between stdin answers,
 * the waiting indicator only on a terminal (a real pty from util-linux `script`), --version.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_LIMIT } from '../../src/shared/message-limit';
import { startSite, type TestSite } from '../site/server';
import { freshConfigDir, runCli, type CliResult } from './cli-run';
import { startTlsFront, type TlsFront } from './proxy-tls-front';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'src/cli/main.ts');
const LONG_REPLY = Array.from({ length: 400 }, (_, i) => `line ${i + 1}`).join('\n');

let site: TestSite;
let longSite: TestSite;
beforeAll(async () => {
  [site, longSite] = await Promise.all([
    startSite({ generation: 'G4' }),
    // 400 lines at 15 ms a chunk: seconds of streaming after the first line.
    startSite({ generation: 'G4', reply: LONG_REPLY }),
  ]);
});
afterAll(async () => {
  await Promise.all([site.close(), longSite.close()]);
});

/** Spawns the CLI and closes its stdout after the first line, as `| head -1` does. */
function runClosingEarly(args: string[]): Promise<CliResult & { firstLine: string; ms: number }> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, CHATGPTT_CONFIG_DIR: freshConfigDir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => {
      stdout += data;
      if (stdout.includes('\n')) child.stdout.destroy();
    });
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({
        code,
        stdout,
        stderr,
        firstLine: stdout.split('\n')[0] ?? '',
        ms: Date.now() - started,
      });
    });
  });
}

/** The CLI on a real terminal (a pty made by `script`); stdout and stderr both go to it. */
function runOnTerminal(args: string[], env: Record<string, string>): Promise<CliResult> {
  const command = [process.execPath, '--import', 'tsx', ENTRY, ...args]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, CHATGPTT_CONFIG_DIR: freshConfigDir(), TERM: 'xterm', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr: '' }));
  });
}

describe('chatgptt CLI as a Unix tool', () => {
  it('a reader that closes stdout early (| head -1): exit 0, no stack trace, request stopped', async () => {
    const result = await runClosingEarly(['--site', longSite.pages.shortcode, 'stream a lot']);
    expect(result.firstLine).toBe('line 1');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // The whole reply takes 400 × 15 ms; a CLI that kept reading would take that long.
    expect(result.ms).toBeLessThan(5000);
  });

  it('the same with --json', async () => {
    const result = await runClosingEarly(['--json', '--site', longSite.pages.shortcode, 'json']);
    expect(JSON.parse(result.firstLine)).toMatchObject({ type: 'delta' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a real shell pipe into head -1 reports status 0 for chatgptt', async () => {
    const line = [
      process.execPath,
      '--import',
      'tsx',
      ENTRY,
      '--site',
      longSite.pages.shortcode,
      'hi',
    ]
      .map((part) => `'${part}'`)
      .join(' ');
    const result = await new Promise<CliResult>((done) => {
      const child = spawn('bash', ['-c', `set -o pipefail; ${line} | head -1`], {
        cwd: ROOT,
        env: { ...process.env, CHATGPTT_CONFIG_DIR: freshConfigDir() },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
    expect(result).toEqual({ code: 0, stdout: 'line 1\n', stderr: '' });
  });

  for (const [args, words] of [
    [['--site', 'not-a-url', 'hi'], /--site needs a web address such as https:\/\/chatgptt\.me/],
    [['--site', 'ftp://example.org/', 'hi'], /--site needs a web address/],
    [['--site', 'https://', 'hi'], /--site needs a web address/],
    [['--timeout', '-5', 'hi'], /--timeout needs a number of seconds from 0\.1 to 86400.*not "-5"/],
    [['--timeout', '0', 'hi'], /--timeout needs a number of seconds/],
    [['--timeout', '1e99', 'hi'], /--timeout needs a number of seconds/],
    [['--timeout'], /--timeout needs a value, e\.g\. --timeout 60/],
    [['--site'], /--site needs a value/],
    [['--json=yes', 'hi'], /--json takes no value/],
    [['-x', 'hi'], /Unknown option "-x"/],
    [['--bogus'], /Unknown option "--bogus"/],
    [['--proxy', 'ftp://h:1', 'hi'], /--proxy needs an address like http:\/\/127\.0\.0\.1:8080/],
    [['--system', '  ', 'hi'], /--system needs some text/],
    [
      ['x'.repeat(MESSAGE_LIMIT + 1)],
      new RegExp(`${MESSAGE_LIMIT + 1} characters long; at most ${MESSAGE_LIMIT}`),
    ],
  ] as const) {
    it(`usage error: ${args.join(' ').slice(0, 40)} → exit 2 with our words`, async () => {
      const result = await runCli([...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(words);
      expect(result.stderr).not.toMatch(/ambiguous|ERR_|at .*\.ts:\d+/);
    });
  }

  it('a message that starts with "-" goes after --', async () => {
    const result = await runCli(['--site', site.pages.shortcode, '--', '-5 degrees?']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ECHO\[n=2\]: -5 degrees\?/);
  });

  it('a stdin line longer than the limit is refused (not sent), the others answered, exit 1', async () => {
    site.clearLog();
    const result = await runCli(['--site', site.pages.shortcode], {
      stdin: `one\n${'y'.repeat(MESSAGE_LIMIT + 5)}\ntwo\n`,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`at most ${MESSAGE_LIMIT} are sent in one message`);
    expect(site.log.filter((e) => e.method === 'POST')).toHaveLength(2);
    expect(result.stdout).not.toContain('yyyy');
  });

  const netCases: Array<[string, () => Promise<{ url: string; close(): Promise<void> }>, RegExp]> =
    [
      [
        'DNS',
        () =>
          Promise.resolve({ url: 'http://no-such-host.invalid/', close: async () => undefined }),
        /^chatgptt: Could not connect to no-such-host\.invalid \(DNS lookup failed — are you offline/,
      ],
      [
        'a blocked port',
        () => Promise.resolve({ url: 'http://127.0.0.1:1/', close: async () => undefined }),
        /^chatgptt: Could not connect to 127\.0\.0\.1:1 \(port 1 is one the fetch standard blocks/,
      ],
      [
        'refused',
        async () => {
          // A port that was just free: nobody listens on it.
          const probe = createServer();
          await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
          const { port } = probe.address() as AddressInfo;
          await new Promise<void>((ok) => probe.close(() => ok()));
          return { url: `http://127.0.0.1:${port}/`, close: async () => undefined };
        },
        /^chatgptt: Could not connect to 127\.0\.0\.1:\d+ \(it refused the connection/,
      ],
      [
        'a self-signed certificate',
        async () => {
          const front: TlsFront = await startTlsFront(site.url);
          return { url: `${front.url}/`, close: () => front.close() };
        },
        /^chatgptt: Could not connect to 127\.0\.0\.1:\d+ \(its TLS certificate is self-signed/,
      ],
    ];
  for (const [name, start, words] of netCases) {
    it(`network failure, ${name}: the cause in plain words, never "fetch failed", exit 1`, async () => {
      const target = await start();
      try {
        const result = await runCli(['--site', target.url, 'hi']);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(words);
        expect(result.stderr).not.toMatch(/fetch failed/i);
        const json = await runCli(['--json', '--site', target.url, 'hi']);
        expect(JSON.parse(json.stdout.trim())).toMatchObject({ type: 'error', kind: 'network' });
        expect(json.stdout).not.toMatch(/fetch failed/i);
      } finally {
        await target.close();
      }
    });
  }

  it('stdin mode: a blank line between answers; --json unchanged (one object per line)', async () => {
    const plain = await runCli(['--site', site.pages.shortcode], { stdin: 'a\nb\nc\n' });
    expect(plain.code).toBe(0);
    const answers = plain.stdout.split(/\n\n(?=ECHO\[)/);
    expect(answers.map((a) => /^ECHO\[n=(\d+)\]/.exec(a)?.[1])).toEqual(['2', '4', '6']);
    expect(plain.stdout.startsWith('ECHO')).toBe(true);
    const json = await runCli(['--json', '--site', site.pages.shortcode], { stdin: 'a\nb\n' });
    const lines = json.stdout.trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
    expect(lines.filter((line) => JSON.parse(line).type === 'done')).toHaveLength(2);
  });

  it('in a pipe: no waiting indicator and no colour on stderr', async () => {
    site.configure({ faults: { firstByteDelayMs: 600 } });
    try {
      const result = await runCli(['--site', site.pages.shortcode, 'hi'], {
        env: { NO_COLOR: '' },
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).not.toContain('\x1b');
    } finally {
      site.configure({ faults: {} });
    }
  });

  it('on a terminal: "Waiting for …" on stderr until the first byte, erased; dimmed unless NO_COLOR', async () => {
    site.configure({ faults: { firstByteDelayMs: 600 } });
    try {
      const host = new URL(site.url).host;
      const coloured = await runOnTerminal(['--site', site.pages.shortcode, 'tty'], {
        NO_COLOR: '',
      });
      expect(coloured.code).toBe(0);
      expect(coloured.stdout).toContain(`Waiting for ${host}…`);
      expect(coloured.stdout).toContain('\x1b[2m');
      // Erased before the answer begins.
      const answerAt = coloured.stdout.indexOf('ECHO[n=2]: tty');
      expect(answerAt).toBeGreaterThan(0);
      expect(coloured.stdout.lastIndexOf('\r\x1b[K')).toBeGreaterThan(
        coloured.stdout.lastIndexOf('Waiting for'),
      );
      expect(coloured.stdout.lastIndexOf('\r\x1b[K')).toBeLessThan(answerAt);
      const plain = await runOnTerminal(['--site', site.pages.shortcode, 'tty'], { NO_COLOR: '1' });
      expect(plain.stdout).toContain(`Waiting for ${host}…`);
      expect(plain.stdout).not.toContain('\x1b[2m');
      expect(plain.stdout).toContain('ECHO[n=2]: tty');
    } finally {
      site.configure({ faults: {} });
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `chatgptt ${version}\n`, stderr: '' });
  });
});

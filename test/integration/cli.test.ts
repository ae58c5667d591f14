/** The `chatgptt` command as a child process against the local test site. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { freshConfigDir, runCli } from './cli-run';

let site: TestSite;
let g5: TestSite;
beforeAll(async () => {
  [site, g5] = await Promise.all([
    startSite({ generation: 'G4' }),
    startSite({ generation: 'G5' }),
  ]);
});
afterAll(async () => {
  await Promise.all([site.close(), g5.close()]);
});

const echoCount = (text: string): number[] =>
  [...text.matchAll(/^ECHO\[n=(\d+)\]/gm)].map((m) => Number(m[1]));

describe('chatgptt CLI', () => {
  it('--help documents every flag and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--site',
      '--model',
      '--system',
      '--proxy',
      '--single-prompt',
      '--timeout',
      '--json',
      'MESSAGE',
    ])
      expect(result.stdout).toContain(flag);
    expect(result.stdout).toMatch(/0 on success, 1 on a chat error, 2 on bad usage/);
  });

  for (const args of [
    ['--bogus'],
    ['--timeout', 'soon', 'hi'],
    ['--site', 'ftp://x', 'hi'],
    ['--proxy', 'nonsense', 'hi'],
  ]) {
    it(`bad usage (${args.join(' ')}): exit 2, words on stderr, nothing on stdout`, async () => {
      const result = await runCli(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^chatgptt: .+\nTry "chatgptt --help"/);
    });
  }

  it('MESSAGE: the answer on stdout, exit 0', async () => {
    const result = await runCli(['--site', site.pages.shortcode, 'Hello from the CLI']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^ECHO\[n=2\]: Hello from the CLI\n\nThis is the "test-site" peer/,
    );
    expect(result.stdout).toContain('жёлтый');
    expect(result.stdout.endsWith('\n')).toBe(true);
  });

  it('stdin: one turn per line, the history kept, answers in order', async () => {
    const result = await runCli(['--site', site.pages.shortcode], {
      stdin: 'first "one"\n\nsecond C:\\path\nthird 🎉\n',
    });
    expect(result.code).toBe(0);
    expect(echoCount(result.stdout)).toEqual([2, 4, 6]);
    expect(result.stdout.indexOf('first "one"')).toBeLessThan(
      result.stdout.indexOf('second C:\\path'),
    );
    expect(result.stdout).toContain('third 🎉');
  });

  it('stdin on an AIPKit (G5) site: the server keeps the conversation', async () => {
    const result = await runCli(['--site', g5.pages.shortcode], { stdin: 'a\nb\n' });
    expect(result.code).toBe(0);
    expect(echoCount(result.stdout)).toEqual([2, 4]);
  });

  it('--json: delta lines, then done with the text and the generation', async () => {
    const result = await runCli(['--json', '--site', site.pages.shortcode, 'json please']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const deltas = lines.filter((l) => l['type'] === 'delta');
    const done = lines.at(-1);
    expect(deltas.length).toBeGreaterThan(1);
    expect(done).toMatchObject({ type: 'done', generation: 'G4' });
    expect(done?.['text']).toBe(deltas.map((d) => d['text']).join(''));
    expect(String(done?.['text'])).toMatch(/^ECHO\[n=2\]: json please/);
  });

  it('--json on a chat error: an error line, words on stderr, exit 1', async () => {
    const result = await runCli(['--json', '--site', site.pages.nonChat, 'hi']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({
      type: 'error',
      kind: 'not-a-chat-site',
    });
    expect(result.stderr).toMatch(/^chatgptt: No chat found on /);
  });

  it('a chat error without --json: stderr only, exit 1', async () => {
    site.configure({ faults: { quota: true } });
    try {
      const result = await runCli(['--site', site.pages.shortcode, 'hi']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('You have reached your token limit.');
    } finally {
      site.configure({ faults: {} });
    }
  });

  it('--timeout: a silent site is a timeout error, exit 1', async () => {
    site.configure({ faults: { firstByteDelayMs: 5000 } });
    try {
      const result = await runCli(['--timeout', '0.5', '--site', site.pages.shortcode, 'hi']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/sent nothing for 0\.5 s/);
    } finally {
      site.configure({ faults: {} });
    }
  });

  it('--system reaches the model; --single-prompt sends the transcript', async () => {
    const system = await runCli([
      '--system',
      'Talk like a pirate.',
      '--site',
      site.pages.shortcode,
      'Ahoy',
    ]);
    expect(system.stdout).toMatch(
      /^ECHO\[n=2\]: System instructions: Talk like a pirate\.\n\nAhoy/,
    );
    const single = await runCli(['--single-prompt', '--site', site.pages.shortcode], {
      stdin: 'one\ntwo\n',
    });
    expect(echoCount(single.stdout)).toEqual([2, 2]);
    expect(single.stdout).toContain('User: one\nAssistant: ECHO[n=2]: one');
  });

  it('keeps one client id per installation and reuses the tokens (a warm run is one request)', async () => {
    const configDir = freshConfigDir();
    site.clearLog();
    const first = await runCli(['--site', site.pages.plain, 'one'], { configDir });
    const second = await runCli(['--site', site.pages.plain, 'two'], { configDir });
    expect([first.code, second.code]).toEqual([0, 0]);
    const id = readFileSync(join(configDir, 'client-id'), 'utf8').trim();
    expect(id).toMatch(/^[A-Za-z0-9]{10}$/);
    const posts = site.log.filter((e) => e.method === 'POST');
    expect(posts.map((p) => p.form['wpaicg_chat_client_id'])).toEqual([id, id]);
    expect(site.log.map((e) => e.method)).toEqual(['GET', 'POST', 'POST']);
  });
});

// `npm run site` as a separate process: it prints its URL and pages, serves them, and can be
// configured over HTTP (POST /__control, GET /__log), as the demo and browser tests do.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyTokens } from '../site/probe';

let child: ChildProcess;
let url = '';
let output = '';

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/site/cli.ts', '--port', '0', '--generation', 'G4'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m && output.includes('nonChat')) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`site exited with ${code}: ${output}`)));
  });
});
afterAll(() => {
  child.kill('SIGTERM');
});

describe('npm run site', () => {
  it('prints its URL and the page URLs', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/', '/plain/', '/widget/', '/params-only/', '/about/'])
      expect(output).toContain(url + path);
  });

  it('is configured over HTTP and reports its log', async () => {
    const t = legacyTokens(await (await fetch(`${url}/`)).text())!;
    expect(t.postId).toBe('9');
    const ctl = await fetch(`${url}/__control`, {
      method: 'POST',
      body: JSON.stringify({ configure: { faults: { httpError: 503 } }, clearLog: true }),
    });
    expect(ctl.status).toBe(200);
    const fields = new URLSearchParams({
      _wpnonce: t.nonce,
      action: 'wpaicg_chat_shortcode_message',
      message: 'hi',
    });
    expect(
      (await fetch(`${url}/wp-admin/admin-ajax.php`, { method: 'POST', body: fields })).status,
    ).toBe(503);
    await fetch(`${url}/__control`, {
      method: 'POST',
      body: JSON.stringify({ configure: { faults: {} }, expireNonces: true }),
    });
    expect(
      (await fetch(`${url}/wp-admin/admin-ajax.php`, { method: 'POST', body: fields })).status,
    ).toBe(403);
    const log = (await (await fetch(`${url}/__log`)).json()) as {
      path: string;
      status: number;
      form: Record<string, string>;
    }[];
    expect(log.map((e) => e.status)).toEqual([503, 403]);
    expect(log[0]!.form['message']).toBe('hi');
  });
});

/**
 * The package as npm install leaves it: scripts/build-lib.ts builds dist/, then the `chatgptt`
 * bin and `import { ChatGptt } from 'chatgptt'` work from plain Node against the local site.
 */
import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { runNode } from './cli-run';

const ROOT = resolve(import.meta.dirname, '../..');
let site: TestSite;

beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-lib.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  site = await startSite({ generation: 'G4' });
}, 120_000);
afterAll(async () => {
  await site?.close();
});

describe('the built package', () => {
  it('bin/chatgptt.js answers from the built dist/cli.js', async () => {
    const result = await runNode(['bin/chatgptt.js', '--site', site.pages.shortcode, 'built bin']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ECHO\[n=2\]: built bin\n/);
  });

  it('bin/chatgptt.js | head -1: exit 0 and no stack trace; --version', async () => {
    site.configure({ reply: Array.from({ length: 300 }, (_, i) => `line ${i + 1}`).join('\n') });
    try {
      // Asynchronous: the test site answers from this very process.
      const piped = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
        (done) => {
          const child = spawn(
            'bash',
            [
              '-c',
              `set -o pipefail; node bin/chatgptt.js --site '${site.pages.shortcode}' hi | head -1`,
            ],
            { cwd: ROOT },
          );
          let stdout = '';
          let stderr = '';
          child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
          child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          child.on('close', (status) => done({ status, stdout, stderr }));
        },
      );
      expect({ status: piped.status, stdout: piped.stdout, stderr: piped.stderr }).toEqual({
        status: 0,
        stdout: 'line 1\n',
        stderr: '',
      });
    } finally {
      site.configure({ reply: null });
    }
    const version = await runNode(['bin/chatgptt.js', '--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^chatgptt \d+\.\d+\.\d+\n$/);
  });

  it("import { ChatGptt } from 'chatgptt' streams an answer in plain Node", async () => {
    const script = `
      import { ChatGptt } from 'chatgptt';
      let text = '';
      for await (const piece of ChatGptt.createAsyncGenerator('gpt-4o', [{ role: 'user', content: 'from node' }], { site: ${JSON.stringify(site.pages.plain)} })) text += piece;
      console.log(JSON.stringify({ text, models: ChatGptt.models, url: ChatGptt.url }));
    `;
    const result = await runNode(['--input-type=module', '-e', script]);
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as { text: string; models: string[]; url: string };
    expect(out.text).toMatch(/^ECHO\[n=2\]: from node/);
    expect(out.models).toEqual(['gpt-4', 'gpt-4o', 'gpt-4o-mini']);
    expect(out.url).toBe('https://chatgptt.me');
  });
});

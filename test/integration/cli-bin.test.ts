/**
 * The package as npm install leaves it: scripts/build-lib.ts builds dist/, then the `chatgptt`
 * bin and `import { ChatGptt } from 'chatgptt'` work from plain Node against the local site.
 */
import { execFileSync } from 'node:child_process';
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

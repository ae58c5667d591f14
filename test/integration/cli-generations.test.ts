/** The CLI on every generation and page kind, through a nonce expiry mid-conversation and a challenge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type SiteGeneration, type TestSite } from '../site/server';
import { interactiveCli, runCli } from './cli-run';

const echoCounts = (text: string): number[] =>
  [...text.matchAll(/^ECHO\[n=(\d+)\]/gm)].map((m) => Number(m[1]));

describe.each(['G1', 'G2', 'G3', 'G4', 'G5'] as SiteGeneration[])(
  'chatgptt on a %s site',
  (generation) => {
    let site: TestSite;
    beforeAll(async () => {
      site = await startSite({ generation });
    });
    afterAll(async () => {
      await site.close();
    });

    const kinds =
      generation === 'G5'
        ? (['shortcode', 'plain'] as const)
        : (['shortcode', 'plain', 'widget', 'paramsOnly'] as const);
    for (const kind of kinds) {
      it(`answers on the ${kind} page (--json names the generation)`, async () => {
        const result = await runCli(['--json', '--site', site.pages[kind], `hello ${kind}`]);
        expect(result.code, result.stderr).toBe(0);
        const done = JSON.parse(result.stdout.trimEnd().split('\n').at(-1) ?? '{}') as {
          text: string;
          generation: string;
        };
        expect(done.text).toMatch(new RegExp(`^ECHO\\[n=2\\]: hello ${kind}`));
        expect(done.generation).toBe(generation);
      });
    }

    it('nonce expiry mid-conversation: the next turn still answers, with the history', async () => {
      const cli = interactiveCli(['--site', site.pages.shortcode]);
      cli.send('turn one "quoted"');
      await cli.waitFor(/ECHO\[n=2\]: turn one[\s\S]*\n$/);
      site.expireNonces();
      cli.send('turn two');
      await cli.waitFor(/ECHO\[n=4\]: turn two/);
      const result = await cli.end();
      expect(result.code).toBe(0);
      expect(echoCounts(result.stdout)).toEqual([2, 4]);
    });

    it('a challenge page: a plain-words error and exit 1', async () => {
      site.configure({ faults: { challenge: 503 } });
      try {
        const result = await runCli(['--site', site.pages.shortcode, 'hi']);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/browser check/);
        expect(result.stdout).toBe('');
      } finally {
        site.configure({ faults: {} });
      }
    });
  },
);

/**
 * Reliability, issue 21 case 7: the clock a day off. WordPress nonces are time-based on the
 * server; the age of cached tokens is computed on our side. The real CLI runs against the test
 * site with its tokens.json dated a day in the future (the clock was a day ahead when it was
 * saved, or has since gone back a day) and a day in the past, with the nonce gone stale on the
 * server, and every request the site sees is counted: a stale cached nonce costs at most one
 * retry, never a loop, and a cache of unknown age is read again instead of trusted for ever.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import { freshConfigDir, runCli } from './cli-run';

const DAY = 24 * 60 * 60 * 1000;

describe('clock a day off: cached nonce and token age', () => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startSite({ reply: 'clock answer' });
  });
  afterAll(async () => {
    await site?.close();
  });

  /** Runs the CLI once to fill tokens.json, shifts its dates by `shift` ms and stales the nonce. */
  async function cacheShifted(shift: number): Promise<string> {
    const configDir = freshConfigDir();
    const first = await runCli(['--site', site.pages.shortcode, 'fill the cache'], { configDir });
    expect(first.code, first.stderr).toBe(0);
    const file = join(configDir, 'tokens.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { fetchedAt: number }>;
    for (const tokens of Object.values(all)) tokens.fetchedAt += shift;
    writeFileSync(file, JSON.stringify(all));
    site.expireNonces();
    site.clearLog();
    return configDir;
  }

  function counted(): { pages: number; posts: number } {
    return {
      pages: site.log.filter((r) => r.method === 'GET').length,
      posts: site.log.filter((r) => r.method === 'POST').length,
    };
  }

  const cases: Array<[string, number, { pages: number; posts: number }]> = [
    // Unknown age: read again first (1 page + 1 chat request), no refused request at all.
    ['a day in the future', DAY, { pages: 1, posts: 1 }],
    // Older than the cache keeps tokens: read again.
    ['a day in the past', -DAY, { pages: 1, posts: 1 }],
    // Looks fresh but the server's nonce is stale: refused once, refreshed once, answered.
    ['as saved (the server rotated)', 0, { pages: 1, posts: 2 }],
  ];

  for (const [name, shift, expected] of cases) {
    it(
      `cache dated ${name}: answered with ${expected.pages + expected.posts} requests, at most one retry`,
      {
        timeout: 60_000,
      },
      async () => {
        const configDir = await cacheShifted(shift);
        const result = await runCli(['--site', site.pages.shortcode, 'what time is it'], {
          configDir,
        });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain('clock answer');
        const got = counted();
        console.log(`cache dated ${name}: ${got.pages} page reads, ${got.posts} chat requests`);
        expect(got).toEqual(expected);
      },
    );
  }
});

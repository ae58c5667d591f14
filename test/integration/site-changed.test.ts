/**
 * Reliability, issue 21 case 8: the site changes under us mid-conversation. The library keeps
 * one token cache across turns (as the extension and the CLI do) against the test site, which
 * is then updated to another plugin generation, back, and finally turned into a site that
 * refuses every request: each next message re-discovers the page and goes on (counted), and
 * what cannot go on ends in one plain error, never a loop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTokenCache } from '../../src/provider';
import { startSite, type SiteGeneration, type TestSite } from '../site/server';
import { turn } from './provider-helpers';

describe('the site changes under us', () => {
  let site: TestSite;
  const tokenCache = memoryTokenCache();

  beforeAll(async () => {
    site = await startSite({ generation: 'G4' });
  });
  afterAll(async () => {
    await site?.close();
  });

  /** Page reads, chat requests (a G5 answer is a POST then the stream's GET) and refusals. */
  const counts = () => ({
    pages: site.log.filter((r) => r.method === 'GET' && !r.path.includes('admin-ajax')).length,
    posts: site.log.filter((r) => r.method === 'POST').length,
    refused: site.log.filter((r) => r.status >= 400).length,
  });

  const steps: SiteGeneration[] = ['G4', 'G5', 'G2', 'G5', 'G4'];

  it(
    `${steps.length - 1} generation changes mid-conversation: each next message re-discovers and answers, 1 refused request and 1 page read each`,
    {
      timeout: 60_000,
    },
    async () => {
      const seen: string[] = [];
      for (const [i, generation] of steps.entries()) {
        site.configure({ generation });
        site.clearLog();
        const outcome = await turn(`message ${i} on ${generation}`, {
          site: site.pages.shortcode,
          tokenCache,
        });
        expect(outcome.error?.message, `${generation}`).toBeUndefined();
        expect(outcome.text.length, generation).toBeGreaterThan(0);
        const got = counts();
        seen.push(
          `${generation}: ${site.log.map((r) => `${r.method} ${r.form['action'] ?? r.path} ${r.status}`).join(', ')}`,
        );
        // After a change the cached tokens name the old generation: one refused request, one
        // page read (the new generation found), then the answer.
        expect(got, generation).toEqual(
          i === 0 ? { pages: 1, posts: 1, refused: 0 } : { pages: 1, posts: 2, refused: 1 },
        );
      }
      console.log(`generation changes: ${seen.join('; ')}`);
    },
  );

  it(
    'the site stops being a chat site (a browser check on every page): one plain error, 2 requests at most',
    {
      timeout: 60_000,
    },
    async () => {
      site.configure({ generation: 'G4', faults: { challenge: 403 } });
      site.clearLog();
      const outcome = await turn('after the chat is gone', {
        site: site.pages.shortcode,
        tokenCache,
      });
      expect(outcome.error?.kind).toBe('challenge');
      expect(outcome.error?.message).toMatch(/check|browser/i);
      const got = counts();
      console.log(
        `chat gone: ${outcome.error?.kind}: ${outcome.error?.message}; ${got.pages} page, ${got.posts} posts`,
      );
      expect(got.pages + got.posts).toBeLessThanOrEqual(2);
      site.configure({ faults: {} });
    },
  );
});

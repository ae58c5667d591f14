/**
 * Issue 16 item 5, the newest plugin's (2.4.71) details, over real HTTP against the test site:
 * the nonce refreshed in one POST (`aipkit_get_frontend_chat_nonce`) instead of re-reading the
 * page, a quota error in another language known by its `quota_notice` card, `event: warning` as a
 * note and `event: citations` as sources (never as answer text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTokenCache, type ProgressEvent } from './provider-imports';
import { CITATIONS, QUOTA_RU, WARNING_TEXT } from '../site/aipkit';
import { startSite, type TestSite } from '../site/server';
import { turn } from './provider-helpers';

let site: TestSite;
beforeAll(async () => {
  site = await startSite({ generation: 'G5' });
});
afterAll(async () => {
  await site.close();
});

const actions = () =>
  site.log
    .filter((e) => e.path === '/wp-admin/admin-ajax.php')
    .map((e) => e.form['action'] ?? e.query['action']);
const pageReads = () => site.log.filter((e) => e.path !== '/wp-admin/admin-ajax.php').length;

describe('G5 nonce refresh', () => {
  it('a refused nonce is renewed in one POST, the page is not read again', async () => {
    const tokenCache = memoryTokenCache();
    const warm = await turn('Warm up', { site: site.pages.shortcode, tokenCache });
    expect(warm.error).toBeUndefined();
    // The cached nonce goes stale (a tab left open past the nonce's life).
    const key = new URL(site.pages.shortcode).href;
    const tokens = await tokenCache.get(key);
    if (!tokens) throw new Error('no cached tokens under ' + key);
    await tokenCache.set(key, { ...tokens, nonce: '0123456789' });
    site.clearLog();
    const outcome = await turn('After the nonce expired', {
      site: site.pages.shortcode,
      tokenCache,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toContain('After the nonce expired');
    expect(pageReads()).toBe(0);
    expect(actions()).toEqual([
      'aipkit_cache_sse_message', // refused: stale nonce
      'aipkit_get_frontend_chat_nonce',
      'aipkit_cache_sse_message',
      'aipkit_frontend_chat_stream',
    ]);
    expect(outcome.progress).toContainEqual({ type: 'nonce-refresh', via: 'action' });
    expect((await tokenCache.get(key))?.nonce).not.toBe('0123456789');
  });
});

describe('G5 stream events of 2.4.x', () => {
  it('a quota error in Russian is the quota kind (by its quota_notice card)', async () => {
    const outcome = await turn('TRIGGER_QUOTA_RU please', { site: site.pages.shortcode });
    expect(outcome.error?.kind).toBe('quota');
    expect(outcome.error?.message).toBe(QUOTA_RU);
  });

  it('event: warning is a note and event: citations are sources, not answer text', async () => {
    const outcome = await turn('TRIGGER_WARNING TRIGGER_CITATIONS tell me', {
      site: site.pages.shortcode,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toContain('TRIGGER_WARNING TRIGGER_CITATIONS tell me');
    expect(outcome.text).not.toContain(WARNING_TEXT);
    expect(outcome.text).not.toContain('source-one');
    const extra = outcome.progress.filter(
      (e): e is Extract<ProgressEvent, { type: 'note' | 'sources' }> =>
        e.type === 'note' || e.type === 'sources',
    );
    expect(extra).toEqual([
      { type: 'note', text: WARNING_TEXT },
      {
        type: 'sources',
        sources: [
          { url: CITATIONS[0]?.url, title: 'Source one' },
          { url: 'javascript:alert(1)', title: 'Bad source' },
          { url: CITATIONS[2]?.url, title: 'Source two' },
        ],
      },
    ]);
  });
});

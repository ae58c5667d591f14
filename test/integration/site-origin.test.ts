// The test site refuses an AIPKit embed as AI Power 2.4.71 does: step 1 and the nonce refresh,
// for a bot, from an Origin naming another host or scheme. The verdict table was produced by
// WordPress 6.1's own esc_url_raw + wp_parse_url (wp-includes/formatting.php, kses.php, http.php)
// running the plugin's comparison from fn-ajax-cache-sse-message.php, site http://127.0.0.1:8082.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEmbedRequest } from '../site/embed-check';
import { aipkitConfig, chatFields, form, getPage, legacyTokens, sseEvents } from '../site/probe';
import { startSite, type TestSite } from '../site/server';

const VERDICTS: Array<[origin: string, embed: boolean]> = [
  ['chrome-extension://abcdef', true], // esc_url_raw drops the scheme: '' has no host
  ['moz-extension://d2a7c8e0-0000', true],
  ['null', true], // becomes http://null
  ['http://localhost:8082', true],
  ['https://127.0.0.1:8082', true],
  ['http://127.0.0.1.evil.com', true],
  ['ftp://127.0.0.1', true],
  ['http://[::1]:8082', true],
  ['http://127.0.0.1:9999', false], // the port is never compared
  ['http://127.0.0.1', false],
  ['HTTP://127.0.0.1:8082', false],
  [' http://127.0.0.1', false],
  ['http://127.0.0.1:8082/', false],
  ['http://', false], // parse_url fails: no check
];

describe('the embed rule', () => {
  it.each(VERDICTS)('Origin %j → embed %s', (origin, embed) => {
    expect(isEmbedRequest(origin, 'http://127.0.0.1:8082')).toBe(embed);
  });
  it('no Origin, or an empty one, is no embed', () => {
    expect(isEmbedRequest(undefined, 'http://127.0.0.1:8082')).toBe(false);
    expect(isEmbedRequest('', 'http://127.0.0.1:8082')).toBe(false);
  });
});

describe('a G5 site asked from another Origin', () => {
  let site: TestSite;
  let nonce = '';
  const ajax = (): string => `${site.url}/wp-admin/admin-ajax.php`;
  const post = (fields: Record<string, string>, origin?: string): Promise<Response> =>
    fetch(ajax(), {
      method: 'POST',
      body: form(fields),
      headers: origin === undefined ? {} : { origin },
    });
  const step1 = (origin?: string, botId = '5', withNonce = nonce): Promise<Response> =>
    post(
      { action: 'aipkit_cache_sse_message', _ajax_nonce: withNonce, bot_id: botId, message: 'Hi' },
      origin,
    );

  beforeAll(async () => {
    site = await startSite({ generation: 'G5' });
    nonce = String(aipkitConfig(await getPage(site.pages.shortcode))!['nonce']);
  });
  afterAll(() => site.close());

  it('step 1 from an extension is 403 embed_not_available, before the nonce is looked at', async () => {
    for (const res of [
      await step1('chrome-extension://abcdefghijklmnopabcdefghijklmnop'),
      await step1('moz-extension://d2a7c8e0-0000-4000-8000-000000000001', '5', 'bad'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(await res.text()).toBe(
        '{"success":false,"data":{"message":"Embed feature is not available with your current plan.","code":"embed_not_available"}}',
      );
    }
  });

  it('step 1 passes with the site’s own Origin (any port), with none, and for no bot', async () => {
    const port = new URL(site.url).port;
    for (const origin of [site.url, site.url.replace(port, '1'), undefined]) {
      const res = await step1(origin);
      expect(res.status, String(origin)).toBe(200);
      expect(await res.json()).toMatchObject({ success: true });
    }
    // bot_id 0: the plugin never asks (it then fails on its own, not on the Origin).
    expect((await (await step1('chrome-extension://x', '0')).json()) as object).toMatchObject({
      success: true,
    });
  });

  it('step 2 does not check the Origin', async () => {
    const cached = (await (await step1()).json()) as { data: { cache_key: string } };
    const q = new URLSearchParams({
      action: 'aipkit_frontend_chat_stream',
      cache_key: cached.data.cache_key,
      _ajax_nonce: nonce,
      bot_id: '5',
    });
    const res = await fetch(`${ajax()}?${q}`, { headers: { origin: 'chrome-extension://x' } });
    expect(sseEvents(await res.text()).at(-1)?.event).toBe('done');
  });

  it('the nonce refresh for a bot refuses an embed with cors_denied', async () => {
    const refused = await post(
      { action: 'aipkit_get_frontend_chat_nonce', bot_id: '5' },
      'chrome-extension://x',
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      success: false,
      data: { message: 'This domain is not permitted to access the chatbot.', code: 'cors_denied' },
    });
    const fine = await post({ action: 'aipkit_get_frontend_chat_nonce' }, 'chrome-extension://x');
    expect(await fine.json()).toMatchObject({ success: true });
  });

  it('a G4 site never checks the Origin', async () => {
    site.configure({ generation: 'G4' });
    try {
      const tokens = legacyTokens(await getPage(site.pages.plain), 'wpaicg-chat-shortcode')!;
      const res = await post(chatFields(tokens, 'Hi G4'), 'chrome-extension://x');
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('ECHO[n=');
    } finally {
      site.configure({ generation: 'G5' });
    }
  });
});

// The older (G1–G3) and newer (G5, AIPKit) protocol generations of the local test site.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import {
  aipkitConfig,
  chatFields,
  form,
  getPage,
  legacyTokens,
  sseEvents,
  streamedText,
} from '../site/probe';

let site: TestSite;
const ajax = (): string => `${site.url}/wp-admin/admin-ajax.php`;
const post = (
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> => fetch(ajax(), { method: 'POST', body: form(fields), headers });

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  site.configure({ faults: {}, reply: null, stream: true });
});

describe('G1 (≤1.7.86): JSON only, 200 JSON nonce error, memory in cookies', () => {
  beforeEach(() => site.configure({ generation: 'G1' }));

  it('never streams, and its widget has no stray "<"', async () => {
    const html = await getPage(site.pages.shortcode);
    expect(legacyTokens(html, 'wpaicg-chatbox')!.postId).toBe('9');
    const res = await post(chatFields(legacyTokens(html)!, 'Hi G1'));
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const json = (await res.json()) as { status: string; data: string; log: unknown };
    expect(json.status).toBe('success');
    expect(json.data).toMatch(/^ECHO\[n=2\]: Hi G1/);
    expect(json.data).toContain('[model=text-davinci-003]');
  });

  it('a bad nonce is HTTP 200 with the long "Invalid nonce" JSON', async () => {
    const res = await post({
      _wpnonce: 'bad',
      action: 'wpaicg_chat_shortcode_message',
      message: 'hi',
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { status: string; msg: string };
    expect(json.status).toBe('error');
    expect(json.msg).toMatch(
      /^Invalid nonce\. This means we are unable to verify the validity of the nonce\./,
    );
  });

  it('remembers the conversation in cookies the reply sets', async () => {
    const t = legacyTokens(await getPage(site.pages.shortcode))!;
    const fields = {
      _wpnonce: t.nonce,
      post_id: '9',
      url: t.url,
      action: 'wpaicg_chat_shortcode_message',
      message: 'first',
      bot_id: '0',
    };
    const first = await post(fields);
    const cookies = first.headers.getSetCookie();
    expect(cookies.map((c) => c.split('=')[0])).toContain('wpaicg_chat_client_id');
    expect(cookies.find((c) => c.startsWith('wpaicg_chat_client_id='))).toMatch(
      /^wpaicg_chat_client_id=t_[0-9a-f]{30};/,
    );
    expect(cookies.some((c) => c.startsWith('wpaicg_conversation_url_shortcode='))).toBe(true);
    await first.text();
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const second = (await (
      await post({ ...fields, message: 'second' }, { Cookie: jar })
    ).json()) as { data: string };
    expect(second.data).toMatch(/^ECHO\[n=4\]: second/);
    const fresh = (await (await post({ ...fields, message: 'no jar' })).json()) as { data: string };
    expect(fresh.data).toMatch(/^ECHO\[n=2\]: no jar/);
  });

  it('honours wpaicg_chat_shortcode_options[model]', async () => {
    const t = legacyTokens(await getPage(site.pages.shortcode))!;
    const json = (await (
      await post({ ...chatFields(t, 'model?'), 'wpaicg_chat_shortcode_options[model]': 'gpt-4' })
    ).json()) as { data: string };
    expect(json.data).toContain('[model=gpt-4]');
  });
});

describe('G2/G3 (1.8.x ≤1.8.90): JSON nonce error, $_REQUEST, client-chosen model', () => {
  for (const gen of ['G2', 'G3'] as const) {
    it(`${gen}: a bad nonce is 200 {"status":"error","msg":"Nonce verification failed"}`, async () => {
      site.configure({ generation: gen });
      const res = await post({
        _wpnonce: 'bad',
        action: 'wpaicg_chat_shortcode_message',
        message: 'hi',
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'error', msg: 'Nonce verification failed' });
    });

    it(`${gen}: streams over GET with every field in the query (EventSource style)`, async () => {
      site.configure({ generation: gen });
      const t = legacyTokens(await getPage(site.pages.shortcode))!;
      expect(legacyTokens(await getPage(site.pages.shortcode), 'wpaicg-chatbox')!.postId).toBe('9');
      const res = await fetch(`${ajax()}?${form(chatFields(t, 'over GET'))}`);
      expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
      expect(streamedText(await res.text())).toMatch(/^ECHO\[n=2\]: over GET/);
    });

    it(`${gen}: the client may pick the model; sanitize_text_field collapses newlines`, async () => {
      site.configure({ generation: gen });
      const t = legacyTokens(await getPage(site.pages.shortcode))!;
      const res = await post({
        ...chatFields(t, 'line one\nline two'),
        'wpaicg_chat_shortcode_options[model]': 'gpt-4o',
      });
      const text = streamedText(await res.text());
      expect(text).toMatch(/^ECHO\[n=2\]: line one line two\n/);
      expect(text).toContain('[model=gpt-4o]');
    });
  }

  it('G2: the message is read slashed (no wp_unslash): a typed `"` reaches the model as `\\"`', async () => {
    site.configure({ generation: 'G2' });
    const t = legacyTokens(await getPage(site.pages.shortcode))!;
    const raw = streamedText(await (await post(chatFields(t, `say "hi" it's`))).text());
    expect(raw).toMatch(/^ECHO\[n=2\]: say \\"hi\\" it\\'s\n/);
    // What the site's own chat sends (wpaicgescapeHtml) has nothing to slash.
    const escaped = streamedText(
      await (await post(chatFields(t, 'say &quot;hi&quot; it&#039;s'))).text(),
    );
    expect(escaped).toMatch(/^ECHO\[n=2\]: say &quot;hi&quot; it&#039;s\n/);
  });

  it('G4 ignores a client-chosen model and keeps the message raw', async () => {
    site.configure({ generation: 'G4' });
    const t = legacyTokens(await getPage(site.pages.shortcode))!;
    const res = await post({
      ...chatFields(t, 'line one\nline two'),
      'wpaicg_chat_shortcode_options[model]': 'gpt-4o',
    });
    const text = streamedText(await res.text());
    expect(text).toMatch(/^ECHO\[n=2\]: line one\nline two\n/);
    expect(text).toContain('[model=gpt-4o-mini]');
  });
});

describe('G5 (≥2.3, AIPKit)', () => {
  beforeEach(() => site.configure({ generation: 'G5' }));

  async function config(): Promise<Record<string, unknown>> {
    const c = aipkitConfig(await getPage(site.pages.shortcode));
    if (!c) throw new Error('no aipkit container');
    return c;
  }

  async function turn(nonce: string, message: string, conv = 'conv-1'): Promise<string> {
    const step1 = await post({
      action: 'aipkit_cache_sse_message',
      _ajax_nonce: nonce,
      bot_id: '5',
      message,
      user_client_message_id: 'cli-1',
    });
    expect(step1.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const { data } = (await step1.json()) as { success: boolean; data: { cache_key: string } };
    expect(data.cache_key).toMatch(/^aipkit_sse_[A-Za-z0-9]{32}$/);
    const q = new URLSearchParams({
      action: 'aipkit_frontend_chat_stream',
      cache_key: data.cache_key,
      _ajax_nonce: nonce,
      bot_id: '5',
      session_id: 'sess-1',
      conversation_uuid: conv,
      post_id: '9',
    });
    const res = await fetch(`${ajax()}?${q}`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    return res.text();
  }

  const deltas = (body: string): string =>
    sseEvents(body)
      .filter((e) => e.event === null)
      .map((e) => (JSON.parse(e.data) as { delta: string }).delta)
      .join('');

  it('pages carry div.aipkit_chat_container with the data-config JSON, and no legacy root', async () => {
    const html = await getPage(site.pages.shortcode);
    expect(html).not.toContain('wpaicg-chat-shortcode"');
    const c = await config();
    expect(c).toMatchObject({
      botId: 5,
      ajaxUrl: `${site.url}/wp-admin/admin-ajax.php`,
      postId: 9,
    });
    expect(String(c['nonce'])).toMatch(/^[0-9a-f]{10}$/);
  });

  it('two-step exchange with named events; the server remembers the conversation', async () => {
    const nonce = String((await config())['nonce']);
    const body = await turn(nonce, 'Hello AIPKit');
    expect(body.startsWith(':' + ' '.repeat(4096) + '\n\n')).toBe(true);
    const names = sseEvents(body).map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(['message_start', 'status', 'status']);
    expect(names.slice(-2)).toEqual(['openai_response_id', 'done']);
    expect(deltas(body)).toMatch(/^ECHO\[n=2\]: Hello AIPKit/);
    expect(deltas(await turn(nonce, 'Again'))).toMatch(/^ECHO\[n=4\]: Again/);
    expect(deltas(await turn(nonce, 'New chat', 'conv-2'))).toMatch(/^ECHO\[n=2\]: New chat/);
  });

  it('the widget page shows the bot in popup mode: data-config on div.aipkit_popup_wrapper only', async () => {
    const html = await getPage(site.pages.widget);
    expect(html).toMatch(
      /<div class="aipkit_popup_wrapper [^"]*" id="aipkit_popup_wrapper_5" data-config='/,
    );
    expect(html).toMatch(
      /<div class="aipkit_chat_container aipkit_popup_content [^>]*aria-hidden="true" inert/,
    );
    expect(html).not.toMatch(/<div class="aipkit_chat_container[^>]*data-config=/);
    expect(aipkitConfig(html)).toMatchObject({ botId: 5, popupEnabled: true });
  });

  it('TRIGGER_DROP: part of the answer, then the curl error event, and no done (start-stream.php)', async () => {
    const nonce = String((await config())['nonce']);
    const body = await turn(nonce, 'TRIGGER_DROP now', 'conv-drop');
    const events = sseEvents(body);
    expect(events.map((e) => e.event).slice(-2)).toEqual([null, 'error']);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({
      error: 'Connection Error: transfer closed with outstanding read data remaining',
    });
    expect(deltas(body)).toMatch(/^ECHO\[n=2\]: TRIG/);
  });

  it('bad nonce: 403 JSON in step 1, SSE `event: error` in step 2', async () => {
    const res = await post({
      action: 'aipkit_cache_sse_message',
      _ajax_nonce: '0000000000',
      bot_id: '5',
      message: 'hi',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      success: false,
      data: {
        message:
          'Your session has expired or the request is invalid. Please refresh the page and try again.',
        code: 'nonce_failure_cache_sse',
      },
    });
    const q = new URLSearchParams({
      action: 'aipkit_frontend_chat_stream',
      cache_key: 'aipkit_sse_x',
      _ajax_nonce: '0000000000',
      bot_id: '5',
    });
    const stream = await fetch(`${ajax()}?${q}`);
    expect(stream.status).toBe(200);
    const events = sseEvents(await stream.text());
    expect(events.map((e) => e.event)).toEqual(['error', 'done']);
    expect(JSON.parse(events[0]!.data)).toEqual({
      error: 'Security check failed. Please refresh the page and try again.',
    });
  });

  it('a cache key works once', async () => {
    const nonce = String((await config())['nonce']);
    const step1 = (await (
      await post({
        action: 'aipkit_cache_sse_message',
        _ajax_nonce: nonce,
        bot_id: '5',
        message: 'once',
      })
    ).json()) as { data: { cache_key: string } };
    const q = new URLSearchParams({
      action: 'aipkit_frontend_chat_stream',
      cache_key: step1.data.cache_key,
      _ajax_nonce: nonce,
      bot_id: '5',
    });
    await (await fetch(`${ajax()}?${q}`)).text();
    const again = sseEvents(await (await fetch(`${ajax()}?${q}`)).text());
    expect(again.map((e) => e.event)).toEqual(['error', 'done']);
  });

  it('the legacy action is 400 "0"; the nonce refresh action gives a working nonce', async () => {
    const legacy = await post({
      action: 'wpaicg_chat_shortcode_message',
      _wpnonce: 'x',
      message: 'hi',
    });
    expect(legacy.status).toBe(400);
    expect(await legacy.text()).toBe('0');
    site.expireNonces();
    const fresh = (await (await post({ action: 'aipkit_get_frontend_chat_nonce' })).json()) as {
      success: boolean;
      data: { nonce: string };
    };
    expect(fresh.success).toBe(true);
    expect(deltas(await turn(fresh.data.nonce, 'refreshed', 'conv-3'))).toMatch(
      /^ECHO\[n=2\]: refreshed/,
    );
  });

  it('upstream errors are `event: error` frames with an err- id', async () => {
    site.configure({ faults: { upstreamError: true } });
    const nonce = String((await config())['nonce']);
    const body = await turn(nonce, 'fail please', 'conv-4');
    expect(body).toMatch(/event: error\nid: err-\d+\ndata: \{"error":"Rate limit reached/);
    expect(sseEvents(body).at(-1)!.event).toBe('done');
  });
});

// The local test site over real HTTP: pages, the G4 chat exchange, memory, nonces, the JSON bot,
// admin-ajax edge cases, the request log and the control endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSite, type TestSite } from '../site/server';
import {
  chatFields,
  form,
  getPage,
  legacyTokens,
  readChunks,
  searchNonce,
  sseEvents,
  streamedText,
  type PageTokens,
} from '../site/probe';

let site: TestSite;
const ajax = (): string => `${site.url}/wp-admin/admin-ajax.php`;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  site.configure({ generation: 'G4', faults: {}, reply: null, stream: true, nonceLifeSec: 86400 });
  site.clearLog();
});

async function tokens(url = site.pages.shortcode, root?: string): Promise<PageTokens> {
  const t = legacyTokens(await getPage(url), root);
  if (!t) throw new Error(`no chat root on ${url}`);
  return t;
}

async function post(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(ajax(), { method: 'POST', body: form(fields), headers });
}

describe('pages', () => {
  it('shortcode page carries the real root attributes, in the real order', async () => {
    const html = await getPage(site.pages.shortcode);
    const t = legacyTokens(html)!;
    expect(t.nonce).toMatch(/^[0-9a-f]{10}$/);
    expect(t).toMatchObject({
      postId: '9',
      botId: '0',
      url: site.url,
      type: 'shortcode',
      streamNav: '1',
    });
    // Public scrapers rely on these four attributes being consecutive lines (protocol §8).
    expect(html).toMatch(
      /data-nonce="\w+"\n\s+data-post-id="9"\n\s+data-url="[^"]+"\n\s+data-bot-id="0"\n/,
    );
    expect(html).toContain('data-memory-limit = "100"');
    expect(searchNonce(html)).toBe(t.nonce);
  });

  it('the widget on every chat page has the 1.9.18 stray "<" before the post id', async () => {
    const html = await getPage(site.pages.shortcode);
    const w = legacyTokens(html, 'wpaicg-chatbox')!;
    expect(w.postId).toBe('<9');
    expect(w.type).toBe('widget');
  });

  it('custom bot page, widget-only page, params-only page and a page without chat', async () => {
    const plain = await tokens(site.pages.plain);
    expect(plain).toMatchObject({
      postId: '10',
      botId: '4',
      streamNav: '0',
      url: `${site.url}/plain`,
    });

    const widgetHtml = await getPage(site.pages.widget);
    expect(legacyTokens(widgetHtml)).toBeNull();
    expect(legacyTokens(widgetHtml, 'wpaicg-chatbox')?.postId).toBe('<11');

    const params = await getPage(site.pages.paramsOnly);
    expect(params).not.toContain('wpaicg-chat-shortcode"');
    expect(params).not.toContain('class="wpaicg-chatbox');
    expect(searchNonce(params)).toMatch(/^[0-9a-f]{10}$/);

    const about = await getPage(site.pages.nonChat);
    expect(about).not.toContain('wpaicg');
    expect(about).toContain('<title>About');
  });

  it('unknown paths are 404 pages', async () => {
    const res = await fetch(`${site.url}/no-such-page/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  });

  it('pads pages and delays them when asked (benchmarks)', async () => {
    site.configure({ pagePaddingKb: 110, pageRenderDelayMs: 60 });
    const t0 = Date.now();
    const html = await getPage(site.pages.shortcode);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(110 * 1024);
    expect(legacyTokens(html)?.postId).toBe('9');
    site.configure({ pagePaddingKb: 0, pageRenderDelayMs: 0 });
  });
});

describe('G4 chat turn', () => {
  it('streams OpenAI chunks in several pieces over time, ending with [DONE]', async () => {
    const t = await tokens();
    const res = await post(chatFields(t, 'Hello site, first turn', { chat_id: '31337' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const { chunks, times } = await readChunks(res);
    expect(chunks.length).toBeGreaterThan(5);
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThan(0);
    const body = Buffer.concat(chunks).toString('utf8');
    const events = sseEvents(body);
    expect(events[events.length - 1]!.data).toBe('[DONE]');
    const first = JSON.parse(events[0]!.data) as {
      object: string;
      choices: { delta: { role: string } }[];
    };
    expect(first.object).toBe('chat.completion.chunk');
    expect(first.choices[0]!.delta.role).toBe('assistant');
    const text = streamedText(body);
    expect(text.startsWith('ECHO[n=2]: Hello site, first turn\n')).toBe(true);
    expect(text).toContain('```js');
    expect(text).toContain('"double quotes"');
    expect(text).toMatch(/é.*ж.*🙂/s);
    expect(text).toContain('[model=gpt-4o-mini]');
  });

  it('counts history: Human/AI entries reach the model (n=4)', async () => {
    const t = await tokens();
    const history = JSON.stringify([
      { id: '', text: 'Human: Hello' },
      { id: 1, text: 'AI: A first answer without quotes.' },
    ]);
    const res = await post(chatFields(t, 'Second turn', { wpaicg_chat_history: history }));
    expect(streamedText(await res.text())).toMatch(/^ECHO\[n=4\]: Second turn/);
  });

  it('drops the whole history when an entry holds an escaped quote (backslashes stripped)', async () => {
    const t = await tokens();
    const history = JSON.stringify([
      { id: '', text: 'Human: Hello' },
      { id: 1, text: 'AI: He said "hi" to me.' },
    ]);
    expect(history).toContain('\\"');
    const res = await post(chatFields(t, 'Third turn', { wpaicg_chat_history: history }));
    expect(streamedText(await res.text())).toMatch(/^ECHO\[n=2\]: Third turn/);
  });

  it('plain-string history entries count too; a non-array is ignored', async () => {
    const t = await tokens();
    const res = await post(
      chatFields(t, 'x', { wpaicg_chat_history: '["Human: a","AI: b","Human: c","AI: d"]' }),
    );
    expect(streamedText(await res.text())).toMatch(/^ECHO\[n=6\]/);
    const res2 = await post(chatFields(t, 'y', { wpaicg_chat_history: '{"text":"Human: a"}' }));
    expect(streamedText(await res2.text())).toMatch(/^ECHO\[n=2\]/);
  });

  it('history objects without text are a PHP 8 fatal error (500)', async () => {
    const t = await tokens();
    const res = await post(
      chatFields(t, 'x', { wpaicg_chat_history: '[{"role":"user","content":"hi"}]' }),
    );
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('critical error');
  });

  it('answers JSON when the shortcode does not stream', async () => {
    site.configure({ stream: false });
    const html = await getPage(site.pages.shortcode);
    expect(legacyTokens(html)?.streamNav).toBe('0');
    const res = await post(chatFields(legacyTokens(html)!, 'Hi'));
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const json = (await res.json()) as { status: string; data: string };
    expect(json.status).toBe('success');
    expect(json.data).toMatch(/^ECHO\[n=2\]: Hi/);
  });

  it('bot_id: a post that is no bot runs with defaults and JSON; a missing post falls back', async () => {
    const t = await tokens();
    const notABot = await post(chatFields({ ...t, botId: '10' }, 'Hi'));
    expect(notABot.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(((await notABot.json()) as { data: string }).data).toMatch(/^ECHO\[n=2\]: Hi/);
    const missing = await post(chatFields({ ...t, botId: '999' }, 'Hi'));
    expect(missing.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    await missing.text();
  });

  it('the widget-only page chats through the widget action with its (stripped) post id', async () => {
    const w = legacyTokens(await getPage(site.pages.widget), 'wpaicg-chatbox')!;
    const fields = chatFields(w, 'Hello widget');
    expect(fields).toMatchObject({
      action: 'wpaicg_chatbox_message',
      post_id: '11',
      chatbot_identity: 'widget',
    });
    const res = await post(fields);
    expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    expect(streamedText(await res.text())).toMatch(/^ECHO\[n=2\]: Hello widget/);
  });

  it('the `reply` option makes every answer exactly that text', async () => {
    site.configure({ reply: '<img src=x onerror=alert(1)> **bold** `code`' });
    const t = await tokens();
    const res = await post(chatFields(t, 'anything'));
    expect(streamedText(await res.text())).toBe('<img src=x onerror=alert(1)> **bold** `code`');
  });
});

describe('custom bot 4 (JSON)', () => {
  it('answers the wp_send_json shape; log is a number first, then a numeric string', async () => {
    const t = await tokens(site.pages.plain);
    const fields = chatFields(t, 'Hello plain bot', { wpaicg_chat_client_id: 'LogTest001' });
    const res = await post(fields);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const raw = await res.text();
    expect(raw).toContain('\\u00e9'); // wp_json_encode escapes non-ASCII
    const json = JSON.parse(raw) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['status', 'msg', 'greeting_message', 'data', 'log']);
    expect(json).toMatchObject({ status: 'success', msg: 'Something went wrong' });
    expect(json['greeting_message']).toContain('Current context: "Plain\n');
    expect(json['greeting_message']).toContain(
      'Additional context: You are a helpful AI Assistant.',
    );
    expect(json['data']).toMatch(/^ECHO\[n=2\]: Hello plain bot/);
    expect(typeof json['log']).toBe('number');
    const again = (await (await post(fields)).json()) as Record<string, unknown>;
    expect(again['log']).toBe(String(json['log']));
  });

  it('accepts a multipart body, like the plugin’s own XHR', async () => {
    const t = await tokens(site.pages.plain);
    const fd = new FormData();
    const history = JSON.stringify([
      { id: '', text: 'Human: Hello plain bot' },
      { id: '', text: 'AI: Plain answer.' },
    ]);
    for (const [k, v] of Object.entries(
      chatFields(t, 'Second plain turn', { wpaicg_chat_history: history }),
    ))
      fd.append(k, v);
    const res = await fetch(ajax(), { method: 'POST', body: fd });
    const json = (await res.json()) as { data: string };
    expect(json.data).toMatch(/^ECHO\[n=4\]: Second plain turn/);
    expect(site.log.at(-1)!.contentType).toMatch(/^multipart\/form-data/);
    expect(site.log.at(-1)!.form['message']).toBe('Second plain turn');
  });
});

describe('nonces', () => {
  it('a bad nonce is HTTP 403 text/html "The link you followed has expired."', async () => {
    const t = await tokens();
    const res = await post(chatFields({ ...t, nonce: '0000000000' }, 'hi'));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await res.text()).toBe('The link you followed has expired.');
  });

  it('with a same-site Referer the 403 adds a retry link', async () => {
    const res = await post(
      { _wpnonce: '0000000000', action: 'wpaicg_chat_shortcode_message', message: 'hi' },
      { Referer: `${site.url}/` },
    );
    expect(await res.text()).toBe(
      `The link you followed has expired.</p><p><a href="${site.url}/">Please try again.</a>`,
    );
  });

  it('expireNonces() invalidates issued nonces; a fresh page has a working one', async () => {
    const old = await tokens();
    site.expireNonces();
    expect((await post(chatFields(old, 'hi'))).status).toBe(403);
    const fresh = await tokens();
    expect(fresh.nonce).not.toBe(old.nonce);
    expect((await post(chatFields(fresh, 'hi'))).status).toBe(200);
  });

  it('nonces die after their life (valid for their tick and the previous one)', async () => {
    site.configure({ nonceLifeSec: 2 });
    const t = await tokens();
    expect((await post(chatFields(t, 'hi'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await post(chatFields(t, 'hi'))).status).toBe(403);
  });

  it('wpaicgParams.search_nonce works for the shortcode and the widget action alike', async () => {
    const nonce = searchNonce(await getPage(site.pages.paramsOnly))!;
    for (const action of ['wpaicg_chat_shortcode_message', 'wpaicg_chatbox_message']) {
      const res = await post({ _wpnonce: nonce, action, message: 'hi', bot_id: '0' });
      expect(res.status).toBe(200);
      await res.text();
    }
  });
});

describe('admin-ajax edge cases', () => {
  it('a JSON request body is not understood: 400 "0"', async () => {
    const t = await tokens();
    const res = await fetch(ajax(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        action: 'wpaicg_chat_shortcode_message',
        _wpnonce: t.nonce,
        message: 'hi',
      }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await res.text()).toBe('0');
  });

  it('an unknown action is 400 "0"', async () => {
    const res = await post({ action: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('0');
  });

  it('an empty message is a JSON error even where the chat streams', async () => {
    const t = await tokens();
    const res = await post(chatFields(t, ''));
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await res.json()).toEqual({
      status: 'error',
      msg: 'It appears that nothing was inputted.',
    });
  });

  it('G4 reads $_POST only: fields in the query string give "nothing inputted"', async () => {
    const t = await tokens();
    const res = await fetch(`${ajax()}?${form(chatFields(t, 'hi'))}`);
    expect(await res.json()).toEqual({
      status: 'error',
      msg: 'It appears that nothing was inputted.',
    });
  });
});

describe('request log and control endpoint', () => {
  it('logs every request with method, path, query, form, status and headers', async () => {
    const t = await tokens();
    await (await post(chatFields(t, 'logged'), { 'X-Probe': 'yes' })).text();
    const entry = site.log.find((e) => e.path === '/wp-admin/admin-ajax.php')!;
    expect(entry).toMatchObject({
      method: 'POST',
      status: 200,
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    });
    expect(entry.form['message']).toBe('logged');
    expect(entry.headers['x-probe']).toBe('yes');
    expect(site.log[0]!.path).toBe('/');
    expect(site.log[0]!.method).toBe('GET');
  });

  it('POST /__control configures and GET /__log returns the log', async () => {
    const res = await fetch(`${site.url}/__control`, {
      method: 'POST',
      body: JSON.stringify({ configure: { generation: 'G5' }, clearLog: true }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    expect(await getPage(site.pages.shortcode)).toContain('aipkit_chat_container');
    const log = (await (await fetch(`${site.url}/__log`)).json()) as { path: string }[];
    expect(log.map((e) => e.path)).toEqual(['/']);
    const before =
      (await tokens(site.pages.shortcode, 'wpaicg-chat-shortcode').catch(() => null)) ?? null;
    expect(before).toBeNull();
    await fetch(`${site.url}/__control`, {
      method: 'POST',
      body: JSON.stringify({ configure: { generation: 'G4' } }),
    });
    const t = await tokens();
    await fetch(`${site.url}/__control`, {
      method: 'POST',
      body: JSON.stringify({ expireNonces: true }),
    });
    expect((await post(chatFields(t, 'hi'))).status).toBe(403);
  });
});

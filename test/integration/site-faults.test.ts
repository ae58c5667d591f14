// Every switchable fault of the local test site, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSite, type SiteFaults, type TestSite } from '../site/server';
import {
  chatFields,
  form,
  getPage,
  legacyTokens,
  readChunks,
  sseEvents,
  streamedText,
  type PageTokens,
} from '../site/probe';

let site: TestSite;
let shortcode: PageTokens;
let plain: PageTokens;
const ajax = (): string => `${site.url}/wp-admin/admin-ajax.php`;

beforeAll(async () => {
  site = await startSite();
  shortcode = legacyTokens(await getPage(site.pages.shortcode))!;
  plain = legacyTokens(await getPage(site.pages.plain))!;
});
afterAll(async () => {
  await site.close();
});
beforeEach(() => {
  site.configure({ generation: 'G4', faults: {}, reply: null, stream: true });
});

function faults(f: SiteFaults): void {
  site.configure({ faults: f });
}

const ask = (t: PageTokens, message = 'Hello faults', signal?: AbortSignal): Promise<Response> =>
  fetch(ajax(), { method: 'POST', body: form(chatFields(t, message)), signal });

describe('timing faults', () => {
  it('firstByteDelayMs holds the reply head back', async () => {
    faults({ firstByteDelayMs: 300 });
    const t0 = Date.now();
    const res = await ask(shortcode);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(res.status).toBe(200);
    await res.text();
  });

  it('chunkDelayMs spaces the streamed frames', async () => {
    faults({ chunkDelayMs: 40 });
    const t0 = Date.now();
    const { chunks } = await readChunks(await ask(shortcode));
    // 15+ frames, 40 ms apart: at least half a second in total.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500);
    expect(chunks.length).toBeGreaterThan(10);
  });

  it('stall sends the head and the first frame, then nothing', async () => {
    faults({ stall: true });
    const ctl = new AbortController();
    const res = await ask(shortcode, 'stall me', ctl.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('"role":"assistant"');
    const next = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((r) => setTimeout(() => r('silence'), 400)),
    ]);
    expect(next).toBe('silence');
    ctl.abort();
  });

  it('stall on a JSON bot: a partial body that never ends', async () => {
    faults({ stall: true });
    const ctl = new AbortController();
    const res = await ask(plain, 'stall me', ctl.signal);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"status":"success"/);
    const next = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((r) => setTimeout(() => r('silence'), 400)),
    ]);
    expect(next).toBe('silence');
    ctl.abort();
  });

  it('dropMidStream cuts the connection after part of the stream', async () => {
    faults({ dropMidStream: true });
    const res = await ask(shortcode);
    const reader = res.body!.getReader();
    let text = '';
    let error: unknown = null;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch (e) {
      error = e;
    }
    expect(error).not.toBeNull();
    expect(text).toContain('"role":"assistant"');
    expect(text).not.toContain('[DONE]');
  });
});

describe('error pages and garbage', () => {
  for (const status of [500, 502, 503] as const) {
    it(`httpError ${status}: an HTML error page on admin-ajax, pages still work`, async () => {
      faults({ httpError: status });
      const res = await ask(shortcode);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(`<title>${status}`);
      expect((await fetch(site.pages.shortcode)).status).toBe(200);
    });
  }

  for (const status of [403, 503] as const) {
    it(`challenge ${status}: pages and ajax answer "Just a moment..."`, async () => {
      faults({ challenge: status });
      for (const res of [await fetch(site.pages.shortcode), await ask(shortcode)]) {
        expect(res.status).toBe(status);
        expect(res.headers.get('cf-mitigated')).toBe('challenge');
        expect(res.headers.get('server')).toBe('cloudflare');
        expect(await res.text()).toContain('<title>Just a moment...</title>');
      }
    });
  }

  it('garbage: the usual content type, a body of random bytes', async () => {
    faults({ garbage: true });
    const res = await ask(shortcode);
    expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    const body = await res.text();
    expect(body).not.toContain('data: {');
    const json = await ask(plain);
    expect(json.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    await expect(json.json()).rejects.toThrow();
  });
});

describe('content faults', () => {
  it('hugeReply: a ~10 MB answer, streamed or as JSON', async () => {
    faults({ hugeReply: true });
    const sse = await (await ask(shortcode)).text();
    expect(Buffer.byteLength(sse)).toBeGreaterThan(10 * 1024 * 1024);
    expect(sse.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(streamedText(sse).length).toBeGreaterThan(9 * 1024 * 1024);
    const json = (await (await ask(plain)).json()) as { data: string };
    expect(json.data.length).toBeGreaterThan(9 * 1024 * 1024);
  });

  it('invalidUtf8: invalid bytes inside the answer', async () => {
    faults({ invalidUtf8: true });
    for (const t of [shortcode, plain]) {
      const bytes = new Uint8Array(await (await ask(t)).arrayBuffer());
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    }
  });

  it('splitMultibyte: chunk boundaries fall inside multi-byte characters', async () => {
    faults({ splitMultibyte: true, chunkDelayMs: 20 });
    const { chunks } = await readChunks(await ask(shortcode));
    const broken = chunks.filter((c) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(c);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.length).toBeGreaterThan(0);
    const whole = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    expect(streamedText(whole)).toMatch(/é.*ж.*🙂/s);
  });
});

describe('plugin-level faults', () => {
  it('emptyStream: 200 text/event-stream with an empty body; a JSON bot gets the cURL error', async () => {
    faults({ emptyStream: true });
    const res = await ask(shortcode);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream;charset=UTF-8');
    expect(await res.text()).toBe('');
    const json = (await (await ask(plain)).json()) as { status: string; msg: string };
    expect(json.status).toBe('error');
    expect(json.msg).toMatch(/^cURL error 7:/);
  });

  it('upstreamError: per-word `event: message` frames and a finish_reason frame, no [DONE]', async () => {
    faults({ upstreamError: true });
    const body = await (await ask(shortcode)).text();
    const events = sseEvents(body);
    expect(events.filter((e) => e.event === 'message').length).toBeGreaterThan(10);
    expect(body).toContain('data: {"choices":[{"finish_reason":"stop"}]}');
    expect(body).not.toContain('[DONE]');
    expect(streamedText(body)).toMatch(/^Rate limit reached for gpt-4o-mini/);
    const json = (await (await ask(plain)).json()) as { status: string; msg: string; log: boolean };
    expect(json).toMatchObject({ status: 'error', log: false });
    expect(json.msg).toMatch(/^Rate limit reached/);
  });

  it('quota: the tokenLimitReached SSE frame alone, or the JSON', async () => {
    faults({ quota: true });
    const body = await (await ask(shortcode)).text();
    expect(body).toBe(
      'data: {"msg":"You have reached your token limit.","tokenLimitReached":true}\n\n',
    );
    expect(await (await ask(plain)).json()).toEqual({
      msg: 'You have reached your token limit.',
      tokenLimitReached: true,
    });
  });

  it('bannedWord: a messageFlagged frame, then the normal stream; JSON bots refuse', async () => {
    faults({ bannedWord: 'forbidden' });
    const body = await (await ask(shortcode, 'a Forbidden word')).text();
    const events = sseEvents(body);
    expect(JSON.parse(events[0]!.data)).toEqual({
      msg: 'Your message contains prohibited words. Please modify your message and try again.',
      messageFlagged: true,
    });
    expect(events.at(-1)!.data).toBe('[DONE]');
    expect(streamedText(body)).toMatch(/^ECHO\[n=2\]: a Forbidden word/);
    const clean = await (await ask(shortcode, 'forbiddenness is fine')).text();
    expect(clean).not.toContain('messageFlagged');
    const json = (await (await ask(plain, 'forbidden')).json()) as { status: string };
    expect(json.status).toBe('error');
  });

  it('the guest quota of bot 5 refuses the second turn of a client', async () => {
    const t = legacyTokens(await getPage(site.pages.limited))!;
    const fields = { ...chatFields(t, 'turn 1'), wpaicg_chat_client_id: 'QuotaT0001' };
    const first = (await (await fetch(ajax(), { method: 'POST', body: form(fields) })).json()) as {
      status: string;
    };
    expect(first.status).toBe('success');
    const second = await (
      await fetch(ajax(), { method: 'POST', body: form({ ...fields, message: 'turn 2' }) })
    ).json();
    expect(second).toEqual({ msg: 'You have reached your token limit.', tokenLimitReached: true });
    const other = (await (
      await fetch(ajax(), {
        method: 'POST',
        body: form({ ...fields, wpaicg_chat_client_id: 'QuotaT0002' }),
      })
    ).json()) as { status: string };
    expect(other.status).toBe('success');
  });

  it('faults are replaced, not merged, by configure()', async () => {
    faults({ quota: true });
    site.configure({ faults: {} });
    const body = await (await ask(shortcode)).text();
    expect(body).toContain('[DONE]');
  });
});

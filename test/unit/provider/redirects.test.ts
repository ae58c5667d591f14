/**
 * Redirects as a browser's fetch shows them (issue 22, item 1): `redirect: 'manual'` gives an
 * opaque redirect with no Location, so the page's target is read by one cookieless probe; the
 * chat stays on the configured origin, and cached tokens naming another origin are not used.
 */
import { describe, expect, it } from 'vitest';
import { ChatError, ChatGptt, memoryTokenCache, type SiteTokens } from '../../../src/provider';
import { captureText } from './captures';

const SITE = 'https://a.example/chat';

interface Call {
  method: string;
  url: string;
  redirect: RequestRedirect | undefined;
  credentials: RequestCredentials | undefined;
}

/** What a browser's fetch returns for `redirect: 'manual'`: no status, no Location. */
function opaqueRedirect(): Response {
  return {
    type: 'opaqueredirect',
    status: 0,
    headers: new Headers(),
    body: null,
    url: '',
  } as unknown as Response;
}

function withUrl(response: Response, url: string): Response {
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

const page = () =>
  new Response(captureText('a-01-get-front.html'), {
    status: 200,
    headers: { 'content-type': 'text/html; charset=UTF-8' },
  });
const answer = () =>
  new Response(
    'data: {"choices":[{"index":0,"delta":{"content":"hi there"},"finish_reason":null}]}\n\n' +
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
    { status: 200, headers: { 'content-type': 'text/event-stream;charset=UTF-8' } },
  );

/** A browser-like site: `/chat` redirects to `finalUrl`; the page and admin-ajax answer. */
function browserSite(finalUrl: string) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({
      method: init?.method ?? 'GET',
      url,
      redirect: init?.redirect,
      credentials: init?.credentials,
    });
    if (url === SITE) {
      if (init?.redirect === 'manual') return opaqueRedirect();
      return withUrl(page(), finalUrl); // the browser followed the chain
    }
    if (url === finalUrl && init?.method === 'GET') return page();
    if (url.endsWith('/wp-admin/admin-ajax.php')) return answer();
    throw new Error(`unexpected ${url}`);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function run(fetch: typeof globalThis.fetch, tokenCache = memoryTokenCache()) {
  let text = '';
  try {
    for await (const piece of ChatGptt.createAsyncGenerator(
      'gpt-4o',
      [{ role: 'user', content: 'hello' }],
      { site: SITE, fetch, tokenCache },
    ))
      text += piece;
  } catch (error) {
    if (error instanceof ChatError) return { text, error };
    throw error;
  }
  return { text, error: undefined };
}

describe('redirects seen through a browser fetch', () => {
  it('an opaque same-origin redirect: one cookieless probe, then the page on its real address', async () => {
    const site = browserSite('https://a.example/chat/');
    const outcome = await run(site.fetch);
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('hi there');
    expect(site.calls.map((c) => [c.url, c.redirect, c.credentials])).toEqual([
      [SITE, 'manual', 'include'],
      [SITE, 'follow', 'omit'],
      ['https://a.example/chat/', 'manual', 'include'],
      // The page names ajax_url on 127.0.0.1: not its origin, so the page's own origin is used.
      ['https://a.example/wp-admin/admin-ajax.php', 'manual', 'include'],
    ]);
  });

  it('an opaque redirect to another origin: an error naming both hosts, no chat request', async () => {
    const site = browserSite('https://evil.example/');
    const outcome = await run(site.fetch);
    expect(outcome.error?.kind).toBe('not-a-chat-site');
    expect(outcome.error?.message).toMatch(/a\.example redirected to evil\.example/);
    expect(site.calls.filter((c) => c.method === 'POST')).toEqual([]);
    // The probe never carried cookies; nothing was fetched with them but the configured page.
    expect(site.calls.filter((c) => c.credentials === 'include').map((c) => c.url)).toEqual([SITE]);
  });
});

describe('the token cache', () => {
  it('tokens cached for this site that name another origin are dropped and read again', async () => {
    const tokenCache = memoryTokenCache();
    const poisoned: SiteTokens = {
      generation: 'G4',
      pageUrl: 'https://evil.example/',
      ajaxUrl: 'https://evil.example/wp-admin/admin-ajax.php',
      nonce: 'x',
      postId: '1',
      botId: '0',
      chatType: 'shortcode',
      url: 'https://evil.example',
      memoryLimit: 10,
      streamHint: true,
      fetchedAt: 0,
    };
    await tokenCache.set(new URL(SITE).href, poisoned);
    const calls: string[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url === SITE) return withUrl(page(), SITE);
      if (url.startsWith('https://evil.example')) throw new Error('must not be asked');
      return answer();
    }) as typeof globalThis.fetch;
    const outcome = await run(fetch, tokenCache);
    expect(outcome.error).toBeUndefined();
    expect(calls.some((c) => c.includes('evil.example'))).toBe(false);
    expect(calls[0]).toBe(`GET ${SITE}`);
  });
});

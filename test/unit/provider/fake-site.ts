/** A fetch that answers from captures: the page for GETs of the page, scripted replies otherwise. */
import { captureResponse, captureText, responseOf } from './captures';

export interface Call {
  method: string;
  url: string;
  body: URLSearchParams | undefined;
}

export type Reply = string | (() => Response);

/** Serves `page` (a capture .html) for the site URL and the replies in order for the rest. */
export function fakeSite(page: string, replies: Reply[], site = 'http://127.0.0.1:8081/') {
  const calls: Call[] = [];
  const queue = [...replies];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? new URLSearchParams(init.body) : undefined;
    calls.push({ method, url, body });
    if (method === 'GET' && url === site) {
      return new Response(captureText(page), {
        status: 200,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
      });
    }
    const next = queue.shift();
    if (next === undefined) throw new Error(`no scripted reply for ${method} ${url}`);
    return typeof next === 'string' ? responseOf(captureResponse(next)) : next();
  }) as typeof globalThis.fetch;
  return { fetch, calls, site };
}

/**
 * Redirects of a chat site (issue 22, item 1). A site the user added may only send us to its own
 * origin. The page GET follows same-origin redirects (WordPress's canonical trailing slash) by
 * hand, at most MAX_HOPS, so from Node no request ever reaches another origin; a redirect to
 * another origin is an error naming both hosts, never followed for the chat. Chat requests
 * (admin-ajax) follow no redirect at all: the message is never re-sent to where a site points.
 */
import { ChatError } from './errors';
import { siteFetch, type RequestGuard, type SiteFetchOptions } from './http';

export const MAX_HOPS = 5;

/** A redirect as `redirect: 'manual'` hands it over: a 3xx with a Location (Node) or opaque (browsers). */
export function isRedirect(response: Response): boolean {
  if (response.type === 'opaqueredirect') return true;
  return response.status >= 300 && response.status < 400 && response.headers.has('location');
}

function locationOf(response: Response, from: URL): URL | undefined {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    return new URL(location, from);
  } catch {
    return undefined;
  }
}

function crossOrigin(from: URL, to: URL): ChatError {
  return new ChatError(
    'not-a-chat-site',
    `${from.host} redirected to ${to.host}. ChatGptt only talks to the site you added; if the chat is on ${to.host}, add it by that address (${to.href}).`,
    { detail: `${from.href} → ${to.href}` },
  );
}

/** A chat request answered with a redirect: an error, never followed. */
export function refuseRedirect(response: Response, url: string): void {
  if (!isRedirect(response)) return;
  const from = new URL(url);
  const to = locationOf(response, from);
  void response.body?.cancel().catch(() => undefined);
  throw new ChatError(
    'protocol',
    `${from.host} answered the chat request with a redirect${to === undefined ? '' : ` to ${to.host}`}; ChatGptt follows none there.`,
    { status: response.status, detail: to === undefined ? from.href : `${from.href} → ${to.href}` },
  );
}

/**
 * Where an opaque redirect (browsers show no Location to `redirect: 'manual'`) leads: the chain is
 * followed once without cookies, only to read its final address; nothing of that page is used.
 */
async function revealTarget(
  from: URL,
  init: RequestInit,
  guard: RequestGuard,
  http: SiteFetchOptions,
): Promise<URL> {
  const probe = await siteFetch(
    from.href,
    { ...init, redirect: 'follow', credentials: 'omit' },
    guard,
    http,
  );
  void probe.body?.cancel().catch(() => undefined);
  return new URL(probe.url || from.href);
}

/** GETs the chat page, following same-origin redirects only; the response and its final URL. */
export async function fetchPage(
  url: string,
  init: RequestInit,
  guard: RequestGuard,
  http: SiteFetchOptions,
): Promise<{ response: Response; url: string }> {
  const start = new URL(url);
  let current = start;
  for (let hop = 0; ; hop++) {
    const response = await siteFetch(current.href, { ...init, redirect: 'manual' }, guard, http);
    if (!isRedirect(response)) return { response, url: current.href };
    void response.body?.cancel().catch(() => undefined);
    if (hop >= MAX_HOPS)
      throw new ChatError('protocol', `${start.host} redirected more than ${MAX_HOPS} times.`, {
        detail: start.href,
      });
    const target =
      response.type === 'opaqueredirect'
        ? await revealTarget(current, init, guard, http)
        : locationOf(response, current);
    if (target === undefined)
      throw new ChatError('protocol', `${start.host} sent an unreadable redirect.`, {
        detail: start.href,
      });
    if (target.origin !== start.origin) throw crossOrigin(start, target);
    if (response.type === 'opaqueredirect' && target.href === current.href)
      throw new ChatError('protocol', `${start.host} redirected to itself.`, {
        detail: start.href,
      });
    current = target;
  }
}

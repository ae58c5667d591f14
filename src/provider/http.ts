/**
 * The network seam: one fetch per site request, with a small cookie jar, the proxy, timeouts
 * and abort. Only fetch, AbortController and streams, so it runs in the service worker too.
 *
 * Cookies: browsers send and store them themselves (`credentials: 'include'`), which keeps the
 * page GET and the POST in the same session (a logged-in user's nonce is bound to it; G1 keeps
 * memory in cookies). Node's fetch has no jar, so Set-Cookie values are kept here per origin and
 * sent back; in browsers `getSetCookie()` returns nothing and a `Cookie` header is ignored, so the
 * same code does the right thing in both.
 */
import { ChatError } from './errors';
import { networkError } from './network-cause';

export type FetchLike = typeof fetch;

const jars = new Map<string, Map<string, string>>();

/**
 * The cookie size RFC 6265 asks every client to keep, and what browsers keep: a longer cookie
 * (G1's memory after a long turn) is dropped, as Chromium and Firefox drop it, rather than sent
 * back in a request header the site's server refuses (Apache: 8,190 bytes a header field).
 */
export const COOKIE_MAX_BYTES = 4096;
/** Chromium's limit on a reply's headers; Node's fetch stops at 16 KiB (`--max-http-header-size`). */
export const REPLY_HEADERS_MAX_BYTES = 256 * 1024;

function cookieHeader(url: URL): string | undefined {
  const jar = jars.get(url.origin);
  if (jar === undefined || jar.size === 0) return undefined;
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function storeCookies(url: URL, headers: Headers): void {
  const list = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
  if (list.length === 0) return;
  let jar = jars.get(url.origin);
  if (jar === undefined) jars.set(url.origin, (jar = new Map()));
  for (const line of list) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [key = '', val = ''] = a.split('=').map((s) => s.trim());
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(val) < Date.now();
      return false;
    });
    const tooLong = new TextEncoder().encode(pair).byteLength > COOKIE_MAX_BYTES;
    if (expired || tooLong || value === '' || value === 'deleted') jar.delete(name);
    else jar.set(name, value);
  }
}

/** Forgets the cookies kept for an origin (tests; a "log out" of the site). */
export function clearCookies(origin?: string): void {
  if (origin === undefined) jars.clear();
  else jars.delete(origin);
}

interface Undici {
  Agent: new (options: { maxHeaderSize: number }) => object;
  ProxyAgent: new (options: { uri: string; maxHeaderSize: number }) => object;
  fetch: (input: string, init: Record<string, unknown>) => Promise<Response>;
}

/**
 * undici, loaded only in Node by a specifier bundlers do not follow, so the extension's bundle
 * never contains it. Null where it cannot be loaded (a browser).
 */
async function loadUndici(): Promise<Undici | null> {
  const specifier = 'undici';
  return import(/* @vite-ignore */ specifier).then(
    (module) => module as Undici,
    () => null,
  );
}

function fetchThrough(undici: Undici, dispatcher: object): FetchLike {
  const viaDispatcher = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    undici.fetch(String(input instanceof Request ? input.url : input), { ...init, dispatcher });
  return viaDispatcher as FetchLike;
}

const proxyFetches = new Map<string, Promise<FetchLike>>();

/** A fetch that goes through an HTTP proxy (CONNECT for https), from undici's ProxyAgent. */
function proxiedFetch(proxy: string): Promise<FetchLike> {
  let cached = proxyFetches.get(proxy);
  if (cached === undefined) {
    cached = (async () => {
      const undici = await loadUndici();
      if (undici === null)
        throw new ChatError('network', 'A proxy needs Node.js and the undici package.');
      return fetchThrough(
        undici,
        new undici.ProxyAgent({ uri: proxy, maxHeaderSize: REPLY_HEADERS_MAX_BYTES }),
      );
    })();
    cached.catch(() => proxyFetches.delete(proxy));
    proxyFetches.set(proxy, cached);
  }
  return cached;
}

let nodeFetch: Promise<FetchLike> | undefined;

/**
 * The fetch without a proxy. In Node, undici's with a browser's header limit: Node's own stops
 * at 16 KiB of reply headers, which one long G1 turn's Set-Cookie passes (the turn reached the
 * model, yet its answer could not be read). Elsewhere, and if undici is missing, the global one.
 */
function directFetch(): Promise<FetchLike> {
  const host = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  const inNode = typeof host?.versions?.node === 'string';
  if (!inNode) return Promise.resolve(globalThis.fetch);
  nodeFetch ??= loadUndici().then((undici) =>
    undici === null
      ? globalThis.fetch
      : fetchThrough(undici, new undici.Agent({ maxHeaderSize: REPLY_HEADERS_MAX_BYTES })),
  );
  return nodeFetch;
}

export interface RequestGuardOptions {
  signal?: AbortSignal | undefined;
  firstByteTimeoutMs: number;
  idleTimeoutMs: number;
}

/**
 * Aborts one request when the caller aborts, when the first byte is late, or when the body goes
 * silent; and says which of these it was.
 */
export class RequestGuard {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut: ChatError | undefined;
  private readonly onCallerAbort = (): void => this.controller.abort(this.options.signal?.reason);

  constructor(private readonly options: RequestGuardOptions) {
    if (options.signal?.aborted) this.controller.abort(options.signal.reason);
    else options.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Starts the wait for the first byte. */
  waitFirstByte(): void {
    this.arm(this.options.firstByteTimeoutMs, 'The site sent nothing for');
  }

  /** A chunk arrived: the silence clock starts again. */
  chunk(): void {
    this.arm(this.options.idleTimeoutMs, 'The site went silent for');
  }

  private arm(ms: number, what: string): void {
    this.clearTimer();
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.timer = setTimeout(() => {
      this.timedOut = new ChatError('timeout', `${what} ${Math.round(ms / 100) / 10} s.`);
      this.controller.abort(this.timedOut);
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.options.signal?.removeEventListener('abort', this.onCallerAbort);
  }

  /** Any failure during the request, as the ChatError it really is. */
  explain(cause: unknown, url?: string): ChatError {
    if (this.timedOut !== undefined) return this.timedOut;
    if (this.options.signal?.aborted) return new ChatError('aborted', 'Stopped.', { cause });
    if (cause instanceof ChatError) return cause;
    return networkError(cause, url); // names the cause: "Could not connect to x (…)"
  }
}

export interface SiteFetchOptions {
  proxy?: string | undefined;
  fetch?: FetchLike | undefined;
}

/** One request to the site: cookies in and out, the guard's signal, failures explained. */
export async function siteFetch(
  url: string,
  init: RequestInit,
  guard: RequestGuard,
  options: SiteFetchOptions,
): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const cookies = cookieHeader(target);
  if (cookies !== undefined) headers.set('cookie', cookies);
  try {
    const doFetch =
      options.fetch ?? (await (options.proxy ? proxiedFetch(options.proxy) : directFetch()));
    guard.waitFirstByte();
    const response = await doFetch(url, {
      ...init,
      headers,
      credentials: init.credentials ?? 'include',
      // Redirects are the caller's to judge (redirects.ts): a chat site may not send us elsewhere.
      redirect: init.redirect ?? 'manual',
      signal: guard.signal,
    });
    storeCookies(target, response.headers);
    return response;
  } catch (cause) {
    throw guard.explain(cause, url);
  }
}

/** The body as chunks; every chunk re-arms the silence timer; stops reading on abort. */
export async function* bodyChunks(
  response: Response,
  guard: RequestGuard,
): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  let done = false;
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        throw guard.explain(cause);
      }
      if (result.done) {
        done = true;
        return;
      }
      guard.chunk();
      if (guard.signal.aborted) throw guard.explain(guard.signal.reason);
      yield result.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** A whole text body (pages, JSON), at most `limit` bytes. */
export async function bodyText(
  response: Response,
  guard: RequestGuard,
  limit = 8 * 1024 * 1024,
): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let size = 0;
  for await (const chunk of bodyChunks(response, guard)) {
    size += chunk.byteLength;
    if (size > limit)
      throw new ChatError('protocol', `The site's reply is larger than ${limit} bytes.`);
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

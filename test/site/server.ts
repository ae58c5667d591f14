// A local WordPress + AI Power stand-in for tests, benchmarks and the offline demo.
// Pages at /, /plain/, /widget/, /params-only/, /about/ (and /limited/, /limited-stream/);
// the chat endpoint at /wp-admin/admin-ajax.php; control at POST /__control and GET /__log.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AJAX_PATH, handleAjax } from './ajax';
import { PAGES, pageByPath } from './catalog';
import {
  PASS_CHECK_PATH,
  challengeReply,
  clearanceChallengeReply,
  hasClearance,
  httpErrorReply,
  passCheckReply,
} from './fault-pages';
import { parseForm, readBody } from './http-input';
import { NonceBook, NONCE_ACTIONS } from './nonce';
import {
  newState,
  resolveOptions,
  DEFAULT_CHUNK_DELAY_MS,
  type AjaxContext,
  type ResolvedOptions,
  type SiteOptions,
} from './options';
import { notFoundReply, pageReply } from './pages';
import { sendReply, sleep } from './wire';

export type { SiteFaults, SiteGeneration, SiteOptions } from './options';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  form: Record<string, string>;
  status: number;
  at: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestSite {
  url: string; // http://127.0.0.1:PORT  (shortcode chat page at url + '/')
  port: number; // where it listens (differs from url when publicUrl is set)
  pages: {
    shortcode: string;
    plain: string;
    widget: string;
    paramsOnly: string;
    nonChat: string;
  } & SitePagesExtra; // absolute URLs
  log: RequestLogEntry[]; // every request, in order
  configure(patch: Partial<SiteOptions>): void; // change generation/faults/reply/... at runtime
  expireNonces(): void; // every nonce issued so far becomes invalid (rotate the secret)
  clearLog(): void;
  close(): Promise<void>;
}

/**
 * Pages beyond the required five (additions): the guest-quota bots 5 (JSON) and 6 (SSE), and
 * the multi-bot page (issue 16).
 */
export interface SitePagesExtra {
  limited: string;
  limitedStream: string;
  bots: string;
}

/** Body of POST /__control. */
export interface ControlRequest {
  configure?: Partial<SiteOptions>;
  expireNonces?: true;
  clearLog?: true;
}

export async function startSite(options: SiteOptions = {}): Promise<TestSite> {
  let opts: ResolvedOptions = resolveOptions(options);
  const nonces = new NonceBook(opts.nonceLifeSec);
  const state = newState();
  const log: RequestLogEntry[] = [];
  let base = '';
  let widgetSeq = 100000 + Math.floor(Math.random() * 800000);

  const configure = (patch: Partial<SiteOptions>): void => {
    opts = resolveOptions(patch, opts);
    nonces.setLife(opts.nonceLifeSec);
  };

  const pageUrls = (): TestSite['pages'] => {
    const at = (key: string): string => base + (PAGES.find((p) => p.key === key)?.path ?? '/');
    return {
      shortcode: at('shortcode'),
      plain: at('plain'),
      widget: at('widget'),
      paramsOnly: at('paramsOnly'),
      nonChat: at('nonChat'),
      limited: at('limited'),
      limitedStream: at('limitedStream'),
      bots: at('bots'),
    };
  };

  async function handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ): Promise<void> {
    if (req.method === 'POST') {
      let cmd: ControlRequest;
      try {
        cmd = JSON.parse(body.toString('utf8') || '{}') as ControlRequest;
      } catch {
        res
          .writeHead(400, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: 'invalid JSON' }));
        return;
      }
      if (cmd.configure) configure(cmd.configure);
      if (cmd.expireNonces) nonces.rotate();
      if (cmd.clearLog) log.length = 0;
    }
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ ok: true, url: base, pages: pageUrls(), options: opts }));
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    url: URL,
  ): Promise<void> {
    const faults = opts.faults;
    if (faults.challenge) return sendReply(res, challengeReply(faults.challenge), {}, 0);
    if (faults.clearance) {
      if (url.pathname === PASS_CHECK_PATH)
        return sendReply(res, passCheckReply(url.searchParams.get('return')), {}, 0);
      if (!hasClearance(req.headers.cookie)) {
        // A page in a tab gets the step a person takes; the chat's own requests get the plain page.
        const page = req.method === 'GET' && url.pathname !== AJAX_PATH;
        return sendReply(
          res,
          page ? clearanceChallengeReply(url.pathname + url.search) : challengeReply(503),
          {},
          0,
        );
      }
    }

    if (url.pathname === AJAX_PATH) {
      if (faults.httpError) {
        const delay = { firstByteDelayMs: faults.firstByteDelayMs };
        return sendReply(res, httpErrorReply(faults.httpError), delay, 0);
      }
      const ctx: AjaxContext = {
        method: req.method ?? 'GET',
        query: entry.query,
        form: entry.form,
        headers: req.headers,
        base,
        options: opts,
        nonces,
        state,
      };
      return sendReply(res, handleAjax(ctx), faults, DEFAULT_CHUNK_DELAY_MS);
    }

    const page =
      req.method === 'GET' || req.method === 'HEAD' ? pageByPath(url.pathname) : undefined;
    if (opts.pageRenderDelayMs) await sleep(opts.pageRenderDelayMs);
    if (!page) return sendReply(res, notFoundReply(base), {}, 0);
    const pageContext = {
      base,
      generation: opts.generation,
      stream: opts.stream,
      chatNonce: nonces.create(NONCE_ACTIONS.chat),
      imageNonce: nonces.create(NONCE_ACTIONS.image),
      aipkitNonce: nonces.create(NONCE_ACTIONS.aipkit),
      widgetId: widgetSeq++,
      paddingKb: opts.pagePaddingKb,
    };
    return sendReply(res, pageReply(pageContext, page), {}, 0);
  }

  const handler: RequestListener = (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base || 'http://127.0.0.1');
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        res.writeHead(413).end();
        return;
      }
      if (url.pathname === '/__control' || url.pathname === '/__log') {
        if (url.pathname === '/__log') {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(log));
          return;
        }
        return handleControl(req, res, body);
      }
      const entry: RequestLogEntry = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers['content-type'],
        form: await parseForm(body, req.headers['content-type']),
        status: 0,
        at: Date.now(),
        headers: { ...req.headers },
      };
      log.push(entry);
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        entry.status = args[0] as number;
        return writeHead(...args);
      }) as typeof res.writeHead;
      try {
        await route(req, res, entry, url);
      } catch (err) {
        if (!res.headersSent)
          res
            .writeHead(500, { 'Content-Type': 'text/plain' })
            .end(`test site error: ${String(err)}`);
        else res.destroy();
      }
    })();
  };
  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  base =
    options.publicUrl ??
    `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;

  return {
    url: base,
    port: addr.port,
    pages: pageUrls(),
    log,
    configure,
    expireNonces: () => nonces.rotate(),
    clearLog: () => {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled replies never end by themselves.
        server.closeAllConnections();
      }),
  };
}

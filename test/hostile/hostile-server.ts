/**
 * A tiny hostile "WordPress" for the bad-reply suite: node:http on 127.0.0.1, port 0. Every case
 * of bad-replies.ts gets its own chat page at `/case/<name>/` whose chat root carries the case's
 * number as `data-post-id`; the POST to admin-ajax.php finds its case by that `post_id` and
 * answers with the case's bad reply. Shapes the local test site does not have (redirect loops,
 * resets before headers, lying Content-Length, 10 MB bodies…) are easy to write here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BAD_REPLIES, type BadReply } from './bad-replies';
import { chatPage } from './chat-page';

export { chatPage };

export interface HostileServer {
  origin: string;
  /**
   * A second origin served by the same cases (another port): where a hostile site redirects to.
   * A correct client never sends it anything for a site configured on `origin`.
   */
  otherOrigin: string;
  /** Every request received, in order, with the origin (listener) it reached. */
  requests: Array<{ origin: string; method: string; path: string }>;
  /** The page URL a client should use as `site` for a case. */
  pageOf(name: string): string;
  /** How many admin-ajax POSTs each case received. */
  posts: Map<string, number>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

export async function startHostileServer(
  cases: readonly BadReply[] = BAD_REPLIES,
): Promise<HostileServer> {
  const byName = new Map(cases.map((c, index) => [c.name, { c, id: index + 1 }]));
  const byId = new Map(cases.map((c, index) => [index + 1, c]));
  const posts = new Map<string, number>();
  const requests: HostileServer['requests'] = [];
  const sockets = new Set<Socket>();
  let origin = '';
  let otherOrigin = '';

  const listen = (which: () => string): Server => {
    const server = createServer((request, response) => {
      requests.push({ origin: which(), method: request.method ?? '', path: request.url ?? '' });
      void handle(request, response, which()).catch(() => response.destroy());
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return server;
  };
  const mainOrigin = (): string => origin;
  const server = listen(() => origin);
  const other = listen(() => otherOrigin);

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    origin: string,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const other = origin === mainOrigin() ? otherOrigin : mainOrigin();
    const pageMatch = /^\/case\/([^/]+)\/$/.exec(url.pathname);
    if (request.method === 'GET' && pageMatch) {
      const entry = byName.get(decodeURIComponent(pageMatch[1] ?? ''));
      if (!entry) return void response.writeHead(404).end('no such case');
      if (entry.c.page)
        return entry.c.page({ request, response, origin, other, url, id: entry.id });
      response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      response.end(chatPage(entry.id, origin, url.pathname));
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/loop/')) {
      // A redirect loop for the cases that need one.
      response.writeHead(302, { location: url.pathname }).end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/wp-admin/admin-ajax.php') {
      const fields = new URLSearchParams(await readBody(request));
      const c = byId.get(Number(fields.get('post_id')));
      if (!c) return void response.writeHead(400, { 'content-type': 'text/html' }).end('0');
      posts.set(c.name, (posts.get(c.name) ?? 0) + 1);
      if (!c.reply) return void response.writeHead(500).end('case has no reply');
      return c.reply({
        request,
        response,
        origin,
        other,
        url,
        fields,
        id: Number(fields.get('post_id')),
      });
    }
    response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  }

  const start = async (s: Server): Promise<string> => {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };
  origin = await start(server);
  otherOrigin = await start(other);
  return {
    origin,
    otherOrigin,
    requests,
    pageOf: (name) => `${origin}/case/${encodeURIComponent(name)}/`,
    posts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        [server, other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
}

/**
 * A forward proxy that stands in for DNS and ports: Firefox has no `--host-resolver-rules`, so a
 * PAC file sends the release tier's made-up hosts here and this proxy connects each `host:port`
 * to the local server that plays it (CONNECT tunnels for https, absolute URIs for http). The TLS
 * stays end to end between Firefox and the test site. Anything not in the map is refused.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface MappingProxy {
  port: number;
  /** A `data:` PAC URL that sends only the mapped hosts through this proxy. */
  pacUrl: string;
  /** Every `host:port` asked for, in order (refused ones too). */
  seen: string[];
  close(): Promise<void>;
}

/** `map` is "host:port" → the local port that answers for it on 127.0.0.1. */
export async function startMappingProxy(map: Record<string, number>): Promise<MappingProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    const wanted = `${target.hostname}:${target.port || '80'}`;
    seen.push(wanted);
    const port = map[wanted];
    if (port === undefined) {
      res.writeHead(403).end(`not mapped: ${wanted}`);
      return;
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: target.pathname + target.search,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const wanted = req.url ?? '';
    seen.push(wanted);
    const port = map[wanted];
    if (port === undefined) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const hosts = [...new Set(Object.keys(map).map((key) => key.split(':')[0]))];
  const pac = `function FindProxyForURL(url, host) { return ${JSON.stringify(hosts)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${port}" : "DIRECT"; }`;
  return {
    port,
    pacUrl: `data:application/x-ns-proxy-autoconfig,${encodeURIComponent(pac)}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An HTTPS front for the local test site (a self-signed certificate for 127.0.0.1 made with
 * openssl), so that `proxy` can be tested with CONNECT to an https site. Clients trust it
 * through NODE_EXTRA_CA_CERTS (a child process) and nothing else.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSigned } from '../self-signed';

export interface TlsFront {
  url: string;
  certFile: string;
  close(): Promise<void>;
}

export async function startTlsFront(target: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'chatgptt-tls-'));
  const { key, cert, certFile } = selfSigned(dir, '127.0.0.1');
  const upstream = new URL(target);
  const server = createServer({ key, cert }, (req, res) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    certFile,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        // The certificate's folder goes with the front (tests pass certFile to the CLI).
        rmSync(dir, { recursive: true, force: true });
        server.close(() => resolve());
      }),
  };
}

/**
 * A tiny static server for the sidebar's E2E pages, started inside the tests on 127.0.0.1 and a
 * free port. `csp.html` is served with `Content-Security-Policy: default-src 'none'`,
 * `no-clipboard.html` with `Permissions-Policy: clipboard-write=()`;
 * `report.pdf` is a real one-page PDF (pdf.ts).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { smallPdf } from './pdf';

const DIR = import.meta.dirname;
const HEADERS: Record<string, Record<string, string>> = {
  '/csp.html': { 'content-security-policy': "default-src 'none'" },
  // A page that refuses the Clipboard API to itself and every frame in it.
  '/no-clipboard.html': { 'permissions-policy': 'clipboard-write=()' },
};

export interface PagesServer {
  url: string;
  close(): Promise<void>;
}

export async function startPages(): Promise<PagesServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(smallPdf());
      return;
    }
    if (!path.endsWith('.html') || path.includes('..')) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(DIR, path))
      .then((body) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...HEADERS[path] });
        res.end(body);
      })
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

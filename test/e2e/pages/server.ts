/**
 * A tiny static server for the sidebar's E2E pages, started inside the tests on 127.0.0.1 and a
 * free port. `csp.html` is served with `Content-Security-Policy: default-src 'none'`,
 * `no-clipboard.html` with `Permissions-Policy: clipboard-write=()`;
 * `report.pdf` is a real one-page PDF (pdf.ts), `harbour.pdf` one of three pages with a title,
 * `scanned.pdf` pages with no text, `download?file=harbour` the three-page PDF at an address
 * without .pdf, `broken.pdf` an HTML error page at a .pdf address that says it is a PDF;
 * `long-article.html` an article of about
 * 50 000 characters (five messages' worth), made up here; `/watch?v=…` a YouTube-like watch
 * page with its captions at `/api/timedtext` (youtube.ts).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { pagedPdf, smallPdf, textlessPdf } from './pdf';
import { serveYoutube } from './youtube';

const DIR = import.meta.dirname;
const HEADERS: Record<string, Record<string, string>> = {
  '/csp.html': { 'content-security-policy': "default-src 'none'" },
  // A page that refuses the Clipboard API to itself and every frame in it.
  '/no-clipboard.html': { 'permissions-policy': 'clipboard-write=()' },
};

const PDFS: Record<string, () => Buffer> = {
  '/report.pdf': () => smallPdf(),
  '/harbour.pdf': () => pagedPdf(),
  '/scanned.pdf': () => textlessPdf(),
  '/download': () => pagedPdf(),
};

export interface PagesServer {
  url: string;
  close(): Promise<void>;
}

export async function startPages(): Promise<PagesServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    const pdf = PDFS[path];
    if (pdf) {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf());
      return;
    }
    if (path === '/broken.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('<h1>Not found</h1>');
      return;
    }
    // A YouTube-like watch page and its caption track (youtube.ts).
    if (serveYoutube(req, res)) return;
    if (path === '/long-article.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(longArticle());
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

/** A made-up long article: 16 sections of 10 paragraphs, each paragraph naming its place. */
export function longArticle(): string {
  const sections = Array.from({ length: 16 }, (_, s) => {
    const paragraphs = Array.from(
      { length: 10 },
      (_, p) =>
        `<p>Section ${s + 1}, paragraph ${p + 1}: the keepers of the northern light logged the ` +
        `weather at dusk and dawn, trimmed the wicks, wound the clockwork that turned the lens, ` +
        `and wrote down every ship that passed, its flag and its heading, in a book that ` +
        `the harbour board read once a month. Winter ${1850 + s * 6 + p} was the hardest.</p>`,
    ).join('\n');
    return `<h2>Section ${s + 1}: The year of the ${['fog', 'gale', 'ice', 'wreck'][s % 4]}</h2>\n${paragraphs}`;
  }).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Long Watch: A History of the Northern Light</title></head>
<body><header><nav><a href="/">Home</a> <a href="/subscribe">Subscribe</a></nav></header>
<article><h1>The Long Watch: A History of the Northern Light</h1>
${sections}
</article><footer>Privacy · Cookies</footer></body></html>`;
}

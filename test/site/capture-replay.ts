// Reading the shared captures: the curl command of `*.request.txt` and the raw `*.http` response.
import { request as httpRequest } from 'node:http';

/** Split a shell command line into words (backslash escapes, single and double quotes). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) i++;
        cur += line[i++];
      }
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export interface CurlRequest {
  method: string;
  url: string;
  headers: [string, string][];
  /** `--data-urlencode` / `-d` fields (urlencoded body, or the query with -G). */
  fields: [string, string][];
  /** `-F` fields (multipart body). */
  multipart: [string, string][];
  /** `--data` with a raw (non key=value) body, e.g. JSON. */
  raw: string | null;
  get: boolean;
}

export function parseCurl(line: string): CurlRequest {
  const w = shellWords(line.trim());
  if (w[0] !== 'curl') throw new Error(`not a curl command: ${line}`);
  const req: CurlRequest = {
    method: '',
    url: '',
    headers: [],
    fields: [],
    multipart: [],
    raw: null,
    get: false,
  };
  const kv = (s: string): [string, string] => {
    const eq = s.indexOf('=');
    return [s.slice(0, eq), s.slice(eq + 1)];
  };
  for (let i = 1; i < w.length; i++) {
    const a = w[i]!;
    if (a === '-X') req.method = w[++i]!;
    else if (a === '-G') req.get = true;
    else if (a === '-H') {
      const h = w[++i]!;
      const colon = h.indexOf(':');
      req.headers.push([h.slice(0, colon).trim(), h.slice(colon + 1).trim()]);
    } else if (a === '--data-urlencode') req.fields.push(kv(w[++i]!));
    else if (a === '-F') req.multipart.push(kv(w[++i]!));
    else if (a === '--data' || a === '-d' || a === '--data-raw') req.raw = w[++i]!;
    else if (a.startsWith('http')) req.url = a;
    else throw new Error(`unsupported curl option ${a}`);
  }
  if (!req.method)
    req.method =
      req.get || (!req.fields.length && !req.multipart.length && req.raw === null) ? 'GET' : 'POST';
  return req;
}

export interface RawResponse {
  status: number;
  /** Header lines in order, names as sent. */
  headers: [string, string][];
  body: Buffer;
  /** How many separate pieces the body arrived in (1 for a capture file). */
  pieces: number;
}

export function header(r: RawResponse, name: string): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** Parse a captured `.http` file (status line, CRLF headers, blank line, body as received). */
export function parseHttpFile(bytes: Buffer): RawResponse {
  // Ajax captures use CRLF header lines; the page captures were saved with LF.
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  const [sep, gap] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
  const head = bytes.subarray(0, sep).toString('latin1').split(/\r?\n/);
  const status = Number(head[0]!.split(' ')[1]);
  const headers = head.slice(1).map((l): [string, string] => {
    const c = l.indexOf(':');
    return [l.slice(0, c), l.slice(c + 1).trim()];
  });
  return { status, headers, body: bytes.subarray(sep + gap), pieces: 1 };
}

/** Send a request with node:http so the raw header lines (framing included) are visible. */
export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | null,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({
            status: res.statusCode ?? 0,
            headers: pairs,
            body: Buffer.concat(chunks),
            pieces: chunks.length,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Build the body a curl request would send (urlencoded, multipart or raw). */
export async function curlBody(
  req: CurlRequest,
): Promise<{ body: Buffer | null; contentType: string | null }> {
  if (req.get) return { body: null, contentType: null };
  if (req.multipart.length) {
    const fd = new FormData();
    for (const [k, v] of req.multipart) fd.append(k, v);
    const r = new Request('http://x/', { method: 'POST', body: fd });
    return { body: Buffer.from(await r.arrayBuffer()), contentType: r.headers.get('content-type') };
  }
  if (req.fields.length) {
    return {
      body: Buffer.from(new URLSearchParams(req.fields).toString()),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (req.raw !== null)
    return { body: Buffer.from(req.raw), contentType: 'application/x-www-form-urlencoded' };
  return { body: null, contentType: null };
}

/** The shape of an SSE body, with the text taken out: one token per event, runs collapsed. */
export function sseShape(body: string): string[] {
  const shapes: string[] = [];
  for (const block of body.split('\n\n')) {
    if (!block) continue;
    if (block.startsWith(':')) {
      shapes.push(`comment(${block.length})`);
      continue;
    }
    const lines = block.split('\n');
    const name = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '';
    const hasId = lines.some((l) => l.startsWith('id: '));
    const data = lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '';
    let dataShape: string;
    if (data === '[DONE]') dataShape = '[DONE]';
    else {
      try {
        dataShape = jsonShape(JSON.parse(data));
      } catch {
        dataShape = 'text';
      }
    }
    const token = `${name ? `event:${name} ` : ''}${hasId ? 'id ' : ''}${dataShape}`;
    if (shapes[shapes.length - 1] !== token && shapes[shapes.length - 1] !== token + '+')
      shapes.push(token);
    else if (shapes[shapes.length - 1] === token) shapes[shapes.length - 1] = token + '+';
  }
  return shapes;
}

/** Keys and value types of a JSON value, recursively (values themselves left out). */
export function jsonShape(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonShape).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}:${jsonShape(x)}`)
      .join(',')}}`;
  }
  return v === null ? 'null' : typeof v;
}

/** From a `.timing.tsv`: seconds between the first and the last body line (streaming spreads them). */
export function bodySpread(tsv: string): number {
  const lines = tsv.split('\n').filter(Boolean);
  const blank = lines.findIndex((l) => l.split('\t')[1] === '');
  const times = lines.slice(blank + 1).map((l) => Number(l.trim().split('\t')[0]));
  return times.length ? Math.max(...times) - Math.min(...times) : 0;
}

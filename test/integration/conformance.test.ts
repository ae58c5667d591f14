// Replays every shared capture's request against the local test site and compares what matters
// to a client: status, content type, framing, JSON/SSE shape and error texts. Ids, timestamps and
// the model's answer text are left aside. Where the site and a capture disagree, the capture wins.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type SiteOptions, type TestSite } from '../site/server';
import {
  bodySpread,
  curlBody,
  header,
  jsonShape,
  parseCurl,
  parseHttpFile,
  send,
  sseShape,
  type CurlRequest,
  type RawResponse,
} from '../site/capture-replay';
import { aipkitConfig, legacyTokens, rootAttributes, searchNonce } from '../site/probe';

const DIR = new URL('../fixtures/captures/', import.meta.url);
const CAPTURED_SITES = ['http://127.0.0.1:8081', 'http://127.0.0.1:8082'];
const CAPTURED_NONCES = ['32387aba2d', 'befeb1ef53'];
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.request.txt'))
  .map((f) => f.replace(/\.request\.txt$/, ''))
  .sort();

const read = (name: string): Buffer => readFileSync(new URL(name, DIR));

/** What a capture needs set up on the site before its request is replayed. */
interface Recipe {
  options?: Partial<SiteOptions>;
  /** Send the same request with this message first (e.g. the quota's first turn). */
  warmUp?: string;
}
const RECIPES: Record<string, Recipe> = {
  'a-13-limited-turn2': { warmUp: 'Quota turn 1' },
  'a-13-limited-stream-turn2': { warmUp: 'Quota turn 1' },
  'a-27-upstream-down-sse': { options: { faults: { emptyStream: true } } },
};

let legacy: TestSite;
let aipkit: TestSite;
let legacyNonce = '';
let aipkitNonce = '';
let lastCacheKey = '';

beforeAll(async () => {
  legacy = await startSite({ generation: 'G4' });
  aipkit = await startSite({ generation: 'G5' });
  legacyNonce = legacyTokens(await (await fetch(legacy.pages.shortcode)).text())!.nonce;
  aipkitNonce = String(aipkitConfig(await (await fetch(aipkit.pages.shortcode)).text())!['nonce']);
});
afterAll(async () => {
  await Promise.all([legacy.close(), aipkit.close()]);
});

/** Replace the captured site's address and tokens with this site's. */
function localize(value: string, site: TestSite): string {
  let v = value;
  for (const s of CAPTURED_SITES) v = v.split(s).join(site.url);
  if (CAPTURED_NONCES.includes(v)) v = site === legacy ? legacyNonce : aipkitNonce;
  if (/^aipkit_sse_/.test(v) && lastCacheKey) v = lastCacheKey;
  return v;
}

async function replay(req: CurlRequest, site: TestSite, message?: string): Promise<RawResponse> {
  const local: CurlRequest = {
    ...req,
    url: localize(req.url, site),
    headers: req.headers.map(([k, v]) => [k, localize(v, site)]),
    fields: req.fields.map(([k, v]) => [
      k,
      k === 'message' && message !== undefined ? message : localize(v, site),
    ]),
    multipart: req.multipart.map(([k, v]) => [k, localize(v, site)]),
    raw: req.raw === null ? null : req.raw.split(CAPTURED_NONCES[0]!).join(legacyNonce),
  };
  let url = local.url;
  if (local.get && local.fields.length) url += '?' + new URLSearchParams(local.fields).toString();
  const { body, contentType } = await curlBody(local);
  const headers: Record<string, string> = {};
  if (contentType) headers['Content-Type'] = contentType;
  for (const [k, v] of local.headers) headers[k] = v;
  return send(url, local.method, headers, body);
}

const framing = (r: RawResponse): string =>
  header(r, 'transfer-encoding') === 'chunked'
    ? 'chunked'
    : header(r, 'content-length') !== undefined
      ? 'length'
      : 'close';

/** JSON compared by shape, plus the exact texts a client shows or branches on. */
function compareJson(mine: string, theirs: string): void {
  const a = JSON.parse(mine) as Record<string, unknown>;
  const b = JSON.parse(theirs) as Record<string, unknown>;
  expect(jsonShape(a)).toBe(jsonShape(b));
  if (b['status'] !== 'success') expect(a['msg']).toEqual(b['msg']);
  expect(a['status']).toEqual(b['status']);
  expect(a['success']).toEqual(b['success']);
  const errData = b['data'] as { message?: string; code?: string } | undefined;
  if (b['success'] === false) expect(a['data']).toEqual(errData);
  for (const flag of ['tokenLimitReached', 'messageFlagged']) expect(a[flag]).toEqual(b[flag]);
  if (typeof b['greeting_message'] === 'string')
    expect(a['greeting_message']).toBe(b['greeting_message']);
}

/** The answer's first line, `ECHO[n=<messages>]: <message>`, from a JSON or SSE body (or null). */
function echoHead(body: string): string | null {
  let text = '';
  if (body.startsWith('{')) {
    const json = JSON.parse(body) as { data?: unknown };
    if (typeof json.data === 'string') text = json.data;
  } else {
    for (const m of body.matchAll(/^data: (\{.*\})$/gm)) {
      try {
        const o = JSON.parse(m[1]!) as {
          delta?: string;
          choices?: { delta?: { content?: string } }[];
        };
        text += o.delta ?? o.choices?.[0]?.delta?.content ?? '';
      } catch {
        // unparseable frames (raw error words) carry no answer
      }
    }
  }
  return /^ECHO\[n=\d+\]: [^\n]*/.exec(text)?.[0] ?? null;
}

/** SSE compared by the sequence of event shapes, plus flag and error texts. */
function compareSse(mine: string, theirs: string): void {
  expect(sseShape(mine)).toEqual(sseShape(theirs));
  // Framing: LF line ends, one blank line after every event, the body ends like the capture's.
  expect(mine.includes('\r')).toBe(theirs.includes('\r'));
  expect(mine.includes('\n\n\n')).toBe(theirs.includes('\n\n\n'));
  expect(mine.slice(-2)).toBe(theirs.slice(-2));
  const texts = (body: string): string[] =>
    body
      .split('\n')
      .filter((l) => /^data: \{"(msg|error)"/.test(l))
      .map((l) => l.slice(6));
  expect(texts(mine)).toEqual(texts(theirs));
  // Per-word upstream error frames: the same words, in the same order.
  const words = (body: string): string =>
    [
      ...body.matchAll(
        /^event: message\ndata: \{"choices":\[\{"delta":\{"content":"([^\n]*)"\}\}\]\}$/gm,
      ),
    ]
      .map((m) => m[1])
      .join('');
  expect(words(mine)).toBe(words(theirs));
  const comment = (body: string): string | undefined =>
    body.split('\n').find((l) => l.startsWith(':'));
  expect(comment(mine)).toBe(comment(theirs));
}

/** Page captures: same roots, same attribute names in the same order, same non-token values. */
function comparePage(name: string, mine: string, theirs: string, site: TestSite): void {
  for (const root of ['wpaicg-chat-shortcode', 'wpaicg-chatbox']) {
    const a = rootAttributes(mine, root);
    const b = rootAttributes(theirs, root);
    expect(a === null, `${name}: ${root} present`).toBe(b === null);
    if (!a || !b) continue;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const [k, v] of Object.entries(b)) {
      if (k === 'data-nonce') expect(a[k]).toMatch(/^[0-9a-f]{10}$/);
      else expect(a[k], `${name} ${root} ${k}`).toBe(localize(v, site));
    }
  }
  const paramsA = searchNonce(mine);
  expect(paramsA === null).toBe(searchNonce(theirs) === null);
  const ca = aipkitConfig(mine);
  const cb = aipkitConfig(theirs);
  expect(ca === null).toBe(cb === null);
  if (ca && cb) {
    expect(Object.keys(ca)).toEqual(Object.keys(cb));
    for (const k of Object.keys(cb)) {
      if (k === 'nonce') expect(ca[k]).toMatch(/^[0-9a-f]{10}$/);
      else if (k === 'ajaxUrl') expect(ca[k]).toBe(`${site.url}/wp-admin/admin-ajax.php`);
      else if (k !== 'postId') expect(ca[k], `data-config ${k}`).toEqual(cb[k]);
    }
  }
}

describe('conformance with the shared captures', () => {
  it('has a capture set to replay', () => {
    expect(names.length).toBeGreaterThanOrEqual(24);
  });

  for (const name of names) {
    it(name, async () => {
      const site = name.startsWith('b-') ? aipkit : legacy;
      const recipe = RECIPES[name] ?? {};
      site.configure({ faults: {}, ...recipe.options });
      const req = parseCurl(read(`${name}.request.txt`).toString('utf8'));
      const captured = parseHttpFile(read(`${name}.http`));
      if (recipe.warmUp) {
        const first = await replay(req, site, recipe.warmUp);
        expect(first.status).toBe(200);
      }
      const mine = await replay(req, site);
      site.configure({ faults: {} });

      expect(mine.status).toBe(captured.status);
      expect(header(mine, 'content-type')).toBe(header(captured, 'content-type'));
      expect(framing(mine)).toBe(framing(captured));
      for (const h of [
        'cache-control',
        'x-accel-buffering',
        'x-content-type-options',
        'pragma',
        'x-robots-tag',
        'expires',
      ]) {
        expect(header(mine, h), h).toBe(header(captured, h));
      }
      if (header(captured, 'connection') === 'close')
        expect(header(mine, 'connection')).toBe('close');

      // A capture whose body arrived over time (real streaming) must arrive in pieces here too.
      const timing = `${name}.timing.tsv`;
      if (
        names.includes(name) &&
        readdirSync(DIR).includes(timing) &&
        bodySpread(read(timing).toString('utf8')) > 0.1
      ) {
        expect(mine.pieces).toBeGreaterThan(2);
      }

      const a = mine.body.toString('utf8');
      const b = captured.body.toString('utf8');
      const type = header(captured, 'content-type') ?? '';
      if (type.startsWith('application/json')) compareJson(a, b);
      else if (type.startsWith('text/event-stream')) compareSse(a, b);
      else if (captured.status === 200) comparePage(name, a, b, site);
      else expect(a).toBe(localize(b, site));
      // The model saw as many messages as the captured one did (preamble, surviving history, turn).
      expect(echoHead(a), 'ECHO[n=…] line').toBe(echoHead(b));

      if (name === 'b-02-cache-sse-message')
        lastCacheKey = (JSON.parse(a) as { data: { cache_key: string } }).data.cache_key;
    });
  }
});

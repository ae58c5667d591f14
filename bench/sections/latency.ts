/**
 * Benchmark 1: time to first token and to done, against the local test site made realistic
 * (a ~110 KB page that takes ~60 ms to render, ~40 ms to the first byte of a reply).
 *   ours      ChatGptt.createAsyncGenerator with a shared memoryTokenCache (warm tokens: the page
 *             is fetched once, before timing, as the extension does per nonce lifetime)
 *   original  the g4f ChatGptt flow: GET page + regex + POST, on every message
 *   floor     a bare POST with known tokens
 * The three run interleaved (rotating order), so drift of a noisy machine hits all alike.
 */
import { ChatGptt, memoryTokenCache } from '../../src/provider/index';
import { floorPost } from '../clients/floor';
import { originalFlow, scrapeTokens } from '../clients/original-flow';
import type { Row, Section } from '../lib/report';
import { loadSite } from '../lib/site';
import { now, ratio, summarize, type Summary } from '../lib/stats';

interface Timing {
  firstToken: number;
  done: number;
  text: string;
}

async function time(pieces: AsyncGenerator<string>): Promise<Timing> {
  const start = now();
  let firstToken = Number.NaN;
  let text = '';
  for await (const piece of pieces) {
    if (Number.isNaN(firstToken)) firstToken = now() - start;
    text += piece;
  }
  return { firstToken, done: now() - start, text };
}

export async function latency(options: { messages: number }): Promise<Section> {
  const startSite = await loadSite();
  const site = await startSite({
    pagePaddingKb: 110,
    pageRenderDelayMs: 60,
    faults: { firstByteDelayMs: 40 },
  });
  const section: Section = {
    id: 'latency',
    title: '1. Time to first token and to done',
    method:
      `${options.messages} messages per client against the local test site (${site.pages.shortcode}: ~110 KB page, ` +
      `60 ms page render, 40 ms to the reply's first byte), interleaved. ours = ChatGptt.createAsyncGenerator with a ` +
      `shared memoryTokenCache (warm); original = GET page + regex + POST every message (g4f ChatGptt); floor = bare POST, known tokens.`,
    rows: [],
    checks: [],
  };
  try {
    const page = site.pages.shortcode;
    const tokenCache = memoryTokenCache();
    const ours = (message: string): AsyncGenerator<string> =>
      ChatGptt.createAsyncGenerator('', [{ role: 'user', content: message }], {
        site: page,
        tokenCache,
      });
    const tokens = await scrapeTokens(page);
    const clients: Record<
      'ours' | 'original' | 'floor',
      (message: string) => AsyncGenerator<string>
    > = {
      ours,
      original: (message) => originalFlow(page, message),
      floor: (message) => floorPost(page, tokens, message),
    };
    // Warm-up: fills our token cache and lets every path JIT once.
    for (const client of Object.values(clients)) await time(client('warm-up'));
    const names = Object.keys(clients) as Array<keyof typeof clients>;
    const samples = { ours: [] as Timing[], original: [] as Timing[], floor: [] as Timing[] };
    for (let i = 0; i < options.messages; i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length] as keyof typeof clients;
        samples[name].push(await time(clients[name](`Benchmark message ${i}`)));
      }
    }
    const first = (name: keyof typeof samples): Summary =>
      summarize(samples[name].map((s) => s.firstToken));
    const done = (name: keyof typeof samples): Summary =>
      summarize(samples[name].map((s) => s.done));
    const rows: Row[] = [
      {
        metric: 'first token, ours (warm tokens)',
        value: first('ours'),
        unit: 'ms',
        note: `ours/floor ${ratio(first('ours').median, first('floor').median)}, ours/original ${ratio(first('ours').median, first('original').median)}`,
      },
      { metric: 'first token, original flow', value: first('original'), unit: 'ms' },
      { metric: 'first token, floor', value: first('floor'), unit: 'ms' },
      {
        metric: 'done, ours (warm tokens)',
        value: done('ours'),
        unit: 'ms',
        note: `ours/floor ${ratio(done('ours').median, done('floor').median)}, ours/original ${ratio(done('ours').median, done('original').median)}`,
      },
      { metric: 'done, original flow', value: done('original'), unit: 'ms' },
      { metric: 'done, floor', value: done('floor'), unit: 'ms' },
    ];
    section.rows.push(...rows);
    const texts = new Set(
      Object.values(samples).flatMap((list) => list.map((s) => s.text.length > 0)),
    );
    section.checks?.push({
      name: 'every client got a non-empty answer every time',
      ok: texts.size === 1 && texts.has(true),
    });
  } finally {
    await site.close();
  }
  return section;
}

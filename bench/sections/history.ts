/**
 * Benchmark 6: history at scale. 1,000 conversations × 20 messages imported through the worker's
 * `conversations/import`, then, as round trips from an extension page to the worker: the first
 * page of the list, a search, opening one conversation. Bytes written per appended delta: the
 * worker's IndexedDB put/add calls are wrapped (sw.evaluate) to sum the JSON size of every record
 * written while one streamed answer of known deltas lands.
 */
import type { ExtensionHarness } from '../../test/e2e/harness';
import { askInPopup, request } from '../lib/chat';
import { setSettings } from '../lib/extension';
import type { Section } from '../lib/report';
import type { TestSite } from '../lib/site';
import { now, round, summarize } from '../lib/stats';

const WORDS =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon'.split(
    ' ',
  );

function makeBundle(conversations: number, perConversation: number): string {
  const start = Date.UTC(2026, 0, 1);
  const list = [];
  for (let c = 0; c < conversations; c++) {
    const id = `bench-conv-${c}`;
    const at = start + c * 60_000;
    const messages = [];
    for (let m = 0; m < perConversation; m++) {
      const words = Array.from(
        { length: 40 },
        (_, k) => WORDS[(c * 7 + m * 3 + k) % WORDS.length],
      ).join(' ');
      messages.push({
        id: `${id}-m${m}`,
        conversationId: id,
        role: m % 2 === 0 ? 'user' : 'assistant',
        text: `${m % 2 === 0 ? 'Question' : 'Answer'} ${m} of conversation ${c} (needle${c}): ${words}.`,
        status: 'done',
        seq: m,
        createdAt: at + m,
        updatedAt: at + m,
      });
    }
    list.push({
      id,
      title: `Conversation ${c} about ${WORDS[c % WORDS.length]}`,
      site: 'https://chatgptt.me/',
      model: 'gpt-4o',
      systemPrompt: '',
      createdAt: at,
      updatedAt: at + perConversation,
      messages,
    });
  }
  return JSON.stringify({
    format: 'chatgptt-export',
    version: 1,
    exportedAt: Date.now(),
    conversations: list,
  });
}

interface WriteCounters {
  bytes: Record<string, number>;
  records: Record<string, number>;
}

export async function historyBenchmark(
  harness: ExtensionHarness,
  site: TestSite,
  options: { conversations: number; runs: number },
): Promise<Section> {
  const page = await harness.openPage('popup/popup.html');
  await setSettings(page, { sites: [{ url: `${site.url}/` }], defaultSite: `${site.url}/` });
  const json = makeBundle(options.conversations, 20);
  let t = now();
  const imported = await request<{ conversations: number; messages: number }>(
    page,
    'conversations/import',
    { json },
  );
  const importMs = now() - t;

  const list: number[] = [];
  const search: number[] = [];
  const open: number[] = [];
  let listed = 0;
  let found = 0;
  for (let run = 0; run < options.runs; run++) {
    t = now();
    const first = await request<{ items: unknown[]; total: number }>(page, 'conversations/list', {
      offset: 0,
      limit: 30,
    });
    list.push(now() - t);
    listed = first.total;
    const needle = `needle${(run * 97) % options.conversations}`;
    t = now();
    const hits = await request<{ items: unknown[]; total: number }>(page, 'conversations/list', {
      query: needle,
      limit: 30,
    });
    search.push(now() - t);
    found = hits.total;
    t = now();
    await request(page, 'conversations/get', {
      id: `bench-conv-${(run * 131) % options.conversations}`,
    });
    open.push(now() - t);
  }

  // Bytes per appended delta: wrap IndexedDB writes in the worker, stream one answer.
  const reply = Array.from({ length: 200 }, (_, i) =>
    `piece ${String(i).padStart(3, '0')}`.padEnd(16),
  ).join(''); // the site streams 16 characters per delta
  site.configure({ reply, faults: { chunkDelayMs: 5 } });
  await page.reload();
  await page.getByRole('button', { name: 'New chat' }).click();
  const worker = await harness.worker();
  await worker.evaluate(() => {
    const g = globalThis as unknown as { __writes?: WriteCounters };
    if (g.__writes) return;
    const counters: WriteCounters = { bytes: {}, records: {} };
    g.__writes = counters;
    const proto = IDBObjectStore.prototype;
    for (const name of ['put', 'add'] as const) {
      const original = proto[name];
      proto[name] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        const size = JSON.stringify(value)?.length ?? 0;
        counters.bytes[this.name] = (counters.bytes[this.name] ?? 0) + size;
        counters.records[this.name] = (counters.records[this.name] ?? 0) + 1;
        return original.call(this, value, key);
      } as typeof original;
    }
  });
  const status = await askInPopup(page, 'stream 200 deltas');
  const writes = await worker.evaluate(
    () => (globalThis as unknown as { __writes?: WriteCounters }).__writes ?? null,
  );
  site.configure({ reply: null, faults: {} });
  await page.close();
  const deltas = 200;
  const totalBytes = writes ? Object.values(writes.bytes).reduce((a, b) => a + b, 0) : Number.NaN;
  const totalRecords = writes
    ? Object.values(writes.records).reduce((a, b) => a + b, 0)
    : Number.NaN;
  const byStore = writes
    ? Object.entries(writes.bytes)
        .map(([store, bytes]) => `${store} ${bytes} B/${writes.records[store]} records`)
        .join(', ')
    : 'not instrumented (worker restarted?)';
  return {
    id: 'history',
    title: '6. History at scale',
    method:
      `${imported.conversations} conversations × 20 messages (${imported.messages} messages, ${round(json.length / 2 ** 20, 1)} MiB JSON) imported through conversations/import in ${round(importMs, 0)} ms. ` +
      `Round trips from an extension page (chrome.runtime.sendMessage → worker → IndexedDB → reply), ${options.runs} runs each. ` +
      `Bytes written = JSON size of every IndexedDB put/add in the worker while one answer of ${deltas} deltas × 16 characters (${reply.length} characters) streamed (answer status: ${status}).`,
    rows: [
      {
        metric: 'first page of the list (30 of all)',
        value: summarize(list),
        unit: 'ms',
        note: `total listed ${listed}`,
      },
      {
        metric: 'search (title and message text)',
        value: summarize(search),
        unit: 'ms',
        note: `"needleN" matched ${found} conversation(s)`,
      },
      { metric: 'open one conversation (20 messages)', value: summarize(open), unit: 'ms' },
      {
        metric: 'bytes written per appended delta',
        value: totalBytes / deltas,
        unit: 'B',
        note: `${totalBytes} B in ${totalRecords} records for ${deltas} deltas of 16 characters: ${byStore}`,
      },
    ],
  };
}

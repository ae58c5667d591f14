/**
 * The library side of benchmark 6: MiniSearch over the same 10,000 conversations, in a plain
 * page of the same browser (the UMD build loaded as a script: global `MiniSearch`). What a
 * persisted library index costs: building it, serializing it (a write must persist it again,
 * or the next worker start rebuilds it), loading it (every worker start: MV3 workers stop
 * after 30 s idle), a search, and an incremental update of one conversation. Self-contained.
 */
import type { HistoryRecords } from './history-data';

export interface MiniSearchTrial {
  buildMs: number;
  serializeMs: number[];
  serializedBytes: number;
  loadMs: number[];
  search: Record<string, { ms: number[]; hits: number }>;
  updateMs: number[];
}

interface MiniSearchLike {
  addAll(docs: object[]): void;
  search(query: string, options?: object): Array<{ id: string }>;
  replace(doc: object): void;
  toJSON(): unknown;
}

export function miniSearchTrial(
  records: HistoryRecords,
  extra: { queries: string[]; runs: number },
): MiniSearchTrial {
  const Lib = (
    globalThis as unknown as {
      MiniSearch: (new (options: object) => MiniSearchLike) & {
        loadJSON(json: string, options: object): MiniSearchLike;
      };
    }
  ).MiniSearch;
  const texts = new Map<string, string[]>();
  for (const m of records.messages) {
    const list = texts.get(m.conversationId) ?? [];
    list.push(m.text);
    texts.set(m.conversationId, list);
  }
  const docs = records.conversations.map((c) => ({
    id: c.id,
    title: c.title,
    text: (texts.get(c.id) ?? []).join('\n'),
  }));
  const options = { fields: ['title', 'text'], idField: 'id' };
  const searchOptions = {
    combineWith: 'AND',
    prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
    boost: { title: 2 },
  };
  let t = performance.now();
  let index = new Lib(options);
  index.addAll(docs);
  const buildMs = performance.now() - t;
  const serializeMs: number[] = [];
  const loadMs: number[] = [];
  let json = '';
  for (let run = 0; run < 3; run++) {
    t = performance.now();
    json = JSON.stringify(index);
    serializeMs.push(performance.now() - t);
    t = performance.now();
    index = Lib.loadJSON(json, options);
    loadMs.push(performance.now() - t);
  }
  const search: MiniSearchTrial['search'] = {};
  for (const query of extra.queries) {
    const ms: number[] = [];
    let hits = 0;
    for (let run = 0; run < extra.runs; run++) {
      const q = query.replace('{n}', String((run * 97) % records.conversations.length));
      t = performance.now();
      hits = index.search(q, searchOptions).length;
      ms.push(performance.now() - t);
    }
    search[query] = { ms, hits };
  }
  const updateMs: number[] = [];
  for (let run = 0; run < extra.runs; run++) {
    const doc = docs[(run * 131) % docs.length];
    if (!doc) continue;
    t = performance.now();
    index.replace({ ...doc, text: `${doc.text}\nA new answer with fresh words ${run}` });
    updateMs.push(performance.now() - t);
  }
  return { buildMs, serializeMs, serializedBytes: json.length, loadMs, search, updateMs };
}

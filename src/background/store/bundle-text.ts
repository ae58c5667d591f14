/**
 * The JSON export's text a piece at a time, exactly as `JSON.stringify(toBundle(dump, at),
 * null, 2)` writes it whole, but never as one string: one message may not be over 64 MiB, and
 * a history of hundreds of MB would be held twice over. Each piece is one conversation (or
 * the file's head or tail).
 */
import type { Dump } from './bundle';
import { toBundle } from './bundle';

/** `JSON.stringify(value, null, 2)` as it stands `depth` levels deep in the file. */
function nested(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  return pad + JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`);
}

const EMPTY_TAIL = '[]\n}';

export function* bundleText(dump: Dump, exportedAt: number): Generator<string> {
  // The file's own fields as the whole-file stringify writes them; `conversations` is last.
  const empty = JSON.stringify(toBundle([], exportedAt), null, 2);
  if (dump.length === 0) {
    yield empty;
    return;
  }
  yield `${empty.slice(0, -EMPTY_TAIL.length)}[\n`;
  let first = true;
  for (const { conversation, messages } of dump) {
    yield (first ? '' : ',\n') + nested({ ...conversation, messages }, 2);
    first = false;
  }
  yield '\n  ]\n}';
}

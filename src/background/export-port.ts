/**
 * The worker's side of an `export` port (shared/export-stream.ts): everything the store holds,
 * read in one transaction (one consistent moment), sent as the JSON file's text in pieces so
 * no message nears Chrome's 64 MiB limit. The page closes the port when it has the end; a page
 * gone early stops the sending.
 */
import type { Language } from '../shared/i18n';
import { EXPORT_PIECE_CHARS, type ExportEvent } from '../shared/export-stream';
import { toStoredError } from './errors';
import { exportFilename } from './store/bundle';
import { bundleText } from './store/bundle-text';
import type { ConversationStore } from './store/store';
import type { PortLike } from './ports';

export interface ExportPortDeps {
  store: Pick<ConversationStore, 'dumpAll'>;
  now: () => number;
  language: () => Promise<Language>;
  /** Start-up recovery: an answer a restart cut off is exported as interrupted, not streaming. */
  ready?: Promise<unknown>;
  /** Characters per piece (tests make it small). */
  pieceChars?: number;
}

/** Where to cut `text` at about `size` without parting a UTF-16 surrogate pair. */
function cutAt(text: string, at: number, size: number): number {
  const end = Math.min(text.length, at + size);
  if (end === text.length) return end;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

export function serveExport(port: PortLike, deps: ExportPortDeps): void {
  const size = deps.pieceChars ?? EXPORT_PIECE_CHARS;
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  const emit = (event: ExportEvent): void => {
    if (open) port.postMessage(event);
  };
  void (async () => {
    try {
      await deps.ready;
      const dump = await deps.store.dumpAll();
      const at = deps.now();
      emit({
        type: 'start',
        filename: exportFilename('all', 'json', at),
        mime: 'application/json',
      });
      let chars = 0;
      let pending = '';
      const flush = (all: boolean) => {
        let from = 0;
        while (open && pending.length - from >= (all ? 1 : size)) {
          const end = cutAt(pending, from, size);
          emit({ type: 'piece', text: pending.slice(from, end) });
          from = end;
        }
        pending = pending.slice(from);
      };
      for (const text of bundleText(dump, at)) {
        if (!open) return;
        chars += text.length;
        pending += text;
        flush(false);
      }
      flush(true);
      emit({ type: 'end', conversations: dump.length, chars });
    } catch (error) {
      emit({ type: 'error', error: toStoredError(error, await deps.language()) });
    }
  })();
}

/**
 * Exporting everything over a port, in pieces. A one-off message (and its answer) may not
 * exceed 64 MiB in Chrome: a history bigger than that came back as no answer at all. The
 * options page connects an `export` port; the worker answers `start`, then the file's text as
 * `piece`s of at most EXPORT_PIECE_CHARS characters, then `end` (or `error`). The page keeps
 * the pieces as they come and saves them as one file.
 */
import type { StoredError } from './model';

export const EXPORT_PORT = 'export';

/** Characters per piece: well under the message limit even if every one took 6 bytes (\uXXXX). */
export const EXPORT_PIECE_CHARS = 4 * 1024 * 1024;

export type ExportEvent =
  | { type: 'start'; filename: string; mime: string }
  | { type: 'piece'; text: string }
  | { type: 'end'; conversations: number; chars: number }
  | { type: 'error'; error: StoredError };

/**
 * Sends a chosen file to the worker in pieces (store/import-session.ts) instead of reading it
 * whole: the page holds one piece at a time (≈ 1 Mi characters) and its main thread only
 * decodes and posts, so it stays responsive during a 100 MB import. The worker checks and
 * writes each piece hidden; nothing of it shows until `commitFile`.
 */
import type { ImportCounts } from '../shared/messages';
import { IMPORT_PIECE_CHARS, MAX_IMPORT_BYTES } from '../shared/import-limits';
import type { Translator } from '../shared/i18n';
import { formatBytes } from './download';
import { RequestError, request } from '../shared/rpc';

export interface Progress {
  done: number;
  total: number;
}

/** A refusal made on the page (the file is too big, not UTF-8, unreadable): one sentence. */
export class FileRefusal extends Error {
  override name = 'FileRefusal';
}

/** Whether the worker answered (a refusal), rather than stopping before it could answer. */
function answered(error: unknown): boolean {
  // rpc.ts's words when the message channel closed with no reply.
  return error instanceof RequestError && error.message !== 'The extension did not answer.';
}

/** The worker's piece size with a pair of UTF-16 surrogates never cut in two. */
function cutAt(text: string, size: number): number {
  if (text.length <= size) return text.length;
  const code = text.charCodeAt(size - 1);
  return code >= 0xd800 && code <= 0xdbff ? size - 1 : size;
}

/**
 * Reads `file` into a staged import and answers its id and what it holds. On a refusal, an
 * error or `signal` aborting, the import is cancelled (nothing was stored) and this throws.
 */
export async function stageFile(
  file: File,
  onProgress: (progress: Progress) => void,
  signal: AbortSignal,
  { language, t }: Translator,
): Promise<{ importId: string; summary: ImportCounts }> {
  const formatSize = (bytes: number) => formatBytes(bytes, language);
  if (file.size > MAX_IMPORT_BYTES)
    throw new FileRefusal(
      t('import_error_too_big', formatSize(file.size), formatSize(MAX_IMPORT_BYTES)),
    );
  const { importId } = await request('import/begin', { bytes: file.size });
  try {
    const reader = file.stream().getReader();
    // fatal: a file that is not UTF-8 is refused rather than read with � in it.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let pending = '';
    let read = 0;
    const send = async (all: boolean) => {
      while (pending.length >= IMPORT_PIECE_CHARS || (all && pending.length > 0)) {
        const end = cutAt(pending, IMPORT_PIECE_CHARS);
        const text = pending.slice(0, end);
        pending = pending.slice(end);
        await request('import/chunk', { importId, text });
        if (signal.aborted) throw signal.reason;
      }
    };
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await readPiece(reader, t);
      if (done) break;
      read += value.byteLength;
      pending += decode(decoder, value, true, t);
      await send(false);
      onProgress({ done: read, total: file.size });
    }
    pending += decode(decoder, undefined, false, t);
    await send(true);
    const summary = await request('import/finish', { importId });
    return { importId, summary };
  } catch (error) {
    void request('import/cancel', { importId }).catch(() => undefined);
    // No answer at all (the worker stopped): what it read is gone, nothing was stored.
    if (error instanceof RequestError || error instanceof FileRefusal || signal.aborted)
      throw error;
    throw new FileRefusal(t('import_error_interrupted'));
  }
}

async function readPiece(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  t: Translator['t'],
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    throw new FileRefusal(
      t('import_error_read', error instanceof Error ? error.message : String(error)),
    );
  }
}

function decode(
  decoder: TextDecoder,
  bytes: Uint8Array | undefined,
  stream: boolean,
  t: Translator['t'],
): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new FileRefusal(t('import_error_not_utf8'));
  }
}

/**
 * Shows the written import (one small transaction in the worker), asking how far it got every
 * quarter second for the progress bar.
 */
export async function commitFile(
  importId: string,
  onProgress: (progress: Progress) => void,
  t: Translator['t'],
): Promise<ImportCounts> {
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (finished) return;
      const { saved, total } = await request('import/progress', { importId });
      if (!finished && total > 0) onProgress({ done: saved, total });
    }
  };
  void poll().catch(() => undefined);
  try {
    return await request('import/commit', { importId });
  } catch (error) {
    // No answer at all: the worker stopped around the commit transaction, which either committed
    // or did not; importing again is safe (what is already here is skipped).
    if (answered(error)) throw error;
    throw new FileRefusal(t('import_error_commit_interrupted'));
  } finally {
    finished = true;
  }
}

/**
 * Everything exported as one file, received over an `export` port in pieces (no one message
 * may be over Chrome's 64 MiB; shared/export-stream.ts). The pieces are kept as they come and
 * become one Blob, so the page never joins them into one string.
 */
import browser from '../shared/browser';
import { EXPORT_PORT, type ExportEvent } from '../shared/export-stream';
import { RequestError } from '../shared/rpc';

export interface ExportedFile {
  filename: string;
  blob: Blob;
  conversations: number;
}

/** Asks the worker for the whole export; `onProgress` hears the characters received so far. */
export function exportEverything(onProgress?: (chars: number) => void): Promise<ExportedFile> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: EXPORT_PORT });
    const pieces: string[] = [];
    let head: { filename: string; mime: string } | null = null;
    let received = 0;
    let over = false;
    const finish = (outcome: () => void) => {
      over = true;
      port.disconnect();
      outcome();
    };
    port.onMessage.addListener((message: unknown) => {
      const event = message as ExportEvent;
      switch (event.type) {
        case 'start':
          head = { filename: event.filename, mime: event.mime };
          return;
        case 'piece':
          pieces.push(event.text);
          received += event.text.length;
          onProgress?.(received);
          return;
        case 'end': {
          const file = head;
          if (!file || received !== event.chars)
            return finish(() => reject(new RequestError(gone)));
          return finish(() =>
            resolve({
              filename: file.filename,
              blob: new Blob(pieces, { type: file.mime }),
              conversations: event.conversations,
            }),
          );
        }
        case 'error':
          return finish(() => reject(new RequestError(event.error)));
      }
    });
    port.onDisconnect.addListener(() => {
      if (!over) reject(new RequestError(gone));
    });
  });
}

// rpc.ts's words when the worker stopped before it could answer.
const gone = { kind: 'protocol', message: 'The extension did not answer.' } as const;

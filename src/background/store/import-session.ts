/**
 * One import at a time, fed piece by piece by the options page: each piece is scanned
 * (json-stream.ts), each conversation checked as it completes (bundle-fields.ts), and each
 * piece's conversations written hidden (import-staging.ts), a few hundred per transaction.
 * Nothing the user sees changes until `commit`, one short transaction that shows them all. What the worker holds meanwhile: the current
 * conversation's text (≤ MAX_CONVERSATION_CHARS), one piece's conversations, and the file's ids
 * (to refuse a file that repeats one).
 */
import type { ImportCounts } from '../../shared/messages';
import {
  MAX_CONVERSATION_CHARS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_DEPTH,
} from '../../shared/import-limits';
import { checkHeader, readConversation } from './bundle';
import { ImportError, type ReadNotes } from './bundle-fields';
import { applyImportPolicy, type ImportPolicy } from './import-policy';
import type { Entry, Tally, Written } from './import-staging';
import { ExportScanner } from './json-stream';
import type { ConversationStore } from './store';

export interface SessionDeps {
  store: ConversationStore;
  /** Read when an import begins: the user's sites and the time its times are clamped to. */
  policy: () => Promise<ImportPolicy>;
  now: () => number;
  newId: () => string;
}

/** An import not heard from for this long may be replaced by a new one (its page went away). */
const IDLE_MS = 60_000;

interface Session {
  id: string;
  phase: 'reading' | 'ready' | 'committing';
  scanner: ExportScanner;
  policy: ImportPolicy;
  conversationIds: Set<string>;
  messageIds: Set<string>;
  batch: Entry[];
  fields: Map<string, unknown>;
  notes: ReadNotes;
  tally: Tally;
  written: Written;
  received: number;
  touched: number;
  saved: number;
}

// Digits only: the words are put together later, in the settings' language (errors.ts words).
const number = (n: number) => String(n);
const megabytes = (bytes: number) => `${number(Math.round(bytes / (1024 * 1024)))} MB`;

function tooBig(bytes: number): ImportError {
  return new ImportError(`File: ${bytes} bytes`, 'import_error_too_big', [
    megabytes(bytes),
    megabytes(MAX_IMPORT_BYTES),
  ]);
}

export class ImportSessions {
  private current: Session | null = null;

  constructor(private readonly deps: SessionDeps) {}

  async begin(bytes: number): Promise<{ importId: string }> {
    if (bytes > MAX_IMPORT_BYTES) throw tooBig(bytes);
    const now = this.deps.now();
    const running = this.current;
    if (running && (running.phase === 'committing' || now - running.touched < IDLE_MS))
      throw new ImportError('Import: another one is running', 'import_error_busy');
    this.current = null;
    const session = this.newSession(this.deps.newId(), await this.deps.policy(), now);
    this.current = session;
    // What an earlier import left hidden (its page closed, the worker restarted) goes first.
    await this.deps.store.startImport(session.id);
    return { importId: session.id };
  }

  async chunk(
    importId: string,
    text: string,
  ): Promise<{ conversations: number; messages: number }> {
    const session = this.require(importId, 'reading');
    await this.guard(session, async () => {
      session.received += text.length;
      if (session.received > MAX_IMPORT_BYTES) throw tooBig(session.received);
      session.scanner.feed(text);
      await this.flush(session);
    });
    return { conversations: session.tally.conversations, messages: session.tally.messages };
  }

  /** The file has ended: it is complete and ours, and staged whole. Answers what it holds. */
  async finish(importId: string): Promise<ImportCounts> {
    const session = this.require(importId, 'reading');
    await this.guard(session, async () => {
      session.scanner.end();
      checkHeader(session.fields.get('format'), session.fields.get('version'));
      await this.flush(session);
    });
    session.phase = 'ready';
    return { ...session.tally, repaired: session.notes.repaired };
  }

  /** Shows the whole written file at once (one short transaction). Answers what was written. */
  async commit(importId: string): Promise<ImportCounts> {
    const session = this.require(importId, 'ready');
    session.phase = 'committing';
    try {
      const whole = await this.deps.store.commitImport(importId, session.written.conversations);
      // Its rows are not all there (everything was deleted meanwhile): it must not appear.
      if (!whole)
        throw new ImportError('Import: rows missing at commit', 'import_error_interrupted');
      session.saved = session.tally.conversations;
      return {
        ...session.tally,
        conversations: session.written.conversations,
        messages: session.written.messages,
        repaired: session.notes.repaired,
      };
    } catch (error) {
      // The transaction was aborted: nothing of it is stored. Its staging goes too.
      await this.deps.store.dropStaged(importId).catch(() => undefined);
      throw error;
    } finally {
      this.current = null;
    }
  }

  progress(importId: string): { saved: number; total: number } {
    const session = this.current;
    if (!session || session.id !== importId) return { saved: 0, total: 0 };
    return { saved: session.saved, total: session.tally.conversations };
  }

  async cancel(importId: string): Promise<void> {
    const session = this.current;
    if (!session || session.id !== importId || session.phase === 'committing') return;
    this.current = null;
    await this.deps.store.dropStaged(importId);
  }

  // ---------------------------------------------------------------------------------------

  private require(importId: string, phase: Session['phase']): Session {
    const session = this.current;
    // The worker restarted (or another import replaced this one): what was read is gone.
    if (!session || session.id !== importId || session.phase !== phase)
      throw new ImportError('Import: interrupted', 'import_error_interrupted');
    session.touched = this.deps.now();
    return session;
  }

  /** Runs a step; a refusal ends the import and deletes what it staged. */
  private async guard(session: Session, step: () => Promise<void>): Promise<void> {
    try {
      await step();
    } catch (error) {
      if (this.current === session) this.current = null;
      await this.deps.store.dropStaged(session.id).catch(() => undefined);
      throw error;
    }
  }

  private async flush(session: Session): Promise<void> {
    if (session.batch.length === 0) return;
    const batch = session.batch;
    session.batch = [];
    const { tally, written } = await this.deps.store.stageImport(session.id, batch);
    session.written.conversations += written.conversations;
    session.written.messages += written.messages;
    session.tally.conversations += tally.conversations;
    session.tally.messages += tally.messages;
    session.tally.alreadyHere += tally.alreadyHere;
    session.tally.copies += tally.copies;
  }

  private newSession(id: string, policy: ImportPolicy, now: number): Session {
    const fields = new Map<string, unknown>();
    const session: Session = {
      id,
      phase: 'reading',
      policy,
      conversationIds: new Set(),
      messageIds: new Set(),
      batch: [],
      fields,
      notes: { repaired: 0 },
      tally: { conversations: 0, messages: 0, alreadyHere: 0, copies: 0 },
      written: { conversations: 0, messages: 0 },
      received: 0,
      touched: now,
      saved: 0,
      scanner: new ExportScanner(
        { maxDepth: MAX_IMPORT_DEPTH, maxItemChars: MAX_CONVERSATION_CHARS },
        {
          field: (key, value) => fields.set(key, value),
          // A file from a newer ChatGptt is refused before its conversations are read, when it
          // says so first (ours do); else when it ends.
          listStart: () => {
            if (fields.has('format') || fields.has('version'))
              checkHeader(
                fields.has('format') ? fields.get('format') : 'chatgptt-export',
                fields.has('version') ? fields.get('version') : 1,
              );
          },
          item: (text, index) => this.take(session, text, index),
        },
      ),
    };
    return session;
  }

  private take(session: Session, text: string, index: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new ImportError(`Conversation ${index + 1}: not JSON`, 'import_error_not_json');
    }
    const entry = readConversation(raw, `Conversation ${index + 1}`, session.notes);
    const { id } = entry.conversation;
    if (session.conversationIds.has(id))
      throw new ImportError(
        `Conversation ${index + 1}: its id is used twice`,
        'import_error_duplicate_conversation',
        [number(index + 1), id.slice(0, 100)],
      );
    session.conversationIds.add(id);
    for (const message of entry.messages) {
      if (session.messageIds.has(message.id))
        throw new ImportError(
          `Conversation ${index + 1}: a message id is used twice`,
          'import_error_duplicate_message',
          [number(index + 1), message.id.slice(0, 100)],
        );
      session.messageIds.add(message.id);
    }
    session.batch.push(...applyImportPolicy([entry], session.policy));
  }
}

/**
 * The import validator, one reader per field of the stored types. Each table is typed
 * `Fields<T>`, which needs a reader for every key of T: a field added to Conversation or
 * StoredMessage (or a type inside them) without a reader here does not compile, so an export
 * can never again carry a field that import silently drops (it dropped `part` and `pageJob`).
 * A field absent from the file stays absent; a field the file has but the type does not is
 * left out.
 */
import type {
  Conversation,
  FallbackNote,
  MessageStatus,
  PageContext,
  PageJob,
  PageSource,
  PartInfo,
  StoredError,
  StoredMessage,
} from '../../shared/model';
import type { ChosenBot } from '../../shared/bots';
import { isChosenBot } from '../../shared/bots';
import { isModelName } from '../../shared/models';
import type { AnswerSource, ChatErrorKind } from '../../provider/types';
import type { ModelName } from '../../shared/models';
import { ERROR_KINDS } from '../errors';

/** A refusal: `message` says what is wrong and where (English, shown inside a sentence). */
export class ImportError extends Error {
  override name = 'ImportError';
  /** A locale key for a whole sentence of its own, with its arguments (else the generic one). */
  readonly key: string | undefined;
  readonly args: string[];
  constructor(message: string, key?: string, args: string[] = []) {
    super(message);
    this.key = key;
    this.args = args;
  }
}

/** What reading a file noticed besides refusals. */
export interface ReadNotes {
  /** Lone UTF-16 surrogates replaced by U+FFFD (they break URL encoding and sending later). */
  repaired: number;
}

type Raw = Record<string, unknown>;

interface Field<T> {
  /** Whether the file must have it (a missing required field is read as `undefined`). */
  required: boolean;
  read(value: unknown, where: string, key: string, notes: ReadNotes): T;
}

/** A reader for every key of T (`-?`: optional keys too), each giving T's type for it. */
type Fields<T> = { [K in keyof T]-?: Field<Exclude<T[K], undefined>> };

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function need(condition: boolean, where: string, what: string): asserts condition {
  if (!condition) throw new ImportError(`${where}: ${what}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with each lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, ES2024). */
export function wellFormed(text: string, notes: ReadNotes): string {
  LONE_SURROGATE.lastIndex = 0;
  if (!LONE_SURROGATE.test(text)) return text;
  return text.replace(LONE_SURROGATE, () => {
    notes.repaired += 1;
    return '\uFFFD';
  });
}

function required<T>(read: Field<T>['read']): Field<T> {
  return { required: true, read };
}
function optional<T>(read: Field<T>['read']): Field<T> {
  return { required: false, read };
}

const text: Field<string>['read'] = (value, where, key, notes) => {
  need(typeof value === 'string', where, `"${key}" must be text`);
  return wellFormed(value, notes);
};
const cut =
  (max: number): Field<string>['read'] =>
  (value, where, key, notes) =>
    text(value, where, key, notes).slice(0, max);
const number: Field<number>['read'] = (value, where, key) => {
  need(typeof value === 'number' && Number.isFinite(value), where, `"${key}" must be a number`);
  return value;
};
const count: Field<number>['read'] = (value, where, key) => {
  need(
    typeof value === 'number' && Number.isInteger(value) && value >= 0,
    where,
    `"${key}" must be a whole number`,
  );
  return value;
};
const flag: Field<boolean>['read'] = (value, where, key) => {
  need(typeof value === 'boolean', where, `"${key}" must be true or false`);
  return value;
};
const errorKind: Field<ChatErrorKind>['read'] = (value, where) => {
  need(ERROR_KINDS.includes(value as ChatErrorKind), where, `unknown error kind ${String(value)}`);
  return value as ChatErrorKind;
};
function list<T>(item: Field<T>['read'], what: string): Field<T[]>['read'] {
  return (value, where, key, notes) => {
    need(Array.isArray(value), where, `"${key}" must be a list`);
    return value.map((entry, i) => item(entry, where, `${what} ${i + 1}`, notes));
  };
}
function object<T>(fields: Fields<T>): Field<T>['read'] {
  return (value, where, key, notes) => {
    need(isRecord(value), where, `"${key}" must be an object`);
    return readFields(value, fields, where, notes);
  };
}

/** Reads `raw` through `fields`: every field the type has, nothing else. */
export function readFields<T>(raw: Raw, fields: Fields<T>, where: string, notes: ReadNotes): T {
  const out: Raw = {};
  for (const [key, field] of Object.entries(fields) as Array<[string, Field<unknown>]>) {
    const value = raw[key];
    if (value === undefined && !field.required) continue;
    out[key] = field.read(value, where, key, notes);
  }
  return out as T;
}

const STATUSES: readonly MessageStatus[] = ['pending', 'streaming', 'done', 'error', 'interrupted'];

const ERROR_FIELDS: Fields<StoredError> = {
  kind: required(errorKind),
  message: required(text),
  detail: optional(text),
};

function pageSource(value: unknown, where: string): PageSource {
  need(value === 'video' || value === 'pdf', where, 'bad page source');
  return value;
}

const CONTEXT_FIELDS: Fields<PageContext> = {
  title: required(text),
  url: required(text),
  text: optional(text),
  kind: optional((value, where) => {
    need(value === 'selection' || value === 'page', where, 'bad context kind');
    return value;
  }),
  source: optional(pageSource),
};

const FALLBACK_FIELDS: Fields<FallbackNote> = {
  from: required(text),
  kind: required(errorKind),
  remembered: optional(flag),
};

/** Sources keep only their text fields; the UI checks a URL before it links it. */
const SOURCE_FIELDS: Fields<AnswerSource> = { url: optional(text), title: optional(text) };

const PART_FIELDS: Fields<PartInfo> = {
  job: required(text),
  index: required(count),
  count: required(count),
};

const PAGE_JOB_FIELDS: Fields<PageJob> = {
  id: required(text),
  title: required(text),
  url: required(text),
  prompt: required(text),
  parts: required(list(text, 'part')),
  count: required(count),
  source: optional(pageSource),
};

const BOT_FIELDS: Fields<ChosenBot> = {
  id: required(text),
  name: required(text),
};

/** A message as read: `parentId` absent in a version 1 file (readTree links them). */
export type RawMessage = Omit<StoredMessage, 'parentId'> & { parentId?: string | null };

export const MESSAGE_FIELDS: Fields<StoredMessage> = {
  id: required(text),
  conversationId: required(text),
  role: required((value, where) => {
    need(value === 'user' || value === 'assistant', where, '"role" must be user or assistant');
    return value;
  }),
  text: required(text),
  status: required((value, where) => {
    need(STATUSES.includes(value as MessageStatus), where, `unknown status ${String(value)}`);
    // An answer that was streaming when exported cannot still be streaming after import.
    return value === 'streaming' || value === 'pending' ? 'interrupted' : (value as MessageStatus);
  }),
  error: optional(object(ERROR_FIELDS)),
  site: optional(text),
  bot: optional(cut(200)),
  fallback: optional(object(FALLBACK_FIELDS)),
  notes: optional(list(text, 'note')),
  sources: optional(list(object(SOURCE_FIELDS), 'source')),
  context: optional(object(CONTEXT_FIELDS)),
  part: optional(object(PART_FIELDS)),
  // Absent in version 1 files: the messages then follow each other (readTree).
  parentId: optional((value, where, key, notes) =>
    value === null ? null : text(value, where, key, notes),
  ),
  seq: required(number),
  createdAt: required(number),
  updatedAt: required(number),
};

export const CONVERSATION_FIELDS: Fields<Conversation> = {
  id: required((value, where, key, notes) => {
    const id = text(value, where, key, notes);
    need(id.length > 0, where, '"id" is empty');
    return id;
  }),
  title: required(text),
  site: required(text),
  foreignSite: optional(cut(2048)),
  model: required((value, where): ModelName => {
    need(isModelName(value), where, `unknown model ${String(value)}`);
    return value;
  }),
  bot: optional((value, where, key, notes) => {
    need(isChosenBot(value), where, '"bot" must be an id and a name');
    return readFields(value as unknown as Raw, BOT_FIELDS, where, notes);
  }),
  systemPrompt: required(text),
  // Checked against the file's messages by the caller (entries naming others are dropped).
  shown: optional((value, where) => {
    need(isRecord(value), where, '"shown" must be an object');
    for (const child of Object.values(value))
      need(typeof child === 'string', where, '"shown" must map to message ids');
    return value as Record<string, string>;
  }),
  // A pinned conversation stays pinned through export and import.
  pinnedAt: optional(number),
  pageJob: optional(object(PAGE_JOB_FIELDS)),
  createdAt: required(number),
  updatedAt: required(number),
};

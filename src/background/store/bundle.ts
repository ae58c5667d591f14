/**
 * Export and import of conversations: the JSON bundle (all fields, re-importable), Markdown for
 * reading, and a strict validator so a bad file is refused whole, before anything is written.
 */
import type {
  Conversation,
  ExportBundle,
  FallbackNote,
  MessageStatus,
  PageContext,
  StoredError,
  StoredMessage,
} from '../../shared/model';
import { isChosenBot } from '../../shared/bots';
import { isModelName } from '../../shared/models';
import type { AnswerSource, ChatErrorKind } from '../../provider/types';
import { ERROR_KINDS } from '../errors';
import { chain } from './tree';

export type Dump = Array<{ conversation: Conversation; messages: StoredMessage[] }>;

export function toBundle(dump: Dump, exportedAt: number): ExportBundle {
  return {
    format: 'chatgptt-export',
    version: 2,
    exportedAt,
    conversations: dump.map(({ conversation, messages }) => ({ ...conversation, messages })),
  };
}

/**
 * The shown path of a conversation for reading. `otherVersions` counts the messages of other
 * branches (edits, regenerated answers), which only the JSON export carries.
 */
export function toMarkdown(
  conversation: Conversation,
  messages: StoredMessage[],
  otherVersions = 0,
): string {
  const lines = [`# ${conversation.title || 'Untitled conversation'}`, ''];
  lines.push(`- Site: ${conversation.site}`, `- Model: ${conversation.model}`);
  if (conversation.bot) lines.push(`- Bot: ${conversation.bot.name}`);
  if (conversation.foreignSite) lines.push(`- Imported from: ${conversation.foreignSite}`);
  lines.push(`- Created: ${new Date(conversation.createdAt).toISOString()}`, '');
  if (otherVersions > 0)
    lines.push(
      `_This is the version shown. ${otherVersions} more message${otherVersions === 1 ? '' : 's'} ` +
        'in other versions (edits, regenerated answers) are in the JSON export._',
      '',
    );
  if (conversation.systemPrompt) lines.push('> System: ' + conversation.systemPrompt, '');
  for (const message of messages) {
    lines.push(`## ${message.role === 'user' ? 'You' : 'ChatGptt'}`, '');
    if (message.context?.url)
      lines.push(
        `_From: [${message.context.title || message.context.url}](${message.context.url})_`,
        '',
      );
    lines.push(message.text || '_(empty)_', '');
    if (message.status !== 'done') lines.push(`_(${message.status})_`, '');
    if (message.error) lines.push(`_Error (${message.error.kind}): ${message.error.message}_`, '');
  }
  return lines.join('\n');
}

/** A file name safe on every OS. */
export function exportFilename(title: string, extension: string, at: number): string {
  const stem = title
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  const date = new Date(at).toISOString().slice(0, 10);
  return `chatgptt-${stem || 'conversations'}-${date}.${extension}`;
}

// ---- Validation ------------------------------------------------------------------------------

export class ImportError extends Error {
  override name = 'ImportError';
}

const STATUSES: readonly MessageStatus[] = ['pending', 'streaming', 'done', 'error', 'interrupted'];

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function need(condition: boolean, where: string, what: string): asserts condition {
  if (!condition) throw new ImportError(`${where}: ${what}`);
}

function str(raw: Raw, key: string, where: string): string {
  const value = raw[key];
  need(typeof value === 'string', where, `"${key}" must be text`);
  return value;
}

function num(raw: Raw, key: string, where: string): number {
  const value = raw[key];
  need(typeof value === 'number' && Number.isFinite(value), where, `"${key}" must be a number`);
  return value;
}

function readError(value: unknown, where: string): StoredError {
  need(isRecord(value), where, '"error" must be an object');
  const kind = value.kind;
  need(ERROR_KINDS.includes(kind as ChatErrorKind), where, `unknown error kind ${String(kind)}`);
  const error: StoredError = { kind: kind as ChatErrorKind, message: str(value, 'message', where) };
  if (value.detail !== undefined) error.detail = str(value, 'detail', where);
  return error;
}

function readContext(value: unknown, where: string): PageContext {
  need(isRecord(value), where, '"context" must be an object');
  const context: PageContext = { title: str(value, 'title', where), url: str(value, 'url', where) };
  if (value.text !== undefined) context.text = str(value, 'text', where);
  if (value.kind !== undefined) {
    need(value.kind === 'selection' || value.kind === 'page', where, 'bad context kind');
    context.kind = value.kind;
  }
  return context;
}

function readFallback(value: unknown, where: string): FallbackNote {
  need(isRecord(value), where, '"fallback" must be an object');
  const kind = value.kind;
  need(ERROR_KINDS.includes(kind as ChatErrorKind), where, `unknown error kind ${String(kind)}`);
  const note: FallbackNote = { from: str(value, 'from', where), kind: kind as ChatErrorKind };
  if (value.remembered !== undefined) {
    need(typeof value.remembered === 'boolean', where, '"remembered" must be true or false');
    note.remembered = value.remembered;
  }
  return note;
}

function readNotes(value: unknown, where: string): string[] {
  need(Array.isArray(value), where, '"notes" must be a list');
  return value.map((note, i) => {
    need(typeof note === 'string', where, `note ${i + 1} must be text`);
    return note;
  });
}

/** Sources keep only their text fields; the UI checks a URL before it links it. */
function readSources(value: unknown, where: string): AnswerSource[] {
  need(Array.isArray(value), where, '"sources" must be a list');
  return value.map((item: unknown, i) => {
    need(isRecord(item), where, `source ${i + 1} must be an object`);
    const source: AnswerSource = {};
    if (item.url !== undefined) source.url = str(item, 'url', where);
    if (item.title !== undefined) source.title = str(item, 'title', where);
    return source;
  });
}

type RawMessage = Omit<StoredMessage, 'parentId'> & { parentId?: string | null };

function readMessage(value: unknown, conversationId: string, where: string): RawMessage {
  need(isRecord(value), where, 'a message must be an object');
  need(value.conversationId === conversationId, where, 'message belongs to another conversation');
  const role = value.role;
  need(role === 'user' || role === 'assistant', where, '"role" must be user or assistant');
  const status = value.status;
  need(STATUSES.includes(status as MessageStatus), where, `unknown status ${String(status)}`);
  const message: RawMessage = {
    id: str(value, 'id', where),
    conversationId,
    role,
    text: str(value, 'text', where),
    // An answer that was streaming when exported cannot still be streaming after import.
    status:
      status === 'streaming' || status === 'pending' ? 'interrupted' : (status as MessageStatus),
    seq: num(value, 'seq', where),
    createdAt: num(value, 'createdAt', where),
    updatedAt: num(value, 'updatedAt', where),
  };
  if (value.parentId === null) message.parentId = null;
  else if (value.parentId !== undefined) message.parentId = str(value, 'parentId', where);
  if (value.site !== undefined) message.site = str(value, 'site', where);
  if (value.bot !== undefined) message.bot = str(value, 'bot', where).slice(0, 200);
  if (value.error !== undefined) message.error = readError(value.error, where);
  if (value.context !== undefined) message.context = readContext(value.context, where);
  if (value.fallback !== undefined) message.fallback = readFallback(value.fallback, where);
  if (value.notes !== undefined) message.notes = readNotes(value.notes, where);
  if (value.sources !== undefined) message.sources = readSources(value.sources, where);
  return message;
}

function readConversation(value: unknown, where: string): Dump[number] {
  need(isRecord(value), where, 'a conversation must be an object');
  const id = str(value, 'id', where);
  need(id.length > 0, where, '"id" is empty');
  need(isModelName(value.model), where, `unknown model ${String(value.model)}`);
  const conversation: Conversation = {
    id,
    title: str(value, 'title', where),
    site: str(value, 'site', where),
    model: value.model,
    systemPrompt: str(value, 'systemPrompt', where),
    createdAt: num(value, 'createdAt', where),
    updatedAt: num(value, 'updatedAt', where),
  };
  // A pinned conversation stays pinned through export and import (an optional, additive field).
  if (value.pinnedAt !== undefined) conversation.pinnedAt = num(value, 'pinnedAt', where);
  if (value.bot !== undefined) {
    need(isChosenBot(value.bot), where, '"bot" must be an id and a name');
    conversation.bot = { id: value.bot.id, name: value.bot.name };
  }
  if (value.foreignSite !== undefined)
    conversation.foreignSite = str(value, 'foreignSite', where).slice(0, 2048);
  need(Array.isArray(value.messages), where, '"messages" must be a list');
  const messages = value.messages.map((m, i) => readMessage(m, id, `${where}, message ${i + 1}`));
  const ids = new Set(messages.map((m) => m.id));
  need(ids.size === messages.length, where, 'two messages share an id');
  const seqs = new Set(messages.map((m) => m.seq));
  need(seqs.size === messages.length, where, 'two messages share a position');
  const tree = readTree(messages, where);
  const shown = readShown(value.shown, ids, where);
  if (shown) conversation.shown = shown;
  return { conversation, messages: tree };
}

/**
 * The message tree (version 2) or a linear list (version 1, no parents: each message follows
 * the one before it). A parent must be an older message of the same conversation, so the
 * tree has no cycles.
 */
function readTree(messages: RawMessage[], where: string): StoredMessage[] {
  const sorted = [...messages].sort((a, b) => a.seq - b.seq);
  if (sorted.every((m) => m.parentId === undefined)) return chain(sorted);
  const seqOf = new Map(sorted.map((m) => [m.id, m.seq]));
  return sorted.map((m) => {
    need(m.parentId !== undefined, where, `message ${m.id} has no "parentId"`);
    const parentSeq = m.parentId === null ? -Infinity : seqOf.get(m.parentId);
    need(parentSeq !== undefined, where, `message ${m.id} follows a message not in the file`);
    need(parentSeq < m.seq, where, `message ${m.id} follows a later message`);
    return { ...m, parentId: m.parentId };
  });
}

/** The shown child at each fork; entries naming messages not in the file are dropped. */
function readShown(
  value: unknown,
  ids: Set<string>,
  where: string,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  need(isRecord(value), where, '"shown" must be an object');
  const shown: Record<string, string> = {};
  for (const [fork, child] of Object.entries(value)) {
    need(typeof child === 'string', where, '"shown" must map to message ids');
    if ((fork === '' || ids.has(fork)) && ids.has(child)) shown[fork] = child;
  }
  return shown;
}

/** Parses and checks an export file. Throws ImportError saying what is wrong and where. */
export function parseBundle(json: string): Dump {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ImportError('File: not JSON');
  }
  need(isRecord(raw), 'File', 'not a ChatGptt export');
  need(raw.format === 'chatgptt-export', 'File', 'not a ChatGptt export');
  need(
    raw.version === 1 || raw.version === 2,
    'File',
    `unsupported export version ${String(raw.version)}`,
  );
  need(Array.isArray(raw.conversations), 'File', '"conversations" must be a list');
  const dump = raw.conversations.map((c, i) => readConversation(c, `Conversation ${i + 1}`));
  const ids = new Set(dump.map((d) => d.conversation.id));
  need(ids.size === dump.length, 'File', 'two conversations share an id');
  const messageIds = new Set(dump.flatMap((d) => d.messages.map((m) => m.id)));
  const messageCount = dump.reduce((n, d) => n + d.messages.length, 0);
  need(messageIds.size === messageCount, 'File', 'two messages share an id');
  return dump;
}

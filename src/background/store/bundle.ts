/**
 * Export and import of conversations: the JSON bundle (all fields, re-importable), Markdown for
 * reading, and a strict validator so a bad file is refused whole, before anything is written.
 */
import type {
  Conversation,
  ExportBundle,
  MessageStatus,
  PageContext,
  StoredError,
  StoredMessage,
} from '../../shared/model';
import { isModelName } from '../../shared/models';
import type { ChatErrorKind } from '../../provider/types';
import { ERROR_KINDS } from '../errors';

export type Dump = Array<{ conversation: Conversation; messages: StoredMessage[] }>;

export function toBundle(dump: Dump, exportedAt: number): ExportBundle {
  return {
    format: 'chatgptt-export',
    version: 1,
    exportedAt,
    conversations: dump.map(({ conversation, messages }) => ({ ...conversation, messages })),
  };
}

export function toMarkdown(conversation: Conversation, messages: StoredMessage[]): string {
  const lines = [`# ${conversation.title || 'Untitled conversation'}`, ''];
  lines.push(`- Site: ${conversation.site}`, `- Model: ${conversation.model}`);
  if (conversation.foreignSite) lines.push(`- Imported from: ${conversation.foreignSite}`);
  lines.push(`- Created: ${new Date(conversation.createdAt).toISOString()}`, '');
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

function readMessage(value: unknown, conversationId: string, where: string): StoredMessage {
  need(isRecord(value), where, 'a message must be an object');
  need(value.conversationId === conversationId, where, 'message belongs to another conversation');
  const role = value.role;
  need(role === 'user' || role === 'assistant', where, '"role" must be user or assistant');
  const status = value.status;
  need(STATUSES.includes(status as MessageStatus), where, `unknown status ${String(status)}`);
  const message: StoredMessage = {
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
  if (value.site !== undefined) message.site = str(value, 'site', where);
  if (value.error !== undefined) message.error = readError(value.error, where);
  if (value.context !== undefined) message.context = readContext(value.context, where);
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
  if (value.foreignSite !== undefined)
    conversation.foreignSite = str(value, 'foreignSite', where).slice(0, 2048);
  need(Array.isArray(value.messages), where, '"messages" must be a list');
  const messages = value.messages.map((m, i) => readMessage(m, id, `${where}, message ${i + 1}`));
  const ids = new Set(messages.map((m) => m.id));
  need(ids.size === messages.length, where, 'two messages share an id');
  const seqs = new Set(messages.map((m) => m.seq));
  need(seqs.size === messages.length, where, 'two messages share a position');
  return { conversation, messages: messages.sort((a, b) => a.seq - b.seq) };
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
  need(raw.version === 1, 'File', `unsupported export version ${String(raw.version)}`);
  need(Array.isArray(raw.conversations), 'File', '"conversations" must be a list');
  const dump = raw.conversations.map((c, i) => readConversation(c, `Conversation ${i + 1}`));
  const ids = new Set(dump.map((d) => d.conversation.id));
  need(ids.size === dump.length, 'File', 'two conversations share an id');
  const messageIds = new Set(dump.flatMap((d) => d.messages.map((m) => m.id)));
  const messageCount = dump.reduce((n, d) => n + d.messages.length, 0);
  need(messageIds.size === messageCount, 'File', 'two messages share an id');
  return dump;
}

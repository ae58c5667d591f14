/**
 * Export and import of conversations: the JSON bundle (all fields, re-importable), Markdown for
 * reading, and a strict validator so a bad file is refused whole, before anything is written.
 */
import type { Conversation, ExportBundle, StoredMessage } from '../../shared/model';
import {
  CONVERSATION_FIELDS,
  ImportError,
  MESSAGE_FIELDS,
  type RawMessage,
  type ReadNotes,
  isRecord,
  need,
  readFields,
} from './bundle-fields';
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

export { ImportError };

/** Reads one conversation of a file (`where` names it in a refusal). Throws ImportError. */
export function readConversation(
  value: unknown,
  where: string,
  notes: ReadNotes = { repaired: 0 },
): Dump[number] {
  need(isRecord(value), where, 'a conversation must be an object');
  const { shown: rawShown, ...conversation } = readFields(value, CONVERSATION_FIELDS, where, notes);
  const id = conversation.id;
  need(Array.isArray(value.messages), where, '"messages" must be a list');
  const messages = value.messages.map((m, i) => {
    const at = `${where}, message ${i + 1}`;
    need(isRecord(m), at, 'a message must be an object');
    const message: RawMessage = readFields(m, MESSAGE_FIELDS, at, notes);
    need(message.conversationId === id, at, 'message belongs to another conversation');
    return message;
  });
  const ids = new Set(messages.map((m) => m.id));
  need(ids.size === messages.length, where, 'two messages share an id');
  const seqs = new Set(messages.map((m) => m.seq));
  need(seqs.size === messages.length, where, 'two messages share a position');
  const tree = readTree(messages, where);
  const shown = readShown(rawShown, ids);
  const result: Conversation = shown ? { ...conversation, shown } : conversation;
  return { conversation: result, messages: tree };
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
  value: Record<string, string> | undefined,
  ids: Set<string>,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const shown: Record<string, string> = {};
  for (const [fork, child] of Object.entries(value)) {
    if ((fork === '' || ids.has(fork)) && ids.has(child)) shown[fork] = child;
  }
  return shown;
}

/** The export versions this build reads (a newer one is refused, naming the version). */
export const EXPORT_VERSIONS: readonly number[] = [1, 2];

/** Checks the file's own fields (format, version). Throws ImportError. */
export function checkHeader(format: unknown, version: unknown): void {
  if (format !== 'chatgptt-export')
    throw new ImportError('File: not a ChatGptt export', 'import_error_not_export');
  if (typeof version === 'number' && version > Math.max(...EXPORT_VERSIONS))
    throw new ImportError(`File: export version ${version} is newer`, 'import_error_future', [
      String(version),
      String(Math.max(...EXPORT_VERSIONS)),
    ]);
  need(
    typeof version === 'number' && EXPORT_VERSIONS.includes(version),
    'File',
    `unsupported export version ${String(version)}`,
  );
}

/** Parses and checks an export file held whole in memory (Undo, tests). Throws ImportError. */
export function parseBundle(json: string): Dump {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ImportError('File: not JSON');
  }
  need(isRecord(raw), 'File', 'not a ChatGptt export');
  checkHeader(raw.format, raw.version);
  need(Array.isArray(raw.conversations), 'File', '"conversations" must be a list');
  const dump = raw.conversations.map((c, i) => readConversation(c, `Conversation ${i + 1}`));
  const ids = new Set(dump.map((d) => d.conversation.id));
  need(ids.size === dump.length, 'File', 'two conversations share an id');
  const messageIds = new Set(dump.flatMap((d) => d.messages.map((m) => m.id)));
  const messageCount = dump.reduce((n, d) => n + d.messages.length, 0);
  need(messageIds.size === messageCount, 'File', 'two messages share an id');
  return dump;
}

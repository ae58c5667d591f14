/**
 * Runtime shape checks of everything that arrives at the worker. The types say what a
 * message should be; these say whether it is. Hand-written and small, one per message type.
 */
import type { RequestOf, RequestType, TurnCommand, WatchCommand } from '../../shared/messages';
import type { PageContext } from '../../shared/model';
import { isChosenBot } from '../../shared/bots';
import { isModelName } from '../../shared/models';
import { IMPORT_PIECE_CHARS } from '../../shared/import-limits';

type Raw = Record<string, unknown>;
type Check<T> = (value: unknown) => value is T;

/** Longest text accepted in a message (a page's text plus a question stays far below). */
const MAX_TEXT = 200_000;
/** A whole page (a long PDF) for a summary in parts: it is cut into messages in the worker. */
const MAX_PAGE_TEXT = 5_000_000;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(raw: Raw, allowed: readonly string[]): boolean {
  return Object.keys(raw).every((key) => allowed.includes(key));
}

function optional(raw: Raw, key: string, check: (v: unknown) => boolean): boolean {
  return raw[key] === undefined || check(raw[key]);
}

const isString = (v: unknown): v is string => typeof v === 'string';
/** An http(s) URL: chat sites and self-test targets. */
const isWebUrl = (v: unknown): v is string => {
  if (typeof v !== 'string' || v.length > 2000) return false;
  try {
    const { protocol } = new URL(v);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000;

const isImportId = (v: unknown): v is { importId: string } =>
  isRecord(v) && onlyKeys(v, ['importId']) && isId(v.importId);

const isEmpty = (v: unknown): v is Record<string, never> =>
  isRecord(v) && Object.keys(v).length === 0;

export function isPageContext(value: unknown, maxText = MAX_TEXT): value is PageContext {
  return (
    isRecord(value) &&
    onlyKeys(value, ['title', 'url', 'text', 'kind', 'source']) &&
    isString(value.title) &&
    isString(value.url) &&
    optional(value, 'text', (t) => typeof t === 'string' && t.length <= maxText) &&
    optional(value, 'kind', (k) => k === 'selection' || k === 'page') &&
    optional(value, 'source', (k) => k === 'video' || k === 'pdf')
  );
}

function isArrayOf(value: unknown, check: (v: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(check);
}

function isConversationLike(v: unknown): boolean {
  return (
    isRecord(v) &&
    isId(v.id) &&
    isString(v.title) &&
    isString(v.site) &&
    isModelName(v.model) &&
    isString(v.systemPrompt) &&
    typeof v.createdAt === 'number' &&
    typeof v.updatedAt === 'number'
  );
}

function isMessageLike(v: unknown): boolean {
  return (
    isRecord(v) &&
    isId(v.id) &&
    isId(v.conversationId) &&
    (v.role === 'user' || v.role === 'assistant') &&
    isText(v.text) &&
    isString(v.status) &&
    typeof v.seq === 'number'
  );
}

/** One check per request type; a type missing here does not compile. */
export const REQUEST_VALIDATORS: { [K in RequestType]: Check<RequestOf<K>> } = {
  ping: isEmpty,
  'conversations/list': (v): v is RequestOf<'conversations/list'> =>
    isRecord(v) &&
    onlyKeys(v, ['offset', 'limit', 'query']) &&
    optional(v, 'offset', isCount) &&
    optional(v, 'limit', (n) => isCount(n) && n > 0 && n <= 500) &&
    optional(v, 'query', (q) => isString(q) && q.length <= 500),
  'conversations/get': (v): v is RequestOf<'conversations/get'> =>
    isRecord(v) && onlyKeys(v, ['id']) && isId(v.id),
  'conversations/switchVersion': (v): v is RequestOf<'conversations/switchVersion'> =>
    isRecord(v) &&
    onlyKeys(v, ['id', 'messageId', 'step']) &&
    isId(v.id) &&
    isId(v.messageId) &&
    (v.step === -1 || v.step === 1),
  'conversations/latest': isEmpty,
  'conversations/create': (v): v is RequestOf<'conversations/create'> =>
    isRecord(v) &&
    onlyKeys(v, ['model', 'bot', 'systemPrompt', 'site']) &&
    optional(v, 'model', isModelName) &&
    optional(v, 'bot', isChosenBot) &&
    optional(v, 'systemPrompt', isText) &&
    optional(v, 'site', isWebUrl),
  'conversations/update': (v): v is RequestOf<'conversations/update'> =>
    isRecord(v) &&
    onlyKeys(v, ['id', 'title', 'model', 'bot', 'systemPrompt', 'pinned']) &&
    isId(v.id) &&
    optional(v, 'pinned', (p) => typeof p === 'boolean') &&
    optional(v, 'title', (t) => isString(t) && t.length <= 500) &&
    optional(v, 'model', isModelName) &&
    optional(v, 'bot', (b) => b === null || isChosenBot(b)) &&
    optional(v, 'systemPrompt', isText),
  'conversations/adopt': (v): v is RequestOf<'conversations/adopt'> =>
    isRecord(v) && onlyKeys(v, ['id']) && isId(v.id),
  'conversations/delete': (v): v is RequestOf<'conversations/delete'> =>
    isRecord(v) && onlyKeys(v, ['id']) && isId(v.id),
  'conversations/restore': (v): v is RequestOf<'conversations/restore'> =>
    isRecord(v) &&
    onlyKeys(v, ['conversation', 'messages']) &&
    isConversationLike(v.conversation) &&
    isArrayOf(v.messages, isMessageLike),
  'conversations/deleteAll': isEmpty,
  'conversations/export': (v): v is RequestOf<'conversations/export'> =>
    isRecord(v) &&
    onlyKeys(v, ['id', 'format']) &&
    optional(v, 'id', isId) &&
    (v.format === 'json' || v.format === 'markdown'),
  'conversations/import': (v): v is RequestOf<'conversations/import'> =>
    isRecord(v) &&
    onlyKeys(v, ['json', 'dryRun']) &&
    isString(v.json) &&
    optional(v, 'dryRun', (d) => typeof d === 'boolean'),
  'import/begin': (v): v is RequestOf<'import/begin'> =>
    isRecord(v) &&
    onlyKeys(v, ['bytes']) &&
    typeof v.bytes === 'number' &&
    Number.isSafeInteger(v.bytes) &&
    v.bytes >= 0,
  'import/chunk': (v): v is RequestOf<'import/chunk'> =>
    isRecord(v) &&
    onlyKeys(v, ['importId', 'text']) &&
    isId(v.importId) &&
    typeof v.text === 'string' &&
    v.text.length <= 2 * IMPORT_PIECE_CHARS,
  'import/finish': isImportId,
  'import/commit': isImportId,
  'import/progress': isImportId,
  'import/cancel': isImportId,
  'turn/stop': (v): v is RequestOf<'turn/stop'> =>
    isRecord(v) && onlyKeys(v, ['conversationId']) && isId(v.conversationId),
  'site/selfTest': (v): v is RequestOf<'site/selfTest'> =>
    isRecord(v) && onlyKeys(v, ['url']) && isWebUrl(v.url),
  'site/bots': (v): v is RequestOf<'site/bots'> =>
    isRecord(v) &&
    onlyKeys(v, ['site', 'refresh']) &&
    isWebUrl(v.site) &&
    optional(v, 'refresh', (r) => typeof r === 'boolean'),
  'site/openCheck': (v): v is RequestOf<'site/openCheck'> =>
    isRecord(v) &&
    onlyKeys(v, ['site', 'conversationId', 'messageId']) &&
    isWebUrl(v.site) &&
    optional(v, 'conversationId', isId) &&
    optional(v, 'messageId', isId),
  'storage/usage': isEmpty,
  'sidebar/open': (v): v is RequestOf<'sidebar/open'> =>
    isRecord(v) &&
    onlyKeys(v, ['selection', 'action', 'more']) &&
    optional(v, 'selection', isText) &&
    optional(v, 'action', (a) => typeof a === 'string' && a.length > 0 && a.length <= 200) &&
    optional(v, 'more', (m) => m === true),
  'content/actions': isEmpty,
  'content/toolbar': isEmpty,
  'sidebar/closed': isEmpty,
  'content/settings': isEmpty,
  'content/sidebarWidth': (v): v is RequestOf<'content/sidebarWidth'> =>
    isRecord(v) &&
    onlyKeys(v, ['width']) &&
    typeof v.width === 'number' &&
    Number.isInteger(v.width) &&
    v.width >= 200 &&
    v.width <= 10_000,
  'sidebar/takePending': (v): v is RequestOf<'sidebar/takePending'> =>
    isRecord(v) && onlyKeys(v, ['token']) && isId(v.token),
  'settings/applied': isEmpty,
};

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && Object.hasOwn(REQUEST_VALIDATORS, value);
}

/** Checks a TurnCommand posted on a `turn` port. */
export function isTurnCommand(v: unknown): v is TurnCommand {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'send':
      return (
        onlyKeys(v, [
          'type',
          'conversationId',
          'text',
          'context',
          'model',
          'bot',
          'systemPrompt',
        ]) &&
        (v.conversationId === null || isId(v.conversationId)) &&
        isText(v.text) &&
        v.text.trim().length > 0 &&
        optional(v, 'context', isPageContext) &&
        optional(v, 'model', isModelName) &&
        optional(v, 'bot', isChosenBot) &&
        optional(v, 'systemPrompt', isText)
      );
    case 'regenerate':
      return onlyKeys(v, ['type', 'conversationId']) && isId(v.conversationId);
    case 'edit':
      return (
        onlyKeys(v, ['type', 'conversationId', 'messageId', 'text']) &&
        isId(v.conversationId) &&
        isId(v.messageId) &&
        isText(v.text) &&
        v.text.trim().length > 0
      );
    case 'summarize':
      return (
        onlyKeys(v, ['type', 'conversationId', 'prompt', 'context', 'parts']) &&
        (v.conversationId === null || isId(v.conversationId)) &&
        isText(v.prompt) &&
        v.prompt.trim().length > 0 &&
        isPageContext(v.context, MAX_PAGE_TEXT) &&
        typeof v.context.text === 'string' &&
        v.context.text.trim().length > 0 &&
        optional(v, 'parts', (n) => typeof n === 'number' && Number.isInteger(n) && n >= 1)
      );
    case 'resume-summary':
      return onlyKeys(v, ['type', 'conversationId']) && isId(v.conversationId);
    case 'retry':
    case 'continue':
      return (
        onlyKeys(v, ['type', 'conversationId', 'messageId']) &&
        isId(v.conversationId) &&
        isId(v.messageId)
      );
    default:
      return false;
  }
}

/** Checks the command posted on a `watch` port. */
export function isWatchCommand(v: unknown): v is WatchCommand {
  return isRecord(v) && v.type === 'watch' && isId(v.conversationId);
}

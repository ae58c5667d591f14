/** Errors as the worker hands them to views: typed kinds, plain data, never a thrown object. */
import { CHAT_ERROR_KINDS, type ChatErrorKind } from '../provider/types';
import { type Language, tIn } from '../shared/i18n';
import './words';
import type { StoredError } from '../shared/model';

export const ERROR_KINDS: readonly ChatErrorKind[] = CHAT_ERROR_KINDS;

export function isErrorKind(value: unknown): value is ChatErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

/**
 * Words for the user, kept as a message key until the error leaves the worker: there, the
 * language of the settings it answers for puts them into words (toStoredError).
 */
export interface Words {
  key: string;
  args: ReadonlyArray<string | number>;
}

export function words(key: string, ...args: Array<string | number>): Words {
  return { key, args };
}

/** A refusal a handler means to send back as is (bad input, unknown id, missing permission). */
export class HandlerError extends Error {
  override name = 'HandlerError';
  readonly words: Words | undefined;
  constructor(
    readonly kind: ChatErrorKind,
    message: string | Words,
    readonly detail?: string,
  ) {
    // The English words stand in the log and wherever no language is known.
    super(typeof message === 'string' ? message : tIn('en', message.key, ...message.args));
    this.words = typeof message === 'string' ? undefined : message;
  }
}

/**
 * Any thrown value as a StoredError. ChatError (and anything shaped like it) keeps its kind and
 * detail; anything else is a `protocol` error with its message. Our own words (an error's
 * `words`) are said in `language`.
 */
export function toStoredError(error: unknown, language: Language): StoredError {
  if (typeof error === 'object' && error !== null) {
    const { kind, message, detail, words } = error as {
      kind?: unknown;
      message?: unknown;
      detail?: unknown;
      words?: Words;
    };
    const said = words ? tIn(language, words.key, ...words.args) : message;
    if (isErrorKind(kind)) {
      return {
        kind,
        message: typeof said === 'string' && said ? said : kind,
        ...(typeof detail === 'string' ? { detail } : {}),
      };
    }
    if (typeof said === 'string') return { kind: 'protocol', message: said };
  }
  return { kind: 'protocol', message: String(error) };
}

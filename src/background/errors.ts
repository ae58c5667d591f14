/** Errors as the worker hands them to views: typed kinds, plain data, never a thrown object. */
import type { ChatErrorKind } from '../provider/types';
import type { StoredError } from '../shared/model';

/** A record, not a list, so that a kind added to ChatErrorKind fails the build until it is here. */
const KNOWN: Record<ChatErrorKind, true> = {
  network: true,
  timeout: true,
  nonce: true,
  challenge: true,
  'not-a-chat-site': true,
  'plugin-missing': true,
  quota: true,
  banned: true,
  upstream: true,
  server: true,
  protocol: true,
  cut: true,
  'invalid-message': true,
  refused: true,
  permission: true,
  'storage-full': true,
  offline: true,
  aborted: true,
};

export const ERROR_KINDS: readonly ChatErrorKind[] = Object.keys(KNOWN) as ChatErrorKind[];

export function isErrorKind(value: unknown): value is ChatErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}

/** A refusal a handler means to send back as is (bad input, unknown id, missing permission). */
export class HandlerError extends Error {
  override name = 'HandlerError';
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/**
 * Any thrown value as a StoredError. ChatError (and anything shaped like it) keeps its kind and
 * detail; anything else is a `protocol` error with its message.
 */
export function toStoredError(error: unknown): StoredError {
  if (typeof error === 'object' && error !== null) {
    const { kind, message, detail } = error as {
      kind?: unknown;
      message?: unknown;
      detail?: unknown;
    };
    if (isErrorKind(kind)) {
      return {
        kind,
        message: typeof message === 'string' && message ? message : kind,
        ...(typeof detail === 'string' ? { detail } : {}),
      };
    }
    if (typeof message === 'string') return { kind: 'protocol', message };
  }
  return { kind: 'protocol', message: String(error) };
}

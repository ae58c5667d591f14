import type { ChatErrorKind } from './types';

/** A chat failure the UI can act on: `kind` says what happened, `detail` keeps the raw server text. */
export class ChatError extends Error {
  override name = 'ChatError';
  readonly kind: ChatErrorKind;
  readonly detail: string | undefined;
  readonly status: number | undefined;

  constructor(
    kind: ChatErrorKind,
    message: string,
    options: { detail?: string; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.detail = options.detail;
    this.status = options.status;
  }

  /** A plain object that survives structured cloning and JSON. */
  toJSON(): { kind: ChatErrorKind; message: string; detail?: string; status?: number } {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/** The page has no chat tokens (the original provider raised RuntimeError here). */
export class MissingTokensError extends ChatError {
  override name = 'MissingTokensError';
  readonly missing: string[];
  readonly pageUrl: string;

  constructor(missing: string[], pageUrl: string, detail?: string) {
    super(
      'not-a-chat-site',
      `No chat found on ${pageUrl}: missing ${missing.join(', ')}.`,
      detail === undefined ? {} : { detail },
    );
    this.missing = missing;
    this.pageUrl = pageUrl;
  }
}

export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

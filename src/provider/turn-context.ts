/**
 * What every step of a turn shares: the options resolved with their defaults, the progress
 * callback made safe, and this process's client id.
 */
import { generateClientId } from './client-id';
import { ChatError } from './errors';
import type { SiteFetchOptions } from './http';
import { DEFAULT_SITE, normalizeSite } from './site-url';
import type { ErrorEvent } from './reply';
import type { ChatOptions, ProgressEvent } from './types';

/** Defaults chosen for a free site behind a slow model: generous, but a dead site is noticed. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
/** Most history entries sent when neither the caller nor the page says (the 1.9.18 default). */
export const DEFAULT_MEMORY_LIMIT = 100;

let processClientId: string | undefined;

/** The client id of this process when the caller keeps none (the CLI keeps one per installation). */
export function defaultClientId(): string {
  return (processClientId ??= generateClientId());
}

export interface TurnContext {
  site: string;
  bot: string | undefined;
  guardOptions: {
    signal: AbortSignal | undefined;
    firstByteTimeoutMs: number;
    idleTimeoutMs: number;
  };
  http: SiteFetchOptions;
  progress: (event: ProgressEvent) => void;
}

export function resolveContext(options: ChatOptions): TurnContext {
  return {
    site: normalizeSite(options.site ?? DEFAULT_SITE),
    bot: options.bot === undefined || options.bot === '' ? undefined : options.bot,
    guardOptions: {
      signal: options.signal,
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    },
    http: { proxy: options.proxy, fetch: options.fetch },
    progress: (event) => {
      try {
        options.onProgress?.(event);
      } catch {
        // A listener's failure is not the turn's failure.
      }
    },
  };
}

/** Throws the ChatError an error event describes. */
export function fail(event: ErrorEvent, status?: number): never {
  throw new ChatError(event.kind, event.message, {
    ...(event.detail === undefined ? {} : { detail: event.detail }),
    ...(status === undefined ? {} : { status }),
  });
}

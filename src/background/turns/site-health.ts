/**
 * Which sites failed lately, so the next message goes straight to one that works. A failure
 * of the site (unreachable, a browser check, a server error…) is remembered for a few minutes;
 * an answer from the site, or the time running out, forgets it. In memory only: a restarted
 * worker simply tries the default site again.
 */
import type { ChatErrorKind } from '../../provider/types';

/** How long a failing site is passed over. */
export const FAILING_FOR_MS = 3 * 60_000;

export interface SiteFailure {
  kind: ChatErrorKind;
  /** Epoch ms after which the site is tried first again. */
  until: number;
}

export class SiteHealth {
  private readonly failures = new Map<string, SiteFailure>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = FAILING_FOR_MS,
  ) {}

  failed(site: string, kind: ChatErrorKind): void {
    this.failures.set(key(site), { kind, until: this.now() + this.ttlMs });
  }

  answered(site: string): void {
    this.failures.delete(key(site));
  }

  /** The site's recent failure, while it is remembered. */
  failure(site: string): SiteFailure | undefined {
    const failure = this.failures.get(key(site));
    if (!failure) return undefined;
    if (failure.until > this.now()) return failure;
    this.failures.delete(key(site));
    return undefined;
  }
}

function key(site: string): string {
  return site.replace(/\/+$/, '');
}

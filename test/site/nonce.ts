// WordPress nonces (wp-includes/pluggable.php): 10 hex characters of an HMAC over
// "<tick>|<action>|<uid>|<session token>", valid for their own tick and the one before.
// Anonymous visitors only: uid 0 and an empty session token, so every visitor gets the same nonce.
import { createHmac, randomBytes } from 'node:crypto';

export class NonceBook {
  private secret = randomBytes(16).toString('hex');

  constructor(private lifeSec: number) {}

  setLife(lifeSec: number): void {
    this.lifeSec = lifeSec;
  }

  /** `wp_nonce_tick`: ceil(time / (life / 2)). */
  private tick(nowMs: number): number {
    return Math.ceil(nowMs / 1000 / (this.lifeSec / 2));
  }

  private hash(tick: number, action: string): string {
    const digest = createHmac('md5', this.secret).update(`${tick}|${action}|0|`).digest('hex');
    return digest.slice(-12, -2);
  }

  create(action: string, nowMs = Date.now()): string {
    return this.hash(this.tick(nowMs), action);
  }

  /** `wp_verify_nonce`: 1 (current half-life), 2 (previous one) or false. */
  verify(nonce: string | undefined, action: string, nowMs = Date.now()): 1 | 2 | false {
    if (!nonce) return false;
    const tick = this.tick(nowMs);
    if (nonce === this.hash(tick, action)) return 1;
    if (nonce === this.hash(tick - 1, action)) return 2;
    return false;
  }

  /** Invalidate every nonce issued so far, as changing NONCE_KEY/NONCE_SALT would. */
  rotate(): void {
    this.secret = randomBytes(16).toString('hex');
  }
}

/** The nonce actions the plugin uses. */
export const NONCE_ACTIONS = {
  chat: 'wpaicg-chatbox',
  image: 'wpaicg-image-nonce',
  aipkit: 'aipkit_frontend_chat_nonce',
} as const;

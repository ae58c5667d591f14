/**
 * What survives worker restarts besides the store: the site tokens (so a restarted worker does
 * not fetch the page again before its next message) and the per-installation client id (the
 * site's guest quota bucket). Both live in storage.local.
 */
import type { SiteTokens, TokenCache } from '../provider/types';

/** The storage.local calls used here (the real area, or a fake in tests). */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const TOKENS_PREFIX = 'tokens:';
const CLIENT_ID_KEY = 'clientId';

function looksLikeTokens(value: unknown): value is SiteTokens {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<SiteTokens>;
  return (
    typeof v.nonce === 'string' && typeof v.ajaxUrl === 'string' && typeof v.fetchedAt === 'number'
  );
}

export function storageTokenCache(area: StorageAreaLike): TokenCache {
  return {
    async get(key) {
      const name = TOKENS_PREFIX + key;
      const found = (await area.get(name))[name];
      return looksLikeTokens(found) ? found : undefined;
    },
    async set(key, tokens) {
      await area.set({ [TOKENS_PREFIX + key]: tokens });
    },
    async delete(key) {
      await area.remove(TOKENS_PREFIX + key);
    },
  };
}

/** The installation's client id, created once. */
export async function getClientId(area: StorageAreaLike, generate: () => string): Promise<string> {
  const found = (await area.get(CLIENT_ID_KEY))[CLIENT_ID_KEY];
  if (typeof found === 'string' && found.length > 0) return found;
  const id = generate();
  await area.set({ [CLIENT_ID_KEY]: id });
  return id;
}

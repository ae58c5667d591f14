/** Token caches: where SiteTokens live between turns. */
import type { SiteTokens, TokenCache } from './types';

/** A cache in this process's memory (Node, tests, one page's lifetime). */
export function memoryTokenCache(): TokenCache {
  const entries = new Map<string, SiteTokens>();
  return {
    get: (key) => Promise.resolve(entries.get(key)),
    set: (key, tokens) => {
      entries.set(key, tokens);
      return Promise.resolve();
    },
    delete: (key) => {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}

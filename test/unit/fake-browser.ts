/**
 * A small in-memory stand-in for the part of the `browser` API the unit-tested code calls: the
 * storage areas, scripting, tabs, the action, runtime, and the session rules of
 * declarativeNetRequest. Every unit test gets it through the alias (browser-module.ts).
 */
import { vi } from 'vitest';

type Items = Record<string, unknown>;

/** The fields of a declarativeNetRequest rule the tests read. */
interface DynamicRule {
  id: number;
  condition: { urlFilter?: string; initiatorDomains?: string[] };
}

function area(store: Map<string, unknown>) {
  return {
    get: vi.fn(async (key?: string | string[] | null): Promise<Items> => {
      const keys = key == null ? [...store.keys()] : Array.isArray(key) ? key : [key];
      const out: Items = {};
      for (const k of keys) if (store.has(k)) out[k] = structuredClone(store.get(k));
      return out;
    }),
    set: vi.fn(async (items: Items) => {
      for (const [k, v] of Object.entries(items)) store.set(k, structuredClone(v));
    }),
    remove: vi.fn(async (key: string | string[]) => {
      for (const k of Array.isArray(key) ? key : [key]) store.delete(k);
    }),
  };
}

export function createFakeBrowser() {
  const local = new Map<string, unknown>();
  const session = new Map<string, unknown>();
  const registered = new Map<string, Record<string, unknown>>();
  const sessionRules: DynamicRule[] = [];
  return {
    local,
    session,
    registered,
    /** declarativeNetRequest's session rules, in order; `updateSessionRules` calls counted. */
    sessionRules,
    storage: {
      local: area(local),
      session: area(session),
      onChanged: { addListener: vi.fn(), removeListener: vi.fn() },
    },
    scripting: {
      executeScript: vi.fn(async (_options: unknown): Promise<Array<{ result?: unknown }>> => [
        { result: '' },
      ]),
      getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
        [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(String(s.id))),
      ),
      registerContentScripts: vi.fn(async (scripts: Array<Record<string, unknown>>) => {
        for (const s of scripts) {
          if (registered.has(String(s.id)))
            throw new Error(`Duplicate script ID '${String(s.id)}'`);
          registered.set(String(s.id), s);
        }
      }),
      updateContentScripts: vi.fn(async (scripts: Array<Record<string, unknown>>) => {
        for (const s of scripts)
          registered.set(String(s.id), { ...registered.get(String(s.id)), ...s });
      }),
      unregisterContentScripts: vi.fn(async (filter: { ids: string[] }) => {
        for (const id of filter.ids) registered.delete(id);
      }),
    },
    tabs: {
      sendMessage: vi.fn(
        async (_tabId: number, _message: unknown, _options?: unknown): Promise<unknown> => ({
          open: true,
        }),
      ),
      query: vi.fn(async () => [] as Array<{ id?: number; url?: string }>),
    },
    action: { openPopup: vi.fn(async () => undefined) },
    runtime: {
      getURL: (path: string) => `chrome-extension://test/${path}`,
      id: 'test',
      getPlatformInfo: vi.fn(async () => ({ os: 'linux' })),
      sendMessage: vi.fn(async (_message: unknown): Promise<unknown> => undefined),
    },
    declarativeNetRequest: {
      getSessionRules: vi.fn(async () => structuredClone(sessionRules)),
      updateSessionRules: vi.fn(
        async (update: { removeRuleIds?: number[]; addRules?: DynamicRule[] }) => {
          const removed = new Set(update.removeRuleIds ?? []);
          const kept = sessionRules.filter((rule) => !removed.has(rule.id));
          sessionRules.splice(0, sessionRules.length, ...kept, ...(update.addRules ?? []));
        },
      ),
    },
  };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

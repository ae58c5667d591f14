/**
 * What the CLI keeps per installation: the client id (the site's guest quota bucket, as the
 * plugin's JS keeps it in localStorage) and the chat tokens of each site (so a warm message
 * costs one request). A folder that cannot be written only costs that: nothing fails.
 */
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { generateClientId, isClientId, type SiteTokens, type TokenCache } from '../provider';

/** Tokens older than this are read again: a nonce lives 12 to 24 hours (docs/protocol.md#nonce-life-and-refresh). */
const TOKEN_MAX_AGE_MS = 10 * 60 * 60 * 1000;

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CHATGPTT_CONFIG_DIR']) return env['CHATGPTT_CONFIG_DIR'];
  if (platform() === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'chatgptt');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Application Support', 'chatgptt');
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'chatgptt');
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function writeText(dir: string, name: string, text: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = join(dir, `.${name}.${process.pid}`);
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, join(dir, name));
  } catch {
    // Read-only home, sandbox: the id is then per run, the tokens per process.
  }
}

/** The installation's client id, created on first use. */
export function installationClientId(dir = configDir()): string {
  const stored = readText(join(dir, 'client-id'))?.trim();
  if (stored !== undefined && isClientId(stored)) return stored;
  const id = generateClientId();
  writeText(dir, 'client-id', `${id}\n`);
  return id;
}

/** A token cache in `tokens.json` of the config folder. */
export function fileTokenCache(dir = configDir()): TokenCache {
  const load = (): Record<string, SiteTokens> => {
    try {
      const value: unknown = JSON.parse(readText(join(dir, 'tokens.json')) ?? '{}');
      return value !== null && typeof value === 'object'
        ? (value as Record<string, SiteTokens>)
        : {};
    } catch {
      return {};
    }
  };
  const save = (all: Record<string, SiteTokens>): void =>
    writeText(dir, 'tokens.json', `${JSON.stringify(all, null, 2)}\n`);
  return {
    get: (key) => {
      const tokens = load()[key];
      // An age below zero means the clock moved back (or was ahead when they were saved): such
      // tokens are of unknown age, so they are read again rather than trusted for ever.
      const age = tokens === undefined ? -1 : Date.now() - tokens.fetchedAt;
      const fresh =
        tokens !== undefined &&
        typeof tokens.nonce === 'string' &&
        age >= 0 &&
        age < TOKEN_MAX_AGE_MS;
      return Promise.resolve(fresh ? tokens : undefined);
    },
    set: (key, tokens) => {
      save({ ...load(), [key]: tokens });
      return Promise.resolve();
    },
    delete: (key) => {
      const all = load();
      delete all[key];
      save(all);
      return Promise.resolve();
    },
  };
}

/**
 * Typed settings: a defaults object plus ordered migrations, pure (no extension API), so views,
 * the worker and tests share them. Reading and writing them in storage.local is
 * settings-storage.ts.
 */
import { MESSAGE_LIMIT } from './message-limit';
import { DEFAULT_SITE } from './site-url';
import { DEFAULT_MODEL, type ModelName } from './models';
import { checkSettings } from './settings-check';

/** The outcome of the site's last connection check (the options page's self-test). */
export interface SiteCheck {
  ok: boolean;
  /** Epoch ms of the check. */
  at: number;
  /** The failure's kind (a `ChatErrorKind`) when it failed. */
  kind?: string;
}

export interface SiteEntry {
  /** URL of the page that hosts the chat. */
  url: string;
  /** Last check; a failed one keeps the site out of fallback until a later check passes. */
  check?: SiteCheck;
}

export interface QuickAction {
  id: string;
  title: string;
  /** The prompt; `{{selection}}` is replaced by the selected text. */
  prompt: string;
  builtin?: boolean;
}

export interface ProxySettings {
  enabled: boolean;
  scheme: 'http' | 'https' | 'socks5';
  host: string;
  port: number;
}

export interface Settings {
  /** Schema version of this object; migrations bring older ones up to date. */
  version: number;
  sites: SiteEntry[];
  /** URL of the default site; one of `sites`. */
  defaultSite: string;
  /** When the default site fails with a site-side error, ask the next site. */
  fallback: boolean;
  model: ModelName;
  systemPrompt: string;
  memoryMode: 'plugin' | 'single-prompt';
  /** Most history entries sent with a message. */
  memoryLimit: number;
  quickActions: QuickAction[];
  /** The opt-in floating "Ask" button on selections. */
  selectionButton: boolean;
  /** Hostnames where the selection button never shows. */
  selectionDenyList: string[];
  /** Most characters of selected or page text sent as context. */
  contextBudget: number;
  sidebarWidth: number;
  sidebarMode: 'overlay' | 'push';
  /** Where the sidebar opens: in the page (our own host) or in the browser's side panel. */
  sidebarSurface: 'page' | 'panel';
  proxy: ProxySettings;
  theme: 'system' | 'light' | 'dark';
  language: 'auto' | 'en' | 'ru';
  /** Which key sends in the composer; the other one adds a line. */
  sendKey: 'enter' | 'ctrl-enter';
  /** Text size of the chat (popup, sidebar, side panel). */
  fontSize: 'small' | 'normal' | 'large';
  /** Spacing of the chat: compact fits more messages, comfortable breathes. */
  density: 'compact' | 'comfortable';
  firstByteTimeoutSec: number;
  idleTimeoutSec: number;
  /** An answer that failed offline is sent again, once, when the browser is back online. */
  autoResend: boolean;
}

export const DEFAULT_QUICK_ACTIONS: QuickAction[] = [
  { id: 'explain', title: 'Explain', prompt: 'Explain this:\n\n{{selection}}', builtin: true },
  {
    id: 'summarize',
    title: 'Summarize',
    prompt: 'Summarize this:\n\n{{selection}}',
    builtin: true,
  },
  {
    id: 'translate',
    title: 'Translate',
    prompt: 'Translate this into {{language}}:\n\n{{selection}}',
    builtin: true,
  },
  {
    id: 'proofread',
    title: 'Proofread',
    prompt: 'Proofread this and list the corrections:\n\n{{selection}}',
    builtin: true,
  },
];

export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  sites: [{ url: DEFAULT_SITE }],
  defaultSite: DEFAULT_SITE,
  fallback: true,
  model: DEFAULT_MODEL,
  systemPrompt: '',
  memoryMode: 'plugin',
  memoryLimit: 20,
  quickActions: DEFAULT_QUICK_ACTIONS,
  selectionButton: false,
  selectionDenyList: [],
  contextBudget: MESSAGE_LIMIT,
  sidebarWidth: 420,
  sidebarMode: 'overlay',
  sidebarSurface: 'page',
  proxy: { enabled: false, scheme: 'http', host: '', port: 8080 },
  theme: 'system',
  language: 'auto',
  sendKey: 'enter',
  fontSize: 'normal',
  density: 'comfortable',
  firstByteTimeoutSec: 30,
  idleTimeoutSec: 30,
  autoResend: false,
};

type Raw = Record<string, unknown>;
/** Ordered migrations: index i brings version i to i+1. Never edit one that has shipped. */
const MIGRATIONS: Array<(raw: Raw) => Raw> = [
  // 0 → 1: the first versioned shape; anything unversioned is taken as-is over the defaults.
  (raw) => ({ ...raw, version: 1 }),
];

/** Brings a stored object up to date and fills missing keys from the defaults. */
export function migrateSettings(stored: unknown): Settings {
  let raw: Raw = stored && typeof stored === 'object' ? { ...(stored as Raw) } : {};
  let version = typeof raw.version === 'number' ? raw.version : 0;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    raw = step(raw);
    version += 1;
  }
  return checkSettings(
    { ...DEFAULT_SETTINGS, ...raw, version: SETTINGS_VERSION },
    DEFAULT_SETTINGS,
  );
}

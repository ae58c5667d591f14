/**
 * What the worker acts on from stored settings is checked as it checks messages (issue 22.8):
 * storage is ours, but nothing should trust it blindly (Firefox lets content scripts write it).
 * A value of the wrong kind falls back to its default; chat sites must be http(s) addresses, the
 * proxy a plain host name or IPv6 literal with a real port.
 */
import type { ProxySettings, Settings, SiteCheck } from './settings';

type Raw = Record<string, unknown>;

export function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const PROXY_SCHEMES: readonly string[] = ['http', 'https', 'socks5'];
const PROXY_HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:]{2,45}\]$/;

function checkProxy(value: unknown, fallback: ProxySettings): ProxySettings {
  if (typeof value !== 'object' || value === null) return fallback;
  const raw = value as Raw;
  const scheme = PROXY_SCHEMES.includes(raw.scheme as string)
    ? (raw.scheme as ProxySettings['scheme'])
    : fallback.scheme;
  const host = typeof raw.host === 'string' && (raw.host === '' || PROXY_HOST.test(raw.host));
  const port =
    Number.isInteger(raw.port) && (raw.port as number) > 0 && (raw.port as number) < 65536;
  return {
    enabled: raw.enabled === true && host && raw.host !== '' && port,
    scheme,
    host: host ? (raw.host as string) : '',
    port: port ? (raw.port as number) : fallback.port,
  };
}

const ONE_OF: Partial<Record<keyof Settings, readonly unknown[]>> = {
  memoryMode: ['plugin', 'single-prompt'],
  sidebarMode: ['overlay', 'push'],
  theme: ['system', 'light', 'dark'],
  language: ['auto', 'en', 'ru'],
  sendKey: ['enter', 'ctrl-enter'],
  fontSize: ['small', 'normal', 'large'],
  density: ['compact', 'comfortable'],
};

/** `merged` is the stored object over the defaults; returns it with every bad value replaced. */
export function checkSettings(merged: Raw, defaults: Settings): Settings {
  const out: Raw = { ...merged };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = out[key];
    const sameKind = Array.isArray(fallback)
      ? Array.isArray(value)
      : typeof value === typeof fallback && (typeof value !== 'number' || Number.isFinite(value));
    const allowed = ONE_OF[key as keyof Settings];
    if (!sameKind || (allowed && !allowed.includes(value))) out[key] = fallback;
  }
  const sites = (out.sites as unknown[]).filter(
    (site): site is { url: string } =>
      typeof site === 'object' && site !== null && isWebUrl((site as Raw).url),
  );
  out.sites = sites.length > 0 ? sites.map(checkSite) : defaults.sites;
  if (!isWebUrl(out.defaultSite)) out.defaultSite = (out.sites as Array<{ url: string }>)[0]?.url;
  out.selectionDenyList = (out.selectionDenyList as unknown[]).filter(
    (entry) => typeof entry === 'string',
  );
  out.proxy = checkProxy(out.proxy, defaults.proxy);
  return out as unknown as Settings;
}

/** A site keeps its last check only when that check is well formed. */
function checkSite(site: { url: string; check?: unknown }): { url: string; check?: SiteCheck } {
  const check = site.check as Raw | undefined;
  const valid =
    typeof check === 'object' &&
    check !== null &&
    typeof check.ok === 'boolean' &&
    typeof check.at === 'number' &&
    (check.kind === undefined || typeof check.kind === 'string');
  if (valid) return { url: site.url, check: check as unknown as SiteCheck };
  return { url: site.url };
}

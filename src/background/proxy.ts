/**
 * "Route the chat site through a proxy". Only the chat sites' hosts go through it; every other
 * request of the browser stays direct.
 *   Chrome: a PAC script set with proxy.settings (cleared again when the setting is off).
 *   Firefox: a proxy.onRequest listener filtered to the sites' URLs.
 * The `proxy` permission is optional on Firefox: without it this does nothing.
 */
import browser from '../shared/browser';
import type { ProxySettings, Settings } from '../shared/settings';

/** The host names of the configured chat sites. */
export function siteHosts(settings: Pick<Settings, 'sites' | 'defaultSite'>): string[] {
  const hosts = new Set<string>();
  for (const url of [settings.defaultSite, ...settings.sites.map((s) => s.url)]) {
    try {
      hosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // A malformed site URL routes nothing.
    }
  }
  return [...hosts];
}

export function isProxyUsable(proxy: ProxySettings): boolean {
  return (
    proxy.enabled &&
    /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:]+\]$/.test(proxy.host) &&
    Number.isInteger(proxy.port) &&
    proxy.port > 0 &&
    proxy.port < 65536
  );
}

const PAC_KEYWORD: Record<ProxySettings['scheme'], string> = {
  http: 'PROXY',
  https: 'HTTPS',
  socks5: 'SOCKS5',
};

/** A PAC script that sends `hosts` through the proxy and everything else direct. */
export function pacScript(proxy: ProxySettings, hosts: string[]): string {
  const target = `${PAC_KEYWORD[proxy.scheme]} ${proxy.host}:${proxy.port}`;
  return [
    'function FindProxyForURL(url, host) {',
    `  var hosts = ${JSON.stringify(hosts)};`,
    '  host = host.toLowerCase();',
    '  for (var i = 0; i < hosts.length; i++) {',
    `    if (host === hosts[i]) return ${JSON.stringify(target)};`,
    '  }',
    '  return "DIRECT";',
    '}',
  ].join('\n');
}

/** Match patterns of the sites, for Firefox's onRequest filter. */
export function sitePatterns(hosts: string[]): string[] {
  return hosts.map((host) => `*://${host}/*`);
}

// ---- Firefox ---------------------------------------------------------------------------------

interface FirefoxProxyInfo {
  type: 'http' | 'https' | 'socks';
  host: string;
  port: number;
  proxyDNS?: boolean;
}

interface FirefoxProxyApi {
  onRequest: {
    addListener(listener: (details: unknown) => FirefoxProxyInfo, filter: { urls: string[] }): void;
    removeListener(listener: (details: unknown) => FirefoxProxyInfo): void;
  };
}

let firefoxListener: ((details: unknown) => FirefoxProxyInfo) | undefined;

function firefoxProxy(): FirefoxProxyApi | undefined {
  const api = (browser as unknown as { proxy?: Partial<FirefoxProxyApi> }).proxy;
  return api?.onRequest ? (api as FirefoxProxyApi) : undefined;
}

function applyFirefox(api: FirefoxProxyApi, settings: Settings): void {
  if (firefoxListener) api.onRequest.removeListener(firefoxListener);
  firefoxListener = undefined;
  if (!isProxyUsable(settings.proxy)) return;
  const { scheme, host, port } = settings.proxy;
  const info: FirefoxProxyInfo =
    scheme === 'socks5'
      ? { type: 'socks', host, port, proxyDNS: true }
      : { type: scheme, host, port };
  firefoxListener = () => info;
  api.onRequest.addListener(firefoxListener, { urls: sitePatterns(siteHosts(settings)) });
}

// ---- Chrome ----------------------------------------------------------------------------------

interface ChromeProxySettings {
  set(details: { value: unknown; scope: 'regular' }): Promise<void>;
  clear(details: { scope: 'regular' }): Promise<void>;
}

function chromeProxySettings(): ChromeProxySettings | undefined {
  const api = (browser as unknown as { proxy?: { settings?: ChromeProxySettings } }).proxy;
  return api?.settings?.set ? api.settings : undefined;
}

/** Makes the browser's proxy configuration match the settings. Never throws. */
export async function applyProxy(settings: Settings): Promise<void> {
  try {
    if (firefoxProxy() && navigator.userAgent.includes('Firefox')) {
      applyFirefox(firefoxProxy() as FirefoxProxyApi, settings);
      return;
    }
    const chromeSettings = chromeProxySettings();
    if (!chromeSettings) return;
    const wanted = isProxyUsable(settings.proxy)
      ? pacScript(settings.proxy, siteHosts(settings))
      : '';
    if (wanted) {
      await chromeSettings.set({
        value: { mode: 'pac_script', pacScript: { data: wanted } },
        scope: 'regular',
      });
    } else {
      await chromeSettings.clear({ scope: 'regular' });
    }
  } catch (error) {
    console.warn('[chatgptt] could not apply the proxy settings', error);
  }
}

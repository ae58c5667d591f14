/**
 * Where the real-plugin tier lives: the three sites, the echo model, the state folder. Shared by
 * the set-up code (scripts/test-plugin.ts) and the tests, which read it from the environment the
 * runner hands them. Ports are loopback only and configurable (PLUGIN_TIER_PORT), so the tier
 * can run beside anything else on the machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The pinned plugin versions, one per site (see ../shared/real-plugin/README.md). */
export const SITES = {
  a: { version: '1.9.18', generation: 'G4', title: 'ChatGptt tier A (AI Power 1.9.18)' },
  b: { version: '2.4.71', generation: 'G5', title: 'ChatGptt tier B (AI Power 2.4.71)' },
  c: { version: '1.8.79', generation: 'G2', title: 'ChatGptt tier C (AI Power 1.8.79)' },
} as const;
export type SiteName = keyof typeof SITES;
export const SITE_NAMES = Object.keys(SITES) as SiteName[];

/** First port of the block: sites on +1..+3, the echo model on +9. */
export function basePort(): number {
  const raw = process.env.PLUGIN_TIER_PORT ?? '18460';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65_000)
    throw new Error(`PLUGIN_TIER_PORT must be a port number between 1024 and 65000, not ${raw}`);
  return port;
}

export const sitePort = (name: SiteName): number => basePort() + 1 + SITE_NAMES.indexOf(name);
export const modelPort = (): number => basePort() + 9;

/** One folder for everything the tier writes while it runs (databases, logs, Apache's config). */
export const stateDir = (): string =>
  process.env.PLUGIN_TIER_STATE ?? join('/tmp', `chatgptt-plugin-tier-${basePort()}`);

/** The Debian WordPress package reads /etc/wordpress/config-<name>.php for `SetEnv WORDPRESS_CONFIG`. */
export const wpConfigName = (name: SiteName): string => `chatgptt-tier-${basePort()}-${name}`;
export const wpConfigFile = (name: SiteName): string =>
  `/etc/wordpress/config-${wpConfigName(name)}.php`;

/** What the runner hands the tests (PLUGIN_TIER_INFO, a JSON file in the state folder). */
export interface TierInfo {
  /** `local`: this harness runs the sites (nonce rotation and the model log work); `external`: PLUGIN_SITE_*. */
  mode: 'local' | 'external';
  sites: Partial<Record<SiteName, string>>;
  /** The echo model's request log (JSON lines), local mode only. */
  modelLog?: string;
  /** Apache's config file, for a graceful restart after a nonce rotation (local mode only). */
  apacheConfig?: string;
}

/** Sites given by a contributor who runs WordPress their own way (no set-up then). */
export function externalSites(): Partial<Record<SiteName, string>> | undefined {
  const sites: Partial<Record<SiteName, string>> = {};
  for (const name of SITE_NAMES) {
    const url = process.env[`PLUGIN_SITE_${name.toUpperCase()}`];
    if (url) sites[name] = url.replace(/\/+$/, '');
  }
  return Object.keys(sites).length ? sites : undefined;
}

/** The tier the tests run against; throws a clear message when run outside `npm run test:plugin`. */
export function tierInfo(): TierInfo {
  const file = process.env.PLUGIN_TIER_INFO;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as TierInfo;
  const sites = externalSites();
  if (sites) return { mode: 'external', sites };
  throw new Error(
    'The real-plugin tests run through `npm run test:plugin` (it sets up WordPress), or with PLUGIN_SITE_A/B/C set.',
  );
}

/**
 * Stands up the three real WordPress sites of the tier, privately: a MariaDB server and an Apache
 * of our own (own data folder, socket, config, pid file, loopback ports), the Debian `wordpress`
 * 6.1 code, and each site's own wp-content with the pinned AI Power version and the must-use
 * plugin that routes model calls to our echo model. The system's own Apache and MariaDB (if any)
 * are never touched, and `stop()` undoes everything this started or wrote outside the state folder.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  SITE_NAMES,
  SITES,
  modelPort,
  sitePort,
  stateDir,
  wpConfigFile,
  wpConfigName,
  type SiteName,
} from './config';
import { claimTier, tierState, type TierState } from './owner';
import { unpackPlugin } from './plugin-source';

const PHP_DIR = join(import.meta.dirname, 'php');
const WWW = 'www-data';
const DB_USER = 'tier';
const DB_PASSWORD = randomBytes(12).toString('hex');

function run(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${String(result.stdout ?? '')}${String(result.stderr ?? '')}`,
    );
  return String(result.stdout ?? '');
}

const idOf = (user: string): number => Number(run('id', ['-u', user]).trim());
const gidOf = (user: string): number => Number(run('id', ['-g', user]).trim());
const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

async function waitFor(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up in ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

export const paths = () => {
  const dir = stateDir();
  return {
    dir,
    db: join(dir, 'mariadb'),
    // MariaDB runs as `mysql`: its socket, pid and log live in a folder of its own.
    dbRun: join(dir, 'mysqld'),
    socket: join(dir, 'mysqld', 'mysqld.sock'),
    dbPid: join(dir, 'mysqld', 'mysqld.pid'),
    apacheConfig: join(dir, 'apache.conf'),
    apachePid: join(dir, 'apache.pid'),
    logs: join(dir, 'logs'),
    site: (name: SiteName) => join(dir, `site-${name}`),
  };
};

// ------------------------------------------------------------------ MariaDB (our own instance)

async function startMariadb(): Promise<void> {
  const p = paths();
  for (const dir of [p.db, p.dbRun]) {
    mkdirSync(dir, { recursive: true });
    chownSync(dir, idOf('mysql'), gidOf('mysql'));
  }
  run('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${p.db}`,
    '--user=mysql',
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
  ]);
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${p.db}`,
      `--socket=${p.socket}`,
      `--pid-file=${p.dbPid}`,
      `--log-error=${join(p.dbRun, 'mariadb.err')}`,
      '--skip-networking',
      '--user=mysql',
      '--innodb-buffer-pool-size=64M',
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  await waitFor(
    'MariaDB',
    () =>
      spawnSync('mariadb-admin', ['--no-defaults', `--socket=${p.socket}`, 'ping'], {
        stdio: 'ignore',
      }).status === 0,
    60_000,
  );
}

function sql(statement: string): void {
  run('mariadb', ['--no-defaults', `--socket=${paths().socket}`, '-u', 'root', '-e', statement]);
}

/** Shuts our MariaDB down and waits (up to 30 s) for the server process to be gone. */
function stopMariadb(): void {
  const p = paths();
  if (!existsSync(p.socket)) return;
  const pid = existsSync(p.dbPid) ? Number(readFileSync(p.dbPid, 'utf8').trim()) : 0;
  spawnSync('mariadb-admin', ['--no-defaults', `--socket=${p.socket}`, 'shutdown'], {
    stdio: 'ignore',
    timeout: 60_000,
  });
  waitGone(pid, 30_000);
}

function waitGone(pid: number, timeoutMs: number): void {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (pid > 0 && alive() && Date.now() < deadline) spawnSync('sleep', ['0.2']);
}

// ------------------------------------------------------------------ Apache (our own instance)

function apacheConfig(): string {
  const p = paths();
  const php = readdirSync('/usr/lib/apache2/modules').find((f) => /^libphp[\d.]*\.so$/.test(f));
  if (!php) throw new Error('libapache2-mod-php is not installed (no libphp*.so)');
  const modules = ['mpm_prefork', 'authz_core', 'dir', 'mime', 'rewrite', 'env', 'alias'];
  const vhosts = SITE_NAMES.map((name) => {
    const content = join(p.site(name), 'wp-content');
    return `Listen 127.0.0.1:${sitePort(name)}
<VirtualHost 127.0.0.1:${sitePort(name)}>
  ServerName 127.0.0.1
  DocumentRoot /usr/share/wordpress
  SetEnv WORDPRESS_CONFIG ${wpConfigName(name)}
  Alias /wp-content ${content}
  <Directory ${content}>
    Options FollowSymLinks
    Require all granted
  </Directory>
  CustomLog ${join(p.logs, `access-${name}.log`)} tier
</VirtualHost>`;
  });
  return `# The plugin tier's own Apache (test/plugin/wordpress.ts); not the system's.
PidFile ${p.apachePid}
DefaultRuntimeDir ${p.dir}
Mutex file:${p.dir} default
User ${WWW}
Group ${WWW}
ServerName 127.0.0.1
ServerTokens Prod
ServerSignature Off
ErrorLog ${join(p.logs, 'apache-error.log')}
LogLevel warn
${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
LoadModule php_module /usr/lib/apache2/modules/${php}
TypesConfig /etc/mime.types
AddType application/x-httpd-php .php
StartServers 4
MinSpareServers 2
MaxSpareServers 8
MaxRequestWorkers 24
KeepAlive On
LogFormat "%h %t \\"%r\\" %>s %B %Dus origin=\\"%{Origin}i\\"" tier
# PHP 8.2 warnings from the plugin would corrupt JSON and SSE bodies.
php_admin_flag display_errors off
php_admin_flag display_startup_errors off
php_admin_flag log_errors on
# A rotated NONCE_KEY must count on the next request, not 2 s later (opcache's default).
php_admin_value opcache.revalidate_freq 0
php_admin_value error_log ${join(p.logs, 'php-error.log')}
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory /usr/share/wordpress>
  Options FollowSymLinks
  AllowOverride None
  Require all granted
  DirectoryIndex index.php
  RewriteEngine On
  RewriteBase /
  RewriteRule ^index\\.php$ - [L]
  RewriteCond %{REQUEST_FILENAME} !-f
  RewriteCond %{REQUEST_FILENAME} !-d
  RewriteRule . /index.php [L]
</Directory>
${vhosts.join('\n')}
`;
}

async function startApache(): Promise<void> {
  const p = paths();
  writeFileSync(p.apacheConfig, apacheConfig());
  run('apache2', ['-f', p.apacheConfig, '-t']);
  run('apache2', ['-f', p.apacheConfig, '-k', 'start']);
  await waitFor('Apache', () => existsSync(p.apachePid), 20_000);
}

/** A graceful restart: in-flight requests finish, new ones see changed wp-config constants. */
export function restartApache(): void {
  run('apache2', ['-f', paths().apacheConfig, '-k', 'graceful']);
}

/** Stops our Apache and waits (up to 10 s) for it to be gone, so its ports are free again. */
function stopApache(): void {
  const p = paths();
  if (!existsSync(p.apachePid)) return;
  const pid = Number(readFileSync(p.apachePid, 'utf8').trim());
  spawnSync('apache2', ['-f', p.apacheConfig, '-k', 'stop'], { stdio: 'ignore' });
  waitGone(pid, 10_000);
}

// ------------------------------------------------------------------ the sites

const key = () =>
  randomBytes(48)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 64);
const SALTS = [
  'AUTH_KEY',
  'SECURE_AUTH_KEY',
  'LOGGED_IN_KEY',
  'NONCE_KEY',
  'AUTH_SALT',
  'SECURE_AUTH_SALT',
  'LOGGED_IN_SALT',
  'NONCE_SALT',
];

function wpConfig(name: SiteName, db: string): string {
  const url = `http://127.0.0.1:${sitePort(name)}`;
  const model = `http://127.0.0.1:${modelPort()}`;
  return `<?php
// ChatGptt plugin tier, site ${name} (AI Power ${SITES[name].version}): written by test/plugin/wordpress.ts, removed when the tier stops.
define('DB_NAME', '${db}');
define('DB_USER', '${DB_USER}');
define('DB_PASSWORD', '${DB_PASSWORD}');
define('DB_HOST', 'localhost:${paths().socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${SALTS.map((k) => `define('${k}', '${key()}');`).join('\n')}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_CONTENT_DIR', '${join(paths().site(name), 'wp-content')}');
define('WP_CONTENT_URL', '${url}/wp-content');
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);
@ini_set('display_errors', '0');
// The plugin reads its language files through WP_Filesystem; core files are root's, so 'direct'.
define('FS_METHOD', 'direct');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
// Offline: every outside call fails at once, except the model host (routed to the echo model).
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', 'api.openai.com');
define('TIER_MODEL_ORIGIN', '${model}');
define('TIER_DEAD_ORIGIN', 'http://127.0.0.1:${modelPort() - 1}');
`;
}

/**
 * The PHP scripts, copied into the tier's own folder: the clone may sit in a folder that only
 * root can enter (`mktemp -d` makes it 0700), where www-data could not read them.
 */
function phpScripts(): string {
  const dir = join(stateDir(), 'php');
  cpSync(PHP_DIR, dir, { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

function php(name: SiteName, script: string): void {
  run('runuser', ['-u', WWW, '--', 'php', join(phpScripts(), script)], {
    env: {
      PATH: process.env.PATH,
      TIER_CONFIG: wpConfigName(name),
      TIER_PORT: String(sitePort(name)),
      TIER_TITLE: SITES[name].title,
      TIER_MODEL_ORIGIN: `http://127.0.0.1:${modelPort()}`,
    },
    cwd: '/tmp',
  });
}

function prepareSite(name: SiteName): string {
  const p = paths();
  const db = `chatgptt_tier_${name}`;
  sql(
    `CREATE DATABASE IF NOT EXISTS ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';
     GRANT ALL PRIVILEGES ON ${db}.* TO '${DB_USER}'@'localhost'; FLUSH PRIVILEGES;`,
  );
  const cfg = wpConfigFile(name);
  writeFileSync(cfg, wpConfig(name, db));
  chownSync(cfg, 0, gidOf(WWW));
  chmodSync(cfg, 0o640);
  const content = join(p.site(name), 'wp-content');
  for (const sub of ['plugins', 'themes', 'mu-plugins', 'uploads'])
    mkdirSync(join(content, sub), { recursive: true });
  symlinkSync(
    '/usr/share/wordpress/wp-content/themes/twentytwentythree',
    join(content, 'themes/twentytwentythree'),
  );
  const source = unpackPlugin(
    SITES[name].version,
    join(content, 'plugins'),
    join(p.dir, 'downloads'),
  );
  copyFileSync(
    join(PHP_DIR, 'mu-model-route.php'),
    join(content, 'mu-plugins/tier-model-route.php'),
  );
  run('chown', ['-R', `${WWW}:${WWW}`, content]);
  return source;
}

/** Installs WordPress, activates the plugin through WordPress, then makes its options and pages. */
function installSite(name: SiteName): void {
  php(name, 'install.php');
  php(name, 'activate.php');
  php(name, `content-${name}.php`);
}

/**
 * Rotates a site's NONCE_KEY/NONCE_SALT: every nonce handed out before stops working. Resolves
 * once the restarted Apache serves the site again.
 */
export async function rotateNonce(name: SiteName): Promise<void> {
  const cfg = wpConfigFile(name);
  let text = readFileSync(cfg, 'utf8');
  for (const k of ['NONCE_KEY', 'NONCE_SALT'])
    text = text.replace(new RegExp(`define\\('${k}', '[^']*'\\);`), `define('${k}', '${key()}');`);
  writeFileSync(cfg, text);
  restartApache();
  const url = `http://127.0.0.1:${sitePort(name)}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} did not come back after the rotation`);
    await sleep(200);
  }
}

const pidIn = (file: string): number =>
  existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || 0 : 0;

function alive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a killed run left behind (its owner is gone): our Apache and MariaDB for this port, the
 * sites' wp-config files. Stopped the usual way, then killed if still there; says what it did.
 */
function clearStale(state: Extract<TierState, { kind: 'stale' }>): string {
  const p = paths();
  const apache = pidIn(p.apachePid);
  const db = pidIn(p.dbPid);
  stopApache();
  stopMariadb();
  for (const pid of [apache, db].filter(alive)) {
    process.kill(pid, 'SIGKILL');
    waitGone(pid, 5_000);
  }
  for (const name of SITE_NAMES) rmSync(wpConfigFile(name), { force: true });
  rmSync(p.dir, { recursive: true, force: true });
  const who = state.owner ? `run pid ${state.owner.pid}, no longer running` : 'no owner recorded';
  return `cleared a stale tier in ${p.dir} (${who}): stopped its Apache (pid ${apache || 'none'}) and MariaDB (pid ${db || 'none'})`;
}

export interface Stack {
  sites: Record<SiteName, string>;
  sources: string[];
  stop(): void;
}

/** Starts MariaDB and Apache, sets the three sites up and checks each front page answers 200. */
export async function standUp(log: (line: string) => void): Promise<Stack> {
  const p = paths();
  const wrote: string[] = [];
  const stop = () => {
    stopApache();
    stopMariadb();
    for (const file of wrote) rmSync(file, { force: true });
    if (!process.env.PLUGIN_TIER_KEEP) rmSync(p.dir, { recursive: true, force: true });
  };
  const state = tierState(p.dir, [p.apachePid, p.socket, p.dbPid]);
  if (state.kind === 'held')
    throw new Error(
      `${p.dir} is in use by a running tier (pid ${state.owner.pid}); wait for it, stop it, or set PLUGIN_TIER_PORT`,
    );
  if (state.kind === 'stale') log(clearStale(state));
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(p.logs, { recursive: true });
  claimTier(p.dir);
  chmodSync(p.dir, 0o755);
  chownSync(p.logs, idOf(WWW), gidOf(WWW));
  try {
    await startMariadb();
    const sources: string[] = [];
    for (const name of SITE_NAMES) {
      wrote.push(wpConfigFile(name));
      sources.push(prepareSite(name));
    }
    await startApache();
    for (const name of SITE_NAMES) {
      installSite(name);
      log(`site ${name}: AI Power ${SITES[name].version} on http://127.0.0.1:${sitePort(name)}/`);
    }
    const sites = Object.fromEntries(
      SITE_NAMES.map((name) => [name, `http://127.0.0.1:${sitePort(name)}`]),
    ) as Record<SiteName, string>;
    for (const url of Object.values(sites)) {
      const response = await fetch(`${url}/`);
      if (response.status !== 200) throw new Error(`${url}/ answered ${response.status}`);
    }
    return { sites, sources, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

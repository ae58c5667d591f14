/**
 * The Debian packages the real WordPress needs. Installed when the tier runs as root (apt-get,
 * quiet, one line saying so); otherwise the tier stops at once with the exact command to run.
 */
import { spawnSync } from 'node:child_process';

/** php-curl matters: without it the plugin's streaming hook never fires and every stream is empty. */
export const PACKAGES = [
  'wordpress',
  'mariadb-server',
  'php-mysql',
  'php-curl',
  'php-mbstring',
  'apache2',
  'libapache2-mod-php',
  'unzip',
  'curl',
];

const installed = (name: string): boolean =>
  /^Status: install ok installed$/m.test(
    spawnSync('dpkg', ['-s', name], { encoding: 'utf8' }).stdout ?? '',
  );

/** Installs what is missing, or throws the message a contributor needs. */
export function ensurePackages(): void {
  const missing = PACKAGES.filter((name) => !installed(name));
  if (missing.length === 0) {
    // Our own Apache and MariaDB run as www-data and mysql and read /etc/wordpress: root starts them.
    if (process.getuid?.() !== 0)
      throw new Error(
        'The real-plugin tier starts its own Apache and MariaDB and writes /etc/wordpress/config-chatgptt-tier-*.php: run it as root\n' +
          '  sudo npm run test:plugin\n' +
          'or point it at a WordPress you run yourself with PLUGIN_SITE_A/B/C (see README).',
      );
    return;
  }
  const command = `apt-get -o DPkg::Lock::Timeout=600 install -y -q ${missing.join(' ')}`;
  if (process.getuid?.() !== 0)
    throw new Error(
      `The real-plugin tier needs Debian packages that are not installed: ${missing.join(', ')}.\n` +
        `Run as root:\n  sudo ${command}\n` +
        `or point the tier at a WordPress you run yourself with PLUGIN_SITE_A/B/C (see README).`,
    );
  console.log(`plugin tier: installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      env,
      encoding: 'utf8',
    });
    if (result.status !== 0)
      throw new Error(`apt-get ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  };
  run(['update', '-qq']);
  run(['install', '-y', '-qq', ...missing]);
}

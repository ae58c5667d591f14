/**
 * What `npm test` needs beyond node_modules, checked before anything runs: the browsers, the
 * virtual display and key presser for the real-key test, unzip, and the fonts screenshots are
 * made with. Missing packages are installed when running as root on Debian (quietly: one line
 * saying so, apt's output kept and shown only when it fails); otherwise the run stops at once
 * with the exact command to run. Everything the outside world offers (which files exist, who we
 * are, running apt-get) comes in through `PrereqHost`, so the logic is tested without removing
 * a package from the machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Requirement {
  /** What it is, for people. */
  name: string;
  /** Debian packages that provide it. */
  packages: string[];
  /** Any one of these files, or a command of that name on PATH. */
  files?: string[];
  command?: string;
  /** An environment variable that points at it instead (CHROME_PATH, FIREFOX_PATH). */
  env?: string;
}

export const MIN_NODE = [20, 19] as const;

export const REQUIREMENTS: Requirement[] = [
  {
    name: 'Chromium',
    packages: ['chromium'],
    files: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'],
    env: 'CHROME_PATH',
  },
  {
    name: 'Firefox ESR',
    packages: ['firefox-esr'],
    files: ['/usr/bin/firefox-esr'],
    env: 'FIREFOX_PATH',
  },
  { name: 'xvfb-run (a virtual display)', packages: ['xvfb', 'xauth'], command: 'xvfb-run' },
  { name: 'xdotool (real key presses)', packages: ['xdotool'], command: 'xdotool' },
  { name: 'unzip', packages: ['unzip'], command: 'unzip' },
  {
    name: 'Noto fonts (screenshots)',
    packages: ['fonts-noto-core'],
    files: ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf'],
  },
  // Without these, Chinese/Japanese/Korean text and emoji in screenshots are empty boxes.
  {
    name: 'Noto CJK fonts (screenshots)',
    packages: ['fonts-noto-cjk'],
    files: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
  },
  {
    name: 'Noto Color Emoji (screenshots)',
    packages: ['fonts-noto-color-emoji'],
    files: ['/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'],
  },
];

export interface PrereqHost {
  isPresent(requirement: Requirement): boolean;
  nodeVersion: string;
  isRoot: boolean;
  isDebian: boolean;
  /** Runs a command with its output captured. */
  run(command: string, args: string[]): { ok: boolean; output: string };
  log(line: string): void;
  /** Print the apt-get commands instead of running them. */
  dryRun: boolean;
}

export type PrereqOutcome = { ok: true; installed: string[] } | { ok: false; message: string };

const APT = ['-o', 'DPkg::Lock::Timeout=600'];

/** The command a person runs to install `packages` (sudo unless already root). */
export function installCommand(packages: string[], isRoot: boolean): string {
  return `${isRoot ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;
}

function nodeTooOld(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

export function ensurePrerequisites(
  host: PrereqHost,
  requirements: Requirement[] = REQUIREMENTS,
): PrereqOutcome {
  if (nodeTooOld(host.nodeVersion))
    return {
      ok: false,
      message: `npm test needs Node.js ${MIN_NODE.join('.')} or newer; this is ${host.nodeVersion}.`,
    };
  const missing = requirements.filter((requirement) => !host.isPresent(requirement));
  if (missing.length === 0) return { ok: true, installed: [] };
  const packages = [...new Set(missing.flatMap((requirement) => requirement.packages))];
  const names = missing.map((requirement) => requirement.name).join(', ');
  if (!host.isRoot || !host.isDebian) {
    const how = host.isDebian
      ? `Install them, then run npm test again:\n  ${installCommand(packages, host.isRoot)}`
      : `Install them (Debian/Ubuntu package names: ${packages.join(' ')}), then run npm test again.`;
    return {
      ok: false,
      message: `npm test needs ${names}, which ${missing.length === 1 ? 'is' : 'are'} missing. ${how}`,
    };
  }
  const install = ['install', '-y', '-qq', '--no-install-recommends', ...packages];
  host.log(`Installing the missing test prerequisites with apt-get: ${packages.join(' ')}`);
  if (host.dryRun) {
    host.log(`(dry run) apt-get ${[...APT, ...install].join(' ')}`);
    return { ok: true, installed: packages };
  }
  // Install straight away; only when that fails are the package lists refreshed (slow).
  let result = host.run('apt-get', [...APT, ...install]);
  let output = result.output;
  if (!result.ok) {
    const update = host.run('apt-get', [...APT, 'update', '-qq']);
    result = host.run('apt-get', [...APT, ...install]);
    output = `${output}\n${update.output}\n${result.output}`;
  }
  const still = missing.filter((requirement) => !host.isPresent(requirement));
  if (!result.ok || still.length > 0)
    return {
      ok: false,
      message:
        `apt-get could not install ${packages.join(' ')}` +
        `${still.length ? ` (still missing: ${still.map((r) => r.name).join(', ')})` : ''}. Its output:\n${output.trim()}`,
    };
  return { ok: true, installed: packages };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/**
 * This machine. CHATGPTT_TEST_PRETEND_MISSING=firefox-esr,xdotool treats the requirements of
 * those packages as missing and CHATGPTT_TEST_PRETEND_USER=1 as not root: how the check is
 * tried here without uninstalling anything (with --dry-run, nothing is installed either).
 */
export function realHost(dryRun: boolean): PrereqHost {
  const pretendMissing = new Set(
    (process.env.CHATGPTT_TEST_PRETEND_MISSING ?? '').split(',').filter(Boolean),
  );
  // After apt-get has run, what it installed counts as there (it really is: apt reinstalls nothing).
  let aptRan = false;
  return {
    isPresent(requirement) {
      if (!aptRan && requirement.packages.some((name) => pretendMissing.has(name))) return false;
      const fromEnv = requirement.env === undefined ? undefined : process.env[requirement.env];
      if (fromEnv) return existsSync(fromEnv);
      if (requirement.files?.some((file) => existsSync(file))) return true;
      return requirement.command !== undefined && onPath(requirement.command);
    },
    nodeVersion: process.versions.node,
    isRoot:
      process.env.CHATGPTT_TEST_PRETEND_USER !== '1' &&
      typeof process.getuid === 'function' &&
      process.getuid() === 0,
    isDebian: existsSync('/etc/debian_version') && onPath('apt-get'),
    run(command, args) {
      aptRan ||= command === 'apt-get' && args.includes('install');
      const result = spawnSync(command, args, {
        encoding: 'utf8',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        maxBuffer: 64 * 1024 * 1024,
      });
      return {
        ok: result.status === 0,
        output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`,
      };
    },
    log: (line) => console.log(line),
    dryRun,
  };
}

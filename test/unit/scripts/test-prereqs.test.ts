import { describe, expect, it } from 'vitest';
import {
  ensurePrerequisites,
  REQUIREMENTS,
  type PrereqHost,
  type Requirement,
} from '../../../scripts/test-prereqs';

/** A machine where `missing` packages are absent until apt-get installs them (or fails to). */
function fakeHost(
  missing: string[],
  options: Partial<PrereqHost> & { aptWorks?: boolean; aptNeedsUpdate?: boolean } = {},
) {
  const absent = new Set(missing);
  const runs: string[] = [];
  const lines: string[] = [];
  let updated = false;
  const host: PrereqHost = {
    isPresent: (requirement: Requirement) => !requirement.packages.some((p) => absent.has(p)),
    nodeVersion: '20.19.0',
    isRoot: true,
    isDebian: true,
    dryRun: false,
    log: (line) => lines.push(line),
    run(command, args) {
      runs.push(`${command} ${args.join(' ')}`);
      if (args.includes('update')) {
        updated = true;
        return { ok: true, output: 'Reading package lists...' };
      }
      if (options.aptWorks === false || (options.aptNeedsUpdate && !updated))
        return { ok: false, output: 'E: Unable to locate package firefox-esr' };
      for (const name of args) absent.delete(name);
      return { ok: true, output: 'Setting up firefox-esr ...' };
    },
    ...options,
  };
  return { host, runs, lines };
}

describe('test prerequisites', () => {
  it('nothing missing: no apt-get, no words', () => {
    const { host, runs, lines } = fakeHost([]);
    expect(ensurePrerequisites(host)).toEqual({ ok: true, installed: [] });
    expect([runs, lines]).toEqual([[], []]);
  });

  it('as root on Debian: one line, then a quiet apt-get install with a lock timeout', () => {
    const { host, runs, lines } = fakeHost(['firefox-esr', 'xdotool']);
    expect(ensurePrerequisites(host)).toEqual({ ok: true, installed: ['firefox-esr', 'xdotool'] });
    expect(lines).toEqual([
      'Installing the missing test prerequisites with apt-get: firefox-esr xdotool',
    ]);
    expect(runs).toEqual([
      'apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends firefox-esr xdotool',
    ]);
  });

  it('refreshes the package lists only when the first install fails', () => {
    const { host, runs } = fakeHost(['xvfb', 'xauth'], { aptNeedsUpdate: true });
    expect(ensurePrerequisites(host).ok).toBe(true);
    expect(runs.map((run) => run.split(' ')[3])).toEqual(['install', 'update', 'install']);
  });

  it("apt-get failing: stops with apt's output (kept until then)", () => {
    const { host } = fakeHost(['firefox-esr'], { aptWorks: false });
    const outcome = ensurePrerequisites(host);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(
        /^apt-get could not install firefox-esr \(still missing: Firefox ESR\)/,
      );
      expect(outcome.message).toContain('E: Unable to locate package firefox-esr');
    }
  });

  it('not root: stops at once with the exact command, runs nothing', () => {
    const { host, runs } = fakeHost(['firefox-esr', 'xdotool', 'fonts-noto-core'], {
      isRoot: false,
    });
    expect(ensurePrerequisites(host)).toEqual({
      ok: false,
      message:
        'npm test needs Firefox ESR, xdotool (real key presses), Noto fonts (screenshots), which are missing. ' +
        'Install them, then run npm test again:\n  sudo apt-get install -y firefox-esr xdotool fonts-noto-core',
    });
    expect(runs).toEqual([]);
  });

  it('not Debian: names the packages', () => {
    const { host } = fakeHost(['xdotool'], { isDebian: false });
    const outcome = ensurePrerequisites(host);
    expect(outcome.ok || outcome.message).toMatch(/Debian\/Ubuntu package names: xdotool/);
  });

  it('dry run: says what it would run and runs nothing', () => {
    const { host, runs, lines } = fakeHost(['chromium'], { dryRun: true });
    expect(ensurePrerequisites(host).ok).toBe(true);
    expect(runs).toEqual([]);
    expect(lines[1]).toBe(
      '(dry run) apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium',
    );
  });

  it('an old Node stops the run first', () => {
    const { host } = fakeHost([], { nodeVersion: '20.11.1' });
    expect(ensurePrerequisites(host)).toEqual({
      ok: false,
      message: 'npm test needs Node.js 20.19 or newer; this is 20.11.1.',
    });
  });

  it('covers the browsers, xvfb, xdotool, unzip and the fonts', () => {
    expect(REQUIREMENTS.flatMap((r) => r.packages)).toEqual([
      'chromium',
      'firefox-esr',
      'xvfb',
      'xauth',
      'xdotool',
      'unzip',
      'fonts-noto-core',
      'fonts-noto-cjk',
      'fonts-noto-color-emoji',
    ]);
  });
});

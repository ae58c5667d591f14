/**
 * The plugin tier's owner check (test/plugin/owner.ts), with real processes: a tier whose owner
 * runs is held, one whose owner was killed (or whose pid now belongs to another process) is
 * stale, and one with nothing running is free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimTier, ownerFile, processStarted, tierState } from '../../../test/plugin/owner';

let dir: string;
let child: ChildProcess | undefined;
const running = () => [join(dir, 'apache.pid'), join(dir, 'mysqld.sock')];

function startChild(): ChildProcess {
  child = spawn('sleep', ['30'], { stdio: 'ignore' });
  return child;
}

async function killChild(): Promise<void> {
  const gone = new Promise((resolve) => child?.once('exit', resolve));
  child?.kill('SIGKILL');
  await gone;
  child = undefined;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chatgptt-tier-owner-'));
});
afterEach(async () => {
  if (child) await killChild();
  rmSync(dir, { recursive: true, force: true });
});

describe('plugin tier owner', () => {
  it('is free when nothing of a started tier is there, whoever the owner was', () => {
    claimTier(dir, 999_999_999);
    expect(tierState(dir, running())).toEqual({ kind: 'free' });
  });

  it('is held while its owner runs, and stale once the owner is killed', async () => {
    const pid = startChild().pid as number;
    claimTier(dir, pid);
    writeFileSync(join(dir, 'mysqld.sock'), '');
    expect(tierState(dir, running())).toMatchObject({ kind: 'held', owner: { pid } });
    await killChild();
    expect(tierState(dir, running())).toMatchObject({ kind: 'stale', owner: { pid } });
  });

  it('is stale when the pid lives but is another process (started at another time)', () => {
    const pid = startChild().pid as number;
    writeFileSync(ownerFile(dir), JSON.stringify({ pid, started: '1' }));
    writeFileSync(join(dir, 'apache.pid'), '1');
    expect(processStarted(pid)).not.toBe('1');
    expect(tierState(dir, running())).toMatchObject({ kind: 'stale', owner: { pid } });
  });

  it('is stale when a started tier has no owner recorded (or a torn one)', () => {
    writeFileSync(join(dir, 'apache.pid'), '1');
    expect(tierState(dir, running())).toEqual({ kind: 'stale' });
    writeFileSync(ownerFile(dir), '{"pid":');
    expect(tierState(dir, running())).toEqual({ kind: 'stale' });
  });

  it('reads this process as running, with a start time', () => {
    expect(processStarted(process.pid)).toMatch(/^\d+$/);
    expect(processStarted(999_999_999)).toBeUndefined();
  });
});

/**
 * Who holds the tier's state folder. A run writes its pid and the process's start time (so a
 * reused pid is not taken for it) to `owner.json` before it starts MariaDB. A later run that
 * finds Apache's pid file or MariaDB's socket there asks whether that owner still lives: if it
 * does, the tier is in use; if not (a run killed mid-way, a closed terminal), what it left
 * running is stale and may be stopped (test/plugin/wordpress.ts does, and says so).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Owner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat: clock ticks after boot when the process started. */
  started: string;
}

export type TierState =
  { kind: 'free' } | { kind: 'held'; owner: Owner } | { kind: 'stale'; owner?: Owner };

export const ownerFile = (dir: string): string => join(dir, 'owner.json');

/** When `pid` started, or undefined when there is no such process (Linux /proc). */
export function processStarted(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function claimTier(dir: string, pid: number = process.pid): void {
  const owner: Owner = { pid, started: processStarted(pid) ?? '' };
  writeFileSync(ownerFile(dir), JSON.stringify(owner));
}

function readOwner(dir: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(dir), 'utf8')) as Partial<Owner>;
    if (typeof owner.pid === 'number' && typeof owner.started === 'string')
      return { pid: owner.pid, started: owner.started };
  } catch {
    // No owner file (or a torn one): nobody can be shown to hold the tier.
  }
  return undefined;
}

/** `running`: the files a started tier leaves (Apache's pid file, MariaDB's socket). */
export function tierState(dir: string, running: string[]): TierState {
  if (!running.some((file) => existsSync(file))) return { kind: 'free' };
  const owner = readOwner(dir);
  if (owner && processStarted(owner.pid) === owner.started) return { kind: 'held', owner };
  return owner ? { kind: 'stale', owner } : { kind: 'stale' };
}

/**
 * Vitest global setup: every test run gets a temp folder of its own (TMPDIR, inherited by the
 * test workers and everything they start: the CLI, Chromium, Firefox), and the run fails when a
 * test left one of its folders behind in it. Tests remove what they make (afterAll, a
 * harness's close); this check keeps it so, and the folder goes away after the check either way,
 * so a run never fills the shared temp folder. The projects of one run share the folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What our tests and the browsers they drive create: each must be gone when the run ends. */
const OURS = /^(chatgptt-|zip-test-|puppeteer_dev_|playwright_|rust_mozprofile)|profile/i;

interface RunTemp {
  root: string;
  users: number;
  previous: string | undefined;
}
const KEY = Symbol.for('chatgptt.test-temp');
const state = globalThis as { [KEY]?: RunTemp };

/** The names `OURS` matches in `dir` (tests: the check itself). */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => OURS.test(name));
}

export default function setup(): () => void {
  const run = (state[KEY] ??= {
    root: mkdtempSync(join(tmpdir(), 'vitest-run-')),
    users: 0,
    previous: process.env.TMPDIR,
  });
  run.users += 1;
  process.env.TMPDIR = run.root;
  return () => {
    run.users -= 1;
    if (run.users > 0) return;
    delete state[KEY];
    if (run.previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = run.previous;
    const left = leftovers(run.root);
    rmSync(run.root, { recursive: true, force: true });
    if (left.length === 0) return;
    // A throw here is only logged ("error during close"): the exit code is what fails the run.
    process.exitCode = 1;
    console.error(
      `FAIL temp-check: tests left ${left.length} temp folder(s) behind (removed now): ` +
        `${left.slice(0, 10).join(', ')}. Remove what a test creates in afterAll or close().`,
    );
  };
}

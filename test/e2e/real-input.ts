/**
 * Real X input for the tests that press the browser's own shortcuts or open its native menus:
 * an X display (xvfb-run) and xdotool (recipe: test/e2e/README.md#real-keys-xvfb).
 */
import { execFileSync } from 'node:child_process';

function hasXdotool(): boolean {
  try {
    execFileSync('xdotool', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether real key presses and clicks can be sent here. */
export const canUseRealInput = Boolean(process.env.DISPLAY) && hasXdotool();

/** Focuses Firefox's window and parks the pointer in a corner (xvfb has no window manager). */
export function focusFirefox(): void {
  const window = execFileSync('xdotool', ['search', '--onlyvisible', '--class', 'firefox'])
    .toString()
    .trim()
    .split('\n')[0];
  if (!window) throw new Error('no Firefox window');
  execFileSync('xdotool', ['windowfocus', '--sync', window]);
  execFileSync('xdotool', ['mousemove', '1270', '790']);
}

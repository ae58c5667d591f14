/**
 * Where the CLI writes: stdout for answers (a reader that closes early, `| head -1`, ends the
 * program quietly with exit 0, as `git log | head` does), and on a terminal a waiting indicator
 * on stderr until the answer's first byte. Nothing of the indicator ever goes into a pipe.
 */

/** Exit quietly (status 0) once the reader of stdout has gone; `onClosed` aborts the request. */
export function endOnClosedStdout(onClosed: () => void): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    onClosed();
    process.exit(0);
  });
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Waiting {
  /** Erases the indicator (idempotent): before the answer's first byte, or on an error. */
  stop(): void;
}

/**
 * "⠋ Waiting for chatgptt.me…" on stderr, redrawn in place, only when stderr is a terminal.
 * Dimmed unless NO_COLOR is set (https://no-color.org).
 */
export function startWaiting(host: string): Waiting {
  const stderr = process.stderr;
  if (!stderr.isTTY) return { stop: () => undefined };
  const colour = !process.env.NO_COLOR;
  const [dim, reset] = colour ? ['\x1b[2m', '\x1b[0m'] : ['', ''];
  let frame = 0;
  const draw = (): void => {
    stderr.write(`\r${dim}${FRAMES[frame % FRAMES.length]} Waiting for ${host}…${reset}`);
    frame += 1;
  };
  draw();
  const timer = setInterval(draw, 100);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stderr.write('\r\x1b[K');
    },
  };
}

/**
 * While an answer streams, each piece re-lexes the open last block. For a normal answer that is
 * well under a millisecond, and the text is shown as it arrives. A hostile one (40 KB of
 * unclosed emphasis in one paragraph, sent in 16-character pieces) costs several ms a piece and
 * thousands of pieces: rendering every one froze the page (and every extension page sharing its
 * process) for tens of seconds. So once a render of this message took SLOW_RENDER_MS or more,
 * the next text is shown after twice that long, with every piece received meanwhile: the work
 * stays a bounded share of the main thread, and the last text is always shown when the stream
 * ends.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** A render of the streaming text that took this long makes the next one wait. */
export const SLOW_RENDER_MS = 8;
/** Never wait longer than this between two renders of a streaming answer. */
const MAX_WAIT_MS = 1000;

export function useStreamedText(text: string, streaming: boolean): string {
  const cost = useRef(0);
  const shown = useRef(text);
  const due = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [, wake] = useState(0);
  const started = performance.now();
  const renders = shown.current !== text || due.current || !streaming;

  useLayoutEffect(() => {
    // Only a render that took new text measures the cost (a skipped one costs nothing).
    if (renders) cost.current = performance.now() - started;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  if (!streaming || due.current || cost.current < SLOW_RENDER_MS) {
    due.current = false;
    clearTimeout(timer.current);
    timer.current = undefined;
    shown.current = text;
    return text;
  }
  if (timer.current === undefined && shown.current !== text) {
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        due.current = true;
        wake((n) => n + 1);
      },
      Math.min(MAX_WAIT_MS, 2 * cost.current),
    );
  }
  return shown.current;
}

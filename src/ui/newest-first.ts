/**
 * A long conversation opens on its newest messages (issue 18): the last FIRST items are rendered
 * at once, the older ones are added above them in chunks, each in its own task after the
 * browser had a turn, so opening 500 messages shows the bottom and a usable composer without
 * one long task. Every message is in the DOM (and so in find-in-page and the accessibility
 * tree) a fraction of a second later. While the view follows the bottom the list scrolls there
 * after each chunk; when the reader scrolled up, the browser's scroll anchoring keeps what they
 * read in place as older messages arrive above it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

/** Items rendered when a conversation opens (more than a tall window shows). */
export const FIRST = 30;
/** Items added per chunk: 20-40 ms of script, style and layout on this 2-core machine (bench 8b). */
export const CHUNK = 15;

/**
 * The bench's "old way", side by side in one run: a page that sets `cgRenderAllAtOnce`
 * renders every message at once and highlights every code block at once.
 */
export function renderAllAtOnce(): boolean {
  return (globalThis as { cgRenderAllAtOnce?: unknown }).cgRenderAllAtOnce === true;
}

const nextTurn: (run: () => void) => () => void =
  typeof requestIdleCallback === 'function'
    ? (run) => {
        // A timeout so a busy page (an answer streaming) still gets its history soon.
        const id = requestIdleCallback(run, { timeout: 200 });
        return () => cancelIdleCallback(id);
      }
    : (run) => {
        const id = setTimeout(run, 0);
        return () => clearTimeout(id);
      };

/**
 * How many of the `count` items, from the start, are not rendered yet. `key` names the
 * conversation: a new key starts again from the newest.
 */
export function useNewestFirst(count: number, key: string | undefined): number {
  const shownKey = useRef<string | undefined>(undefined);
  const [hidden, setHidden] = useState(0);
  let skip = hidden;
  if (key !== shownKey.current) {
    shownKey.current = key;
    skip = renderAllAtOnce() ? 0 : Math.max(0, count - FIRST);
    if (skip !== hidden) setHidden(skip);
  }
  skip = Math.min(skip, count);
  useEffect(() => {
    if (skip === 0) return;
    return nextTurn(() => setHidden((h) => Math.max(0, Math.min(h, skip) - CHUNK)));
  }, [skip]);
  return skip;
}

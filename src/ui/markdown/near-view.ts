/**
 * Calls back once an element comes near the visible part of the message list it scrolls in
 * (issue 18: a 500-message conversation highlighted all its 250 code blocks at once, two tasks
 * of 400 and 340 ms right after opening). One IntersectionObserver per list, with a margin of
 * about two popup heights, so a block is usually highlighted before it scrolls into view.
 * Outside a message list (a lone Markdown view), or without IntersectionObserver, the callback
 * runs at once.
 */
import { renderAllAtOnce } from '../newest-first';

const MARGIN = '1200px 0px';

type Callback = () => void;
const observers = new WeakMap<
  Element,
  { observer: IntersectionObserver; waiting: Map<Element, Callback> }
>();

function observerFor(root: Element) {
  let entry = observers.get(root);
  if (!entry) {
    const waiting = new Map<Element, Callback>();
    const observer = new IntersectionObserver(
      (changes) => {
        for (const change of changes) {
          if (!change.isIntersecting) continue;
          const callback = waiting.get(change.target);
          waiting.delete(change.target);
          observer.unobserve(change.target);
          callback?.();
        }
      },
      { root, rootMargin: MARGIN },
    );
    entry = { observer, waiting };
    observers.set(root, entry);
  }
  return entry;
}

/** Runs `callback` once `el` is near the view; the returned function cancels it. */
export function whenNearView(el: Element, callback: Callback): () => void {
  const root = el.closest('.cg-messages');
  if (!root || typeof IntersectionObserver !== 'function' || renderAllAtOnce()) {
    callback();
    return () => undefined;
  }
  const { observer, waiting } = observerFor(root);
  waiting.set(el, callback);
  observer.observe(el);
  return () => {
    waiting.delete(el);
    observer.unobserve(el);
  };
}

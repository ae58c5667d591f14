/**
 * Clicks in the sidebar are refused while the page covers any of it (issue 22.4, clickjacking):
 * a page can draw its own top-layer element over the frame with `pointer-events: none`, so the
 * user sees the page's decoy and the click lands on a sidebar button under it.
 *
 * Intersection Observer v2 (`trackVisibility`) tells a frame whether it is drawn unobscured
 * and unfaded, across origins. Chromium has it; Firefox does not (the option is ignored and
 * entries carry no `isVisible`), so there the guard stands down and clicks pass as before.
 */
const OBSERVE_DELAY_MS = 100;
/** A click this soon after the frame became visible again is refused too: a decoy lifted just
 *  before the click it set up. */
const SETTLE_MS = 400;

const POINTER_EVENTS = [
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'touchstart',
  'touchend',
] as const;

interface VisibilityObserverInit extends IntersectionObserverInit {
  trackVisibility?: boolean;
  delay?: number;
}

type VisibilityEntry = IntersectionObserverEntry & { isVisible?: boolean };

/** Starts guarding `target`; returns whether the browser can tell (false: Firefox). */
export function guardOcclusion(target: Element, onChange: (covered: boolean) => void): boolean {
  if (typeof IntersectionObserver !== 'function') return false;
  // Not covered until a report says so: the user has not seen the sidebar before it opened, so
  // a decoy cannot have set up a click on it yet.
  let covered = false;
  let visibleSince = -Infinity;
  const init: VisibilityObserverInit = {
    trackVisibility: true,
    delay: OBSERVE_DELAY_MS,
    threshold: [1],
  };
  const observer = new IntersectionObserver((entries) => {
    const last = entries[entries.length - 1] as VisibilityEntry | undefined;
    if (!last) return;
    const next = last.isVisible !== true;
    if (!next && covered) visibleSince = performance.now();
    if (next !== covered) {
      covered = next;
      onChange(covered);
    }
  }, init);
  // The option is read back only where it is supported.
  if ((observer as IntersectionObserver & { trackVisibility?: boolean }).trackVisibility !== true) {
    observer.disconnect();
    return false;
  }
  observer.observe(target);
  const refuse = (event: Event): void => {
    if (!covered && performance.now() - visibleSince >= SETTLE_MS) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  // Capture on the window: before any handler of the chat view sees the event.
  for (const type of POINTER_EVENTS) window.addEventListener(type, refuse, { capture: true });
  return true;
}

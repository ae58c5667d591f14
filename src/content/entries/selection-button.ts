/**
 * The opt-in floating "Ask" button, registered on every site while settings.selectionButton is on
 * (src/background/selection-button.ts). It stays tiny (≤ 4 KB minified, no framework, not even the
 * polyfill): a small button in its own closed shadow root near a fresh selection. Clicking it asks
 * the worker to open the sidebar in this tab with the selection; that is all a content script may
 * ask (the router's content-script tier). Deny-listed sites never get this script (excludeMatches).
 */
import { SELECTION_BUTTON_STOP as STOP, type RequestEnvelope } from '../../shared/messages';
import { buttonPosition, isEditable } from '../selection/rules';
import { visibleSelectionText } from '../selection/visible-text';

interface MiniRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown> | void;
}
interface MiniApi {
  i18n: { getMessage(key: string): string };
  runtime: MiniRuntime & {
    onMessage: { addListener(cb: (message: unknown, sender: { id?: string }) => void): void };
  };
}

const GUARD = '__chatgpttSelectionButton';
const scope = globalThis as typeof globalThis & {
  [GUARD]?: true;
  browser?: MiniApi;
  chrome?: MiniApi;
};

function start(api: MiniApi): void {
  const abort = new AbortController();
  const on = (target: EventTarget, type: string, listener: (event: Event) => void): void =>
    target.addEventListener(type, listener, { capture: true, passive: true, signal: abort.signal });
  let host: HTMLElement | null = null;

  let unobserve = (): void => undefined;

  const hide = (): void => {
    unobserve();
    host?.remove();
    host = null;
  };

  const selectedText = (): string => {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return '';
    if (isEditable(selection.anchorNode) || isEditable(document.activeElement)) return '';
    // Only what the user can see of it: hidden text in a selection is a page's way in (issue 22).
    return visibleSelectionText();
  };

  const show = (): void => {
    hide();
    const text = selectedText();
    if (!text) return;
    const rects = getSelection()?.getRangeAt(0).getClientRects();
    const last = rects?.[rects.length - 1];
    if (!last) return;
    const { left, top } = buttonPosition(last, innerWidth, innerHeight);
    const element = document.createElement('chatgptt-ask');
    host = element;
    // CSSOM, not the style attribute, which a page CSP may block.
    element.style.cssText = `all:initial!important;position:fixed!important;left:${left}px!important;top:${top}px!important;z-index:2147483647!important;display:block!important`;
    const css = element.style.cssText;
    const root = element.attachShadow({ mode: 'closed' });
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = api.i18n.getMessage('content_ask') || 'Ask';
    button.style.cssText = BUTTON_STYLE;
    // Keep the selection: a mousedown on the button would otherwise clear it.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    // Since when the user can see the whole button, unobscured (0: not now). Chrome's
    // IntersectionObserver v2 also counts what is drawn over it, see-through or not; elsewhere it
    // is "fully in view" and the checks at the click.
    let seenSince = 0;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const visible = (entry as { isVisible?: boolean }).isVisible ?? entry.isIntersecting;
          seenSince = visible ? seenSince || entry.time : 0;
        }
      },
      { threshold: 1, trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      // A click the user may not have aimed at our button (issue 23): too soon after it showed,
      // not on top where they clicked, restyled or moved by the page, see-through, or for a
      // selection that is no longer the one shown. Too soon: ignored; the rest: the button goes.
      if (!seenSince || event.timeStamp - seenSince < DWELL_MS) return;
      const box = button.getBoundingClientRect();
      const shown =
        element.style.cssText === css &&
        document.elementFromPoint(event.clientX, event.clientY) === element &&
        Math.abs(box.left - left) + Math.abs(box.top - top) < 2 &&
        opaque(element) &&
        opaque(document.documentElement) &&
        selectedText() === text;
      hide();
      if (!shown) return;
      if (!api.runtime.id) return stop();
      const envelope: RequestEnvelope<'sidebar/open'> = {
        type: 'sidebar/open',
        payload: { selection: text },
      };
      void Promise.resolve(api.runtime.sendMessage(envelope)).catch(() => undefined);
    });
    root.append(button);
    document.documentElement.append(element);
    // The top layer: no z-index of the page goes above it (a later top-layer element can; the
    // observer sees that).
    element.popover = 'manual';
    element.showPopover();
    observer.observe(button);
    unobserve = () => observer.disconnect();
  };

  const stop = (): void => {
    hide();
    abort.abort();
    delete scope[GUARD];
  };

  on(document, 'mouseup', (event) => {
    // Only a person's mouse raises the button: a page script's synthetic mouseup must not.
    if (!event.isTrusted || event.target === host) return;
    // After the click has finished updating the selection.
    setTimeout(show, 0);
  });
  on(document, 'mousedown', (event) => {
    if (event.target !== host) hide();
  });
  on(document, 'keydown', hide);
  on(window, 'scroll', hide);
  on(window, 'blur', hide);
  on(document, 'selectionchange', () => {
    if (!selectedText()) hide();
  });
  // The worker says when the setting goes off; this world cannot watch storage (index.ts).
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === api.runtime.id && (message as { type?: unknown })?.type === STOP) stop();
  });
}

/** How long the button must have been in plain view before a click on it counts. */
const DWELL_MS = 400;

/** Drawn as is: not faded, filtered or hidden by the page's CSS. */
const opaque = (element: Element): boolean => {
  const style = getComputedStyle(element);
  return style.opacity === '1' && style.filter === 'none' && style.visibility === 'visible';
};

const BUTTON_STYLE =
  'all:initial;cursor:pointer;font:600 13px/1 system-ui,sans-serif;color:#fff;background:#10a37f;border-radius:14px;padding:6px 12px;box-shadow:0 2px 8px rgba(0,0,0,.3);outline-offset:2px';

// Own properties only: named elements of the page (<form id="browser">, <div id="…Button">) show
// through as window properties in our isolated world too. Chrome has no `browser` of its own.
const api = Object.hasOwn(scope, 'browser') ? scope.browser : scope.chrome;
if (api?.runtime?.id && !Object.hasOwn(scope, GUARD)) {
  scope[GUARD] = true;
  start(api);
}

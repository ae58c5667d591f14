/**
 * The selection toolbar: Ask, the user's first three quick actions as glyphs, and "…" for the
 * rest, in its own closed shadow root next to a fresh mouse selection. Loaded into a tab by the
 * worker on the first use (the resident entries/selection-button.ts asks for it), so it costs the
 * page nothing before that; still no framework and no polyfill. Every button asks the worker for
 * one thing only, opening the sidebar in this tab with the selection (the router's content tier).
 * Keyboard: Tab moves into the shown toolbar, Left/Right move along it, Esc dismisses it.
 */
import {
  SELECTION_BUTTON_STOP as STOP,
  type RequestEnvelope,
  type RequestOf,
  type ResponseOf,
} from '../../shared/messages';
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

const GUARD = '__chatgpttSelectionToolbar';
const scope = globalThis as typeof globalThis & {
  [GUARD]?: true;
  browser?: MiniApi;
  chrome?: MiniApi;
};

type Open = Omit<RequestOf<'sidebar/open'>, 'selection'>;
type Actions = ResponseOf<'content/actions'>;

function start(api: MiniApi): void {
  const abort = new AbortController();
  const on = (target: EventTarget, type: string, listener: (event: Event) => void): void =>
    target.addEventListener(type, listener, { capture: true, passive: true, signal: abort.signal });
  const text = (key: string, fallback: string): string => api.i18n.getMessage(key) || fallback;
  let host: HTMLElement | null = null;
  let buttons: HTMLButtonElement[] = [];
  let unobserve = (): void => undefined;
  // The quick actions, asked of the worker (content scripts cannot read settings).
  let actions: Actions = { actions: [], total: 0 };
  const refresh = (): Promise<void> =>
    Promise.resolve(api.runtime.sendMessage({ type: 'content/actions', payload: {} }))
      .then((reply) => {
        const value = (reply as { ok?: boolean; value?: Actions } | undefined)?.value;
        if (value && Array.isArray(value.actions)) actions = value;
      })
      .catch(() => undefined);

  const hide = (): void => {
    // Forget it first: removing the focused toolbar fires blur, which hides again.
    const shown = host;
    host = null;
    buttons = [];
    unobserve();
    shown?.remove();
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
    const text0 = selectedText();
    if (!text0) return;
    const rects = getSelection()?.getRangeAt(0).getClientRects();
    const last = rects?.[rects.length - 1];
    if (!last) return;
    const items: [label: string, glyph: string, open: Open][] = [
      [text('content_ask', 'Ask'), '', {}],
      ...actions.actions.map((action): [string, string, Open] => [
        action.title,
        glyphOf(action),
        { action: action.id },
      ]),
    ];
    if (actions.total > actions.actions.length)
      items.push([text('content_more', 'More actions'), '…', { more: true }]);
    const width = 56 + (items.length - 1) * 30;
    const { left, top } = buttonPosition(last, innerWidth, innerHeight, width);
    const element = document.createElement('chatgptt-ask');
    host = element;
    // CSSOM, not the style attribute, which a page CSP may block.
    element.style.cssText = `all:initial!important;position:fixed!important;left:${left}px!important;top:${top}px!important;z-index:2147483647!important;display:block!important`;
    const css = element.style.cssText;
    const root = element.attachShadow({ mode: 'closed' });
    const bar = document.createElement('div');
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', text('content_toolbar', 'ChatGptt'));
    bar.style.cssText = BAR_STYLE;
    // Since when the user can see the whole toolbar, unobscured (0: not now). Chrome's
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
    const made = items.map(([label, glyph, open], index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = glyph || label;
      if (glyph) {
        button.title = label;
        button.setAttribute('aria-label', label);
      }
      button.tabIndex = index ? -1 : 0;
      button.style.cssText = index ? ICON_STYLE : ASK_STYLE;
      // all:initial drops the focus ring, and a page CSP may block a <style>: draw it inline.
      button.addEventListener('focus', () => (button.style.outline = '2px solid #fff'));
      button.addEventListener('blur', () => (button.style.outline = ''));
      // Keep the selection: a mousedown on the button would otherwise clear it.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', (event) => {
        if (!event.isTrusted) return;
        // A click the user may not have aimed at our button (issue 23): too soon after it
        // showed, not on top where they clicked, restyled or moved by the page, see-through, or
        // for a selection that is no longer the one shown. Too soon: ignored; the rest: it goes.
        if (!seenSince || event.timeStamp - seenSince < DWELL_MS) return;
        const box = button.getBoundingClientRect();
        // A key press on the focused button (detail 0) has no point to check; the focus is ours.
        const pointed =
          event.detail === 0 || document.elementFromPoint(event.clientX, event.clientY) === element;
        const shown =
          element.style.cssText === css &&
          pointed &&
          Math.abs(box.left - (at[index]?.left ?? -9)) +
            Math.abs(box.top - (at[index]?.top ?? -9)) <
            2 &&
          opaque(element) &&
          opaque(document.documentElement) &&
          selectedText() === text0;
        hide();
        if (!shown) return;
        if (!api.runtime.id) return stop();
        const envelope: RequestEnvelope<'sidebar/open'> = {
          type: 'sidebar/open',
          payload: { selection: text0, ...open },
        };
        void Promise.resolve(api.runtime.sendMessage(envelope)).catch(() => undefined);
      });
      return button;
    });
    buttons = made;
    bar.append(...made);
    root.append(bar);
    document.documentElement.append(element);
    // The top layer: no z-index of the page goes above it (a later top-layer element can; the
    // observer sees that).
    element.popover = 'manual';
    element.showPopover();
    // Where each button stands as shown: a page that moves one afterwards loses the click.
    const at = made.map((button) => button.getBoundingClientRect());
    observer.observe(bar);
    unobserve = () => observer.disconnect();
  };

  const stop = (): void => {
    hide();
    abort.abort();
    delete scope[GUARD];
  };

  on(document, 'mouseup', (event) => {
    // Only a person's mouse raises the toolbar: a page script's synthetic mouseup must not.
    if (!event.isTrusted || event.target === host) return;
    // After the click has finished updating the selection (and the actions are fresh).
    setTimeout(() => void refresh().then(show), 0);
  });
  on(document, 'mousedown', (event) => {
    if (event.target !== host) hide();
  });
  // Not passive: Tab into the toolbar and the arrow keys along it are ours while it shows.
  document.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || !host) return;
      const inside = event.target === host;
      const index = buttons.findIndex((button) => button.matches(':focus'));
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (event.key === 'Tab' && !inside && !event.shiftKey) {
        event.preventDefault();
        buttons[0]?.focus();
      } else if (inside && step) {
        event.preventDefault();
        buttons[(index + step + buttons.length) % buttons.length]?.focus();
      } else if (!inside || !(event.key === 'Enter' || event.key === ' ')) {
        hide();
      }
    },
    { capture: true, signal: abort.signal },
  );
  on(window, 'scroll', hide);
  // The window losing focus, not one of our buttons (blur does not bubble, capture sees all).
  on(window, 'blur', (event) => {
    if (event.target === window) hide();
  });
  on(document, 'selectionchange', () => {
    if (!selectedText()) hide();
  });
  // The worker says when the setting goes off; this world cannot watch storage (index.ts).
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id === api.runtime.id && (message as { type?: unknown })?.type === STOP) stop();
  });
  // Loaded by the first fresh selection: show for it.
  void refresh().then(show);
}

/** How long the toolbar must have been in plain view before a click on it counts. */
const DWELL_MS = 400;

/** One glyph per built-in action; a custom one shows its title's first letter. */
const GLYPHS: Record<string, string> = {
  explain: '?',
  summarize: '≡',
  translate: '文',
  proofread: '✓',
};
const glyphOf = (action: { id: string; title: string }): string =>
  GLYPHS[action.id] ?? ([...action.title.trim()][0] ?? '•').toLocaleUpperCase();

/** Drawn as is: not faded, filtered or hidden by the page's CSS. */
const opaque = (element: Element): boolean => {
  const style = getComputedStyle(element);
  return style.opacity === '1' && style.filter === 'none' && style.visibility === 'visible';
};

const BAR_STYLE =
  'all:initial;display:flex;gap:2px;padding:2px;background:#10a37f;border-radius:16px;box-shadow:0 2px 8px rgba(0,0,0,.3)';
const BASE =
  'all:initial;cursor:pointer;font:600 13px/1 system-ui,sans-serif;color:#fff;border-radius:14px;outline-offset:1px;text-align:center;';
const ASK_STYLE = `${BASE}padding:6px 12px`;
const ICON_STYLE = `${BASE}width:28px;padding:6px 0;background:rgba(0,0,0,.14)`;

// Own properties only: named elements of the page (<form id="browser">, <div id="…Button">) show
// through as window properties in our isolated world too. Chrome has no `browser` of its own.
const api = Object.hasOwn(scope, 'browser') ? scope.browser : scope.chrome;
if (api?.runtime?.id && !Object.hasOwn(scope, GUARD)) {
  scope[GUARD] = true;
  start(api);
}

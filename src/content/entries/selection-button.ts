/**
 * The opt-in floating "Ask" button, registered on every site while settings.selectionButton is on
 * (src/background/selection-button.ts). It stays tiny (≤ 4 KB minified, no framework, not even the
 * polyfill): a small button in its own closed shadow root near a fresh selection. Clicking it asks
 * the worker to open the sidebar in this tab with the selection; that is all a content script may
 * ask (the router's content-script tier). Deny-listed sites never get this script (excludeMatches).
 */
import type { RequestEnvelope } from '../../shared/messages';
import { buttonPosition, isEditable } from '../selection/rules';

interface MiniRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown> | void;
}
interface MiniApi {
  runtime: MiniRuntime;
  i18n: { getMessage(key: string): string };
  storage: {
    onChanged: {
      addListener(
        cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void,
      ): void;
    };
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

  const hide = (): void => {
    host?.remove();
    host = null;
  };

  const selectedText = (): string => {
    const selection = getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return '';
    if (isEditable(selection.anchorNode) || isEditable(document.activeElement)) return '';
    return selection.toString().trim() ? selection.toString() : '';
  };

  const show = (): void => {
    hide();
    const text = selectedText();
    if (!text) return;
    const rects = getSelection()?.getRangeAt(0).getClientRects();
    const last = rects?.[rects.length - 1];
    if (!last) return;
    const { left, top } = buttonPosition(last, innerWidth, innerHeight);
    host = document.createElement('chatgptt-ask');
    // CSSOM, not the style attribute, which a page CSP may block.
    host.style.cssText = `all:initial!important;position:fixed!important;left:${left}px!important;top:${top}px!important;z-index:2147483647!important;display:block!important`;
    const root = host.attachShadow({ mode: 'closed' });
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = api.i18n.getMessage('content_ask') || 'Ask';
    button.style.cssText = BUTTON_STYLE;
    // Keep the selection: a mousedown on the button would otherwise clear it.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      hide();
      if (!api.runtime.id) return stop();
      const envelope: RequestEnvelope<'sidebar/open'> = {
        type: 'sidebar/open',
        payload: { selection: text },
      };
      void Promise.resolve(api.runtime.sendMessage(envelope)).catch(() => undefined);
    });
    root.append(button);
    document.documentElement.append(host);
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
  api.storage.onChanged.addListener((changes, area) => {
    const settings = changes.settings?.newValue as { selectionButton?: boolean } | undefined;
    if (area === 'local' && settings && settings.selectionButton === false) stop();
  });
}

const BUTTON_STYLE =
  'all:initial;cursor:pointer;font:600 13px/1 system-ui,sans-serif;color:#fff;background:#10a37f;border-radius:14px;padding:6px 12px;box-shadow:0 2px 8px rgba(0,0,0,.3);outline-offset:2px';

// Own properties only: named elements of the page (<form id="browser">, <div id="…Button">) show
// through as window properties in our isolated world too. Chrome has no `browser` of its own.
const api = Object.hasOwn(scope, 'browser') ? scope.browser : scope.chrome;
if (api?.runtime?.id && !Object.hasOwn(scope, GUARD)) {
  scope[GUARD] = true;
  start(api);
}

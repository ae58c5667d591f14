/**
 * The opt-in selection toolbar's resident part, registered on every site while
 * settings.selectionButton is on (src/background/selection-button.ts). It is all that loads on a
 * page before the toolbar is used, so it stays tiny (≤ 4 KB minified, no framework, not even the
 * polyfill): at the first fresh mouse selection it asks the worker to load the toolbar itself
 * (entries/selection-toolbar.ts) into this tab, which then shows for that selection and every
 * later one. Deny-listed sites never get this script (excludeMatches).
 */
import { SELECTION_BUTTON_STOP as STOP, type RequestEnvelope } from '../../shared/messages';
import { isEditable } from '../selection/rules';

interface MiniApi {
  runtime: {
    id?: string;
    sendMessage(message: unknown): Promise<unknown> | void;
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
  const stop = (): void => abort.abort();
  document.addEventListener(
    'mouseup',
    (event) => {
      // Only a person's mouse: a page script's synthetic mouseup loads nothing.
      if (!event.isTrusted) return;
      // After the click has finished updating the selection.
      setTimeout(() => {
        const selection = getSelection();
        if (!selection || selection.isCollapsed || isEditable(selection.anchorNode)) return;
        if (!api.runtime.id) return stop();
        // Once: the toolbar takes over from here (its own listeners, its own checks).
        stop();
        const envelope: RequestEnvelope<'content/toolbar'> = {
          type: 'content/toolbar',
          payload: {},
        };
        void Promise.resolve(api.runtime.sendMessage(envelope)).catch(() => undefined);
      }, 0);
    },
    { capture: true, passive: true, signal: abort.signal },
  );
  // The worker says when the setting goes off; this world cannot watch storage.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || (message as { type?: unknown })?.type !== STOP) return;
    stop();
    delete scope[GUARD];
  });
}

// Own properties only: named elements of the page (<form id="browser">) show through as window
// properties in our isolated world too. Chrome has no `browser` of its own.
const api = Object.hasOwn(scope, 'browser') ? scope.browser : scope.chrome;
if (api?.runtime?.id && !Object.hasOwn(scope, GUARD)) {
  scope[GUARD] = true;
  start(api);
}

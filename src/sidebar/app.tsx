/** The sidebar page: trades its token for the pending request and shows the chat. */
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { SidebarRequest } from '../shared/messages';
import { useT } from '../ui/i18n-context';
import { Chat } from './chat';
import { closeSidebar } from './close';
import { takePending, tokenFromHash } from './pending';
import { mark } from '../ui/trace';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; token: string; request: SidebarRequest }
  | { kind: 'refused' };

/**
 * The first trade of the token, asked as soon as this code runs (issue 18): the worker answers
 * while the page reads its settings and renders, instead of after. Used once, for the token it
 * was asked with (the trade is one-shot: a second one returns an empty request).
 */
let early: { token: string | null; request: Promise<SidebarRequest | null> } | null = (() => {
  const token = tokenFromHash();
  return { token, request: takePending(token).catch(() => null) };
})();

function take(token: string | null): Promise<SidebarRequest | null> {
  const first = early;
  early = null;
  if (first && first.token === token) return first.request;
  return takePending(token).catch(() => null);
}

const close = (): void => {
  closeSidebar().catch((error: unknown) =>
    console.warn('[chatgptt] could not close the sidebar', error),
  );
};

export function SidebarApp() {
  const { t } = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let latest = 0;
    const load = async (): Promise<void> => {
      const attempt = ++latest;
      const token = tokenFromHash();
      const request = await take(token);
      mark('pending-taken');
      if (attempt !== latest) return;
      setState(token && request ? { kind: 'ready', token, request } : { kind: 'refused' });
    };
    const onHashChange = (): void => void load();
    onHashChange();
    // A new selection while open arrives as a new token in the hash (no reload).
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    // Bubble phase: the chat view handles Esc first (closing a menu, cancelling an edit).
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented && !event.isComposing) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A layout effect: the composer has focus in the frame that first shows it, not one frame
  // later (an effect runs after the paint; issue 18).
  useLayoutEffect(() => {
    if (state.kind !== 'ready') return;
    // Focus goes to the composer on open (and on every new request).
    window.focus();
    const composer = document.querySelector<HTMLElement>('textarea, [contenteditable="true"]');
    composer?.focus();
    mark('composer-focused');
  }, [state]);

  if (state.kind === 'loading') return <p class="status">{t('sidebar_loading')}</p>;
  if (state.kind === 'refused') return <p class="status">{t('sidebar_not_ours')}</p>;
  // A notice instead of a request (a video without captions): said under the header.
  const notice = state.request.notice;
  const banner = notice ? (
    <p class="sidebar-notice" role="status">
      {notice}
    </p>
  ) : undefined;
  return (
    <Chat
      key={state.token}
      surface="sidebar"
      request={state.request}
      banner={banner}
      onClose={close}
    />
  );
}

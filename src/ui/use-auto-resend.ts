/**
 * "Send automatically when back online" (settings.autoResend, off by default): an answer that
 * failed because the browser was offline is sent again, once, when the view's `online` event
 * says the connection is back. Several views may show the same failed answer; each first asks
 * the store whether the answer is still unsent (after a short random pause, so one view goes
 * first and the others then see it streaming), and the worker refuses a second turn on a
 * conversation that is answering and a retry of an answer that no longer failed, so the
 * question is never sent twice.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ChatClient } from './chat-client';

interface Target {
  conversationId: string;
  messageId: string;
}

const MAX_PAUSE_MS = 400;

export function useAutoResend(
  client: ChatClient,
  offlineFailure: boolean,
  online: boolean,
  target: Target | undefined,
  resend: (() => void) | undefined,
): void {
  const done = useRef(false);
  const resendRef = useRef(resend);
  resendRef.current = resend;
  const conversationId = target?.conversationId;
  const messageId = target?.messageId;
  useEffect(() => {
    if (!offlineFailure || !online || done.current) return;
    if (!conversationId || !messageId || !resendRef.current) return;
    done.current = true;
    let cancelled = false;
    const pause = Math.floor(Math.random() * MAX_PAUSE_MS);
    const timer = setTimeout(() => {
      void (async () => {
        const settings = await client.getSettings().catch(() => null);
        if (cancelled || !settings?.autoResend) return;
        const shown = await client
          .request('conversations/get', { id: conversationId })
          .catch(() => null);
        const answer = shown?.messages.find((m) => m.id === messageId);
        if (cancelled || answer?.status !== 'error') return;
        resendRef.current?.();
      })();
    }, pause);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, offlineFailure, online, conversationId, messageId]);
}

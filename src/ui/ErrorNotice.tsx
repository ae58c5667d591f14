/** An answer's error in plain words, with the action that helps and the raw text under Details. */
import { useState } from 'preact/hooks';
import { useT } from './i18n-context';
import type { MessageStatus, StoredError } from '../shared/model';
import { useClient } from './client-context';
import { errorActions, errorMessageKey, siteName, type ErrorAction } from './error-help';
import { useAutoResend } from './use-auto-resend';
import { useOnline } from './use-online';

interface Props {
  error: StoredError | undefined;
  status: MessageStatus;
  /** The site that answered (or failed to). */
  site: string | undefined;
  onRetry?: () => void;
  onContinue?: () => void;
  /** Continue needs partial text to continue from. */
  canContinue?: boolean;
  /** A refused command rather than a failed answer: the worker's own words say it best. */
  refusal?: boolean;
  /** The failed answer, which the worker asks again once the site's browser check is passed. */
  answer?: { conversationId: string; messageId: string } | undefined;
}

export function ErrorNotice({
  error,
  status,
  site,
  onRetry,
  onContinue,
  canContinue = true,
  refusal = false,
  answer,
}: Props) {
  const { t } = useT();
  const client = useClient();
  const online = useOnline();
  const [checking, setChecking] = useState(false);
  const host = siteName(site);
  // The worker names a failure 'offline' when the browser was offline as it failed (runner.ts
  // offlineOr): here it is only shown, and once the `online` event says the connection is back,
  // one click sends the kept question again.
  const offline = error?.kind === 'offline';
  const resume = canContinue && onContinue ? onContinue : undefined;
  // The user's choice in Options → Chat: the kept question goes by itself once online.
  useAutoResend(client, offline && status === 'error', online, answer, resume ?? onRetry);
  if (offline && status === 'error') {
    return (
      <div class="cg-error" role="alert" data-kind="offline" data-online={String(online)}>
        <p class="cg-error-text">{online ? t('ui_back_online') : t('ui_error_offline')}</p>
        {online && (resume ?? onRetry) ? (
          <div class="cg-actions">
            <button type="button" class="cg-button" onClick={resume ?? onRetry}>
              {t(resume ? 'ui_continue' : 'ui_retry')}
            </button>
          </div>
        ) : null}
        {(error?.detail ?? error?.message) ? (
          <details class="cg-details">
            <summary>{t('ui_details')}</summary>
            <pre>{error?.detail ?? error?.message}</pre>
          </details>
        ) : null}
      </div>
    );
  }
  const actions = errorActions(error?.kind, status).filter(
    (action) => action !== 'continue' || (canContinue && onContinue),
  );
  const button = (action: ErrorAction) => {
    switch (action) {
      case 'retry':
        return onRetry ? (
          <button type="button" class="cg-button" onClick={onRetry}>
            {t('ui_retry')}
          </button>
        ) : null;
      case 'continue':
        return (
          <button type="button" class="cg-button" onClick={onContinue}>
            {t('ui_continue')}
          </button>
        );
      case 'open-site':
        if (!site) return null;
        // A browser check: the worker opens the site in a normal tab and, once the check is
        // passed there, asks the question again (site-check.ts). Plain tab if it cannot.
        if (error?.kind === 'challenge')
          return (
            <button
              type="button"
              class="cg-button cg-pass-check"
              onClick={() => {
                setChecking(true);
                client.request('site/openCheck', { site, ...(answer ?? {}) }).catch(() => {
                  client.openTab(site);
                });
              }}
            >
              {t('ui_pass_check', host)}
            </button>
          );
        return (
          <button type="button" class="cg-button" onClick={() => client.openTab(site)}>
            {t('ui_open_site', host)}
          </button>
        );
      case 'settings':
        return (
          <button type="button" class="cg-button" onClick={() => client.openOptionsPage()}>
            {t('ui_open_settings')}
          </button>
        );
    }
  };
  const detail = error?.detail ?? error?.message;
  const text =
    refusal && error?.kind === 'protocol'
      ? error.message
      : // $2 is the site's own words, which the refusal kinds quote.
        t(errorMessageKey(error?.kind, status), host || t('ui_the_site'), error?.message ?? '');
  return (
    <div class="cg-error" role="alert" data-kind={error?.kind ?? status}>
      <p class="cg-error-text">{text}</p>
      <div class="cg-actions">{actions.map(button)}</div>
      {checking ? <p class="cg-note cg-check-waiting">{t('ui_check_waiting')}</p> : null}
      {detail ? (
        <details class="cg-details">
          <summary>{t('ui_details')}</summary>
          <pre>{detail}</pre>
        </details>
      ) : null}
    </div>
  );
}

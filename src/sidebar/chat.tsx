/**
 * The chat view the sidebar shows. The shared ChatApp (src/ui) is not in the tree yet; until it
 * lands this placeholder shows the quoted context so the sidebar's plumbing can be tested.
 */
import type { SidebarRequest } from '../shared/messages';
import { t } from '../shared/i18n';

export interface ChatProps {
  surface: 'sidebar';
  request?: SidebarRequest | null;
  onClose?: () => void;
}

export function Chat({ request, onClose }: ChatProps) {
  const context = request?.context;
  return (
    <section class="placeholder">
      <header>
        <h1>{t('sidebar_title')}</h1>
        <button type="button" onClick={onClose} aria-label={t('sidebar_close')}>
          ×
        </button>
      </header>
      {context?.text ? <blockquote data-testid="context">{context.text}</blockquote> : null}
      <p>{t('sidebar_placeholder')}</p>
      <textarea aria-label={t('sidebar_title')} value={request?.prompt ?? ''} />
    </section>
  );
}

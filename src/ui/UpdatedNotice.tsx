/**
 * Shown when the extension was updated or reloaded under an open view: this page is the old
 * version and cannot reach the new worker. Reopen loads the new version in place.
 */
import { useT } from './i18n-context';

export function UpdatedNotice({ onReopen }: { onReopen: () => void }) {
  const { t } = useT();
  return (
    <div class="cg-notice cg-updated" role="alert" data-kind="updated">
      <p class="cg-error-text">{t('ui_extension_updated')}</p>
      <button type="button" class="cg-button" onClick={onReopen}>
        {t('ui_reopen')}
      </button>
    </div>
  );
}

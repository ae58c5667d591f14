/** What is sent where and what stays on this computer, in plain words. */
import { useT } from '../../ui/i18n-context';

export function Privacy() {
  const { t } = useT();
  return (
    <section class="card privacy" id="privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('options_privacy_title')}</h2>
      <p>{t('options_privacy_sent')}</p>
      <ul>
        <li>{t('options_privacy_sent_message')}</li>
        <li>{t('options_privacy_sent_context')}</li>
        <li>{t('options_privacy_sent_id')}</li>
      </ul>
      <p>{t('options_privacy_stored')}</p>
      <p>{t('options_privacy_nothing_else')}</p>
      <p>{t('options_privacy_site')}</p>
    </section>
  );
}

/**
 * The page opened on install: the three ways to use ChatGptt, the real shortcuts (read from the
 * browser, since the user or another extension may have changed them), pinning the icon, and
 * what each optional permission is for.
 */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import '../shared/i18n-pages';
import { languageOf, translator } from '../shared/i18n';
import { I18nContext } from '../ui/i18n-context';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged } from '../shared/settings-storage';
import { applyLook } from '../options/apply-look';
import { isFirefox } from '../options/permissions';
import { ShortcutKeys, readShortcuts, type ShortcutInfo } from '../options/sections/Shortcuts';

function shortcutOf(shortcuts: ShortcutInfo[] | null, name: string) {
  if (!shortcuts) return null;
  return <ShortcutKeys shortcut={shortcuts.find((s) => s.name === name)?.shortcut ?? ''} />;
}

export function Onboarding() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [shortcuts, setShortcuts] = useState<ShortcutInfo[] | null>(null);
  // This page's language, from its settings: passed to every text below (no global to set).
  const i18n = translator(languageOf(settings?.language ?? 'auto'));
  const { t } = i18n;
  useEffect(() => {
    void getSettings().then(setSettings);
    return onSettingsChanged(setSettings);
  }, []);
  useEffect(() => {
    void readShortcuts(t).then(setShortcuts, () => setShortcuts([]));
  }, [t]);
  if (!settings) return null;
  applyLook(settings);
  document.title = t('onboarding_page_title');
  const firefox = isFirefox();

  return (
    <I18nContext.Provider value={i18n}>
      <main class="onboarding">
        <header class="hero">
          <img src="/icons/icon-128.png" alt="" width={64} height={64} />
          <div>
            <h1>{t('onboarding_title')}</h1>
            <p>{t('onboarding_intro')}</p>
          </div>
        </header>

        <section aria-labelledby="ways-title">
          <h2 id="ways-title">{t('onboarding_ways_title')}</h2>
          <ol class="ways">
            <li>
              <h3>{t('onboarding_popup_title')}</h3>
              <p>{t('onboarding_popup_text')}</p>
              <p class="keys" data-command="_execute_action">
                {t('onboarding_shortcut')} {shortcutOf(shortcuts, '_execute_action')}
              </p>
            </li>
            <li>
              <h3>{t('onboarding_select_title')}</h3>
              <p>{t('onboarding_select_text')}</p>
            </li>
            <li>
              <h3>{t('onboarding_sidebar_title')}</h3>
              <p>{t('onboarding_sidebar_text')}</p>
              <p class="keys" data-command="toggle-sidebar">
                {t('onboarding_shortcut')} {shortcutOf(shortcuts, 'toggle-sidebar')}
              </p>
            </li>
          </ol>
          <p class="hint">
            {firefox ? t('onboarding_shortcuts_change_firefox') : t('onboarding_shortcuts_change')}
          </p>
        </section>

        <section aria-labelledby="pin-title">
          <h2 id="pin-title">{t('onboarding_pin_title')}</h2>
          <p>{firefox ? t('onboarding_pin_firefox') : t('onboarding_pin_chrome')}</p>
        </section>

        <section aria-labelledby="permissions-title">
          <h2 id="permissions-title">{t('onboarding_permissions_title')}</h2>
          <p>{t('onboarding_permissions_intro')}</p>
          <ul>
            <li>{t('onboarding_permission_sites')}</li>
            <li>{t('onboarding_permission_all')}</li>
            <li>{t('onboarding_permission_proxy')}</li>
          </ul>
          {firefox && <p>{t('onboarding_permissions_firefox')}</p>}
        </section>

        <p class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            {t('onboarding_open_settings')}
          </button>
        </p>
      </main>
    </I18nContext.Provider>
  );
}

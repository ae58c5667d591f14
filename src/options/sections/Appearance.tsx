/** Theme and language of every extension page, and how the sidebar sits on a page. */
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';

const THEMES: Array<Settings['theme']> = ['system', 'light', 'dark'];
const LANGUAGES: Array<Settings['language']> = ['auto', 'en', 'ru'];
const SIDEBAR_MODES: Array<Settings['sidebarMode']> = ['overlay', 'push'];

export function Appearance({ settings, save }: { settings: Settings; save: SaveSettings }) {
  return (
    <section class="card" id="appearance" aria-labelledby="appearance-title">
      <h2 id="appearance-title">{t('options_appearance_title')}</h2>
      <div class="row" style="gap:1.5rem">
        <div class="field">
          <label for="appearance-theme">{t('options_appearance_theme')}</label>
          <select
            id="appearance-theme"
            value={settings.theme}
            onChange={(event) => {
              const value = THEMES.find((theme) => theme === event.currentTarget.value);
              if (value) void save({ theme: value });
            }}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`options_theme_${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="appearance-language">{t('options_appearance_language')}</label>
          <select
            id="appearance-language"
            value={settings.language}
            onChange={(event) => {
              const value = LANGUAGES.find((lang) => lang === event.currentTarget.value);
              if (value) void save({ language: value });
            }}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`options_language_${language}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="appearance-sidebar">{t('options_appearance_sidebar')}</label>
          <select
            id="appearance-sidebar"
            style="max-width:16rem"
            value={settings.sidebarMode}
            aria-describedby="appearance-sidebar-hint"
            onChange={(event) => {
              const value = SIDEBAR_MODES.find((mode) => mode === event.currentTarget.value);
              if (value) void save({ sidebarMode: value });
            }}
          >
            {SIDEBAR_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`options_sidebar_${mode}`)}
              </option>
            ))}
          </select>
          <span id="appearance-sidebar-hint" class="hint">
            {t('options_appearance_sidebar_hint')}
          </span>
        </div>
      </div>
    </section>
  );
}

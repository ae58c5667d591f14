/** Theme and language of every extension page. */
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';

const THEMES: Array<Settings['theme']> = ['system', 'light', 'dark'];
const LANGUAGES: Array<Settings['language']> = ['auto', 'en', 'ru'];

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
      </div>
    </section>
  );
}

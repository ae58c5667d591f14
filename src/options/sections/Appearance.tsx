/** Theme and language of every extension page, and how the sidebar sits on a page. */
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';

const THEMES: Array<Settings['theme']> = ['system', 'light', 'dark'];
const LANGUAGES: Array<Settings['language']> = ['auto', 'en', 'ru'];
const SIDEBAR_MODES: Array<Settings['sidebarMode']> = ['overlay', 'push'];
const SURFACES: Array<Settings['sidebarSurface']> = ['page', 'panel'];

export function Appearance({ settings, save }: { settings: Settings; save: SaveSettings }) {
  return (
    <section class="card" id="appearance" aria-labelledby="appearance-title">
      <h2 id="appearance-title">{t('options_appearance_title')}</h2>
      <div class="row" style="gap:1.5rem">
        <Choice
          id="appearance-theme"
          label={t('options_appearance_theme')}
          choices={THEMES}
          value={settings.theme}
          text={(theme) => t(`options_theme_${theme}`)}
          onPick={(theme) => void save({ theme })}
        />
        <Choice
          id="appearance-language"
          label={t('options_appearance_language')}
          choices={LANGUAGES}
          value={settings.language}
          text={(language) => t(`options_language_${language}`)}
          onPick={(language) => void save({ language })}
        />
        <Choice
          id="appearance-sidebar"
          label={t('options_appearance_sidebar')}
          hint={t('options_appearance_sidebar_hint')}
          choices={SIDEBAR_MODES}
          value={settings.sidebarMode}
          text={(mode) => t(`options_sidebar_${mode}`)}
          onPick={(sidebarMode) => void save({ sidebarMode })}
        />
        <Choice
          id="appearance-surface"
          label={t('options_appearance_surface')}
          hint={t('options_appearance_surface_hint')}
          choices={SURFACES}
          value={settings.sidebarSurface}
          text={(surface) => t(`options_surface_${surface}`)}
          onPick={(sidebarSurface) => void save({ sidebarSurface })}
        />
      </div>
    </section>
  );
}

/** A labelled select over a fixed list of setting values. */
function Choice<T extends string>({
  id,
  label,
  hint,
  choices,
  value,
  text,
  onPick,
}: {
  id: string;
  label: string;
  hint?: string;
  choices: readonly T[];
  value: T;
  text(choice: T): string;
  onPick(choice: T): void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        style="max-width:16rem"
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => {
          const picked = choices.find((choice) => choice === event.currentTarget.value);
          if (picked) onPick(picked);
        }}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {text(choice)}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

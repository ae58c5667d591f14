/**
 * Theme and language of every extension page, the chat's text size, spacing and send key, and
 * how the sidebar sits on a page.
 */
import { useT } from '../../ui/i18n-context';
import type { Settings } from '../../shared/settings';
import type { SaveSettings } from '../use-settings';

const THEMES: Array<Settings['theme']> = ['system', 'light', 'dark'];
const LANGUAGES: Array<Settings['language']> = ['auto', 'en', 'ru'];
const SIDEBAR_MODES: Array<Settings['sidebarMode']> = ['overlay', 'push'];
const SURFACES: Array<Settings['sidebarSurface']> = ['page', 'panel'];
const FONT_SIZES: Array<Settings['fontSize']> = ['small', 'normal', 'large'];
const DENSITIES: Array<Settings['density']> = ['comfortable', 'compact'];
const SEND_KEYS: Array<Settings['sendKey']> = ['enter', 'ctrl-enter'];

export function Appearance({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const { t } = useT();
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
          id="appearance-font"
          label={t('options_appearance_font')}
          choices={FONT_SIZES}
          value={settings.fontSize}
          text={(size) => t(`options_font_${size}`)}
          onPick={(fontSize) => void save({ fontSize })}
        />
        <Choice
          id="appearance-density"
          label={t('options_appearance_density')}
          choices={DENSITIES}
          value={settings.density}
          text={(density) => t(`options_density_${density}`)}
          onPick={(density) => void save({ density })}
        />
        <Choice
          id="appearance-send-key"
          label={t('options_chat_send_key')}
          hint={t('options_chat_send_key_hint')}
          choices={SEND_KEYS}
          value={settings.sendKey}
          text={(key) => t(`options_send_${key.replace('-', '_')}`)}
          onPick={(sendKey) => void save({ sendKey })}
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

/** The options page: a list of sections on the left, the sections on the right. */
import '../shared/i18n-pages';
import { languageOf, translator } from '../shared/i18n';
import { I18nContext } from '../ui/i18n-context';
import { applyLook } from './apply-look';
import { Appearance } from './sections/Appearance';
import { Chat } from './sections/Chat';
import { Data } from './sections/Data';
import { Privacy } from './sections/Privacy';
import { Proxy } from './sections/Proxy';
import { QuickActions } from './sections/QuickActions';
import { SelectionButton } from './sections/SelectionButton';
import { Shortcuts } from './sections/Shortcuts';
import { Sites } from './sections/Sites';
import { useSettings } from './use-settings';

const SECTIONS = [
  'sites',
  'chat',
  'actions',
  'selection',
  'shortcuts',
  'proxy',
  'appearance',
  'data',
  'privacy',
] as const;

export function App() {
  const { settings, save, update } = useSettings();
  // This page's language, from its settings: every section gets it through the context.
  const i18n = translator(languageOf(settings?.language ?? 'auto'));
  const { t } = i18n;
  if (!settings) return <p class="status">{t('options_loading')}</p>;
  // The theme and the page's lang attribute, before the first paint that shows them.
  applyLook(settings);
  document.title = t('options_page_title');
  return (
    <I18nContext.Provider value={i18n}>
      <div class="layout">
        <nav aria-label={t('options_nav')}>
          <h1 class="brand">
            <img src="/icons/icon-48.png" alt="" />
            {t('options_heading')}
          </h1>
          <ul>
            {SECTIONS.map((id) => (
              <li key={id}>
                <a href={`#${id}`}>{t(`options_${id}_title`)}</a>
              </li>
            ))}
            <li>
              <a href="/onboarding/onboarding.html">{t('options_nav_howto')}</a>
            </li>
          </ul>
        </nav>
        <main>
          <Sites settings={settings} update={update} />
          <Chat settings={settings} save={save} />
          <QuickActions settings={settings} update={update} />
          <SelectionButton settings={settings} save={save} />
          <Shortcuts />
          <Proxy settings={settings} update={update} />
          <Appearance settings={settings} save={save} />
          <Data />
          <Privacy />
        </main>
      </div>
    </I18nContext.Provider>
  );
}

/** The options page: a list of sections on the left, the sections on the right. */
import '../shared/i18n-pages';
import { t } from '../shared/i18n';
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
  if (!settings) return <p class="status">{t('options_loading')}</p>;
  // Applied during render so the language is set before any text below is looked up.
  applyLook(settings);
  document.title = t('options_page_title');
  return (
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
  );
}

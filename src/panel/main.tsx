import { render } from 'preact';
import { languageOf, translator } from '../shared/i18n';
import { I18nContext } from '../ui/i18n-context';
import { getSettings } from '../shared/settings-storage';
import { PanelApp } from './app';

const settings = await getSettings().catch(() => null);
// The page's language until the chat's own settings take over (ChatApp follows their changes).
const i18n = translator(languageOf(settings?.language ?? 'auto'));
document.documentElement.lang = i18n.language;
render(
  <I18nContext.Provider value={i18n}>
    <PanelApp />
  </I18nContext.Provider>,
  document.getElementById('app') as HTMLElement,
);

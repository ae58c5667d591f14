/**
 * Renders a page's app in the language its settings say (the sidebar and side-panel pages):
 * given by context to the app, until ChatApp's own settings take over and follow their changes.
 */
import { render, type VNode } from 'preact';
import { languageOf, translator, type Translator } from '../shared/i18n';
import { getSettings } from '../shared/settings-storage';
import { I18nContext } from './i18n-context';

export async function renderInSettingsLanguage(app: VNode): Promise<Translator> {
  const settings = await getSettings().catch(() => null);
  const i18n = translator(languageOf(settings?.language ?? 'auto'));
  document.documentElement.lang = i18n.language;
  render(
    <I18nContext.Provider value={i18n}>{app}</I18nContext.Provider>,
    document.getElementById('app') as HTMLElement,
  );
  return i18n;
}

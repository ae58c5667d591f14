import { render } from 'preact';
import { languageOf, translator } from '../shared/i18n';
import { I18nContext } from '../ui/i18n-context';
import { getSettings } from '../shared/settings-storage';
import { SidebarApp } from './app';
import { guardOcclusion } from './occlusion';

const settings = await getSettings().catch(() => null);
// The page's language until the chat's own settings take over (ChatApp follows their changes).
const i18n = translator(languageOf(settings?.language ?? 'auto'));
const { t } = i18n;
document.documentElement.lang = i18n.language;
render(
  <I18nContext.Provider value={i18n}>
    <SidebarApp />
  </I18nContext.Provider>,
  document.getElementById('app') as HTMLElement,
);

// Refuse clicks while the page draws over the sidebar; say why at the top of the frame.
const coveredNote = document.createElement('div');
coveredNote.className = 'covered-note';
coveredNote.setAttribute('role', 'status');
coveredNote.hidden = true;
document.body.append(coveredNote);
guardOcclusion(document.documentElement, (covered) => {
  document.documentElement.toggleAttribute('data-covered', covered);
  coveredNote.textContent = covered ? t('sidebar_covered') : '';
  coveredNote.hidden = !covered;
});

import { render } from 'preact';
import { setLanguage, t } from '../shared/i18n';
import { getSettings } from '../shared/settings-storage';
import { SidebarApp } from './app';
import { guardOcclusion } from './occlusion';

const settings = await getSettings().catch(() => null);
if (settings) setLanguage(settings.language);
render(<SidebarApp />, document.getElementById('app') as HTMLElement);

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

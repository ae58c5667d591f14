import { extensionFate, recordExtensionWorker } from '../ui/extension-fate';
import { renderInSettingsLanguage } from '../ui/start-page';
import { setFateCheck } from '../ui/UpdatedNotice';
import { SidebarApp } from './app';
import { guardOcclusion } from './occlusion';
import { mark } from '../ui/trace';

mark('modules-evaluated');
// Before anything can go wrong: the worker to compare with if the runtime goes (update or off).
recordExtensionWorker();
setFateCheck(extensionFate);
const { t } = await renderInSettingsLanguage(<SidebarApp />);
mark('first-render');

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

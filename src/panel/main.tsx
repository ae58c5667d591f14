import { render } from 'preact';
import { setLanguage } from '../shared/i18n';
import { getSettings } from '../shared/settings-storage';
import { PanelApp } from './app';

const settings = await getSettings().catch(() => null);
if (settings) setLanguage(settings.language);
render(<PanelApp />, document.getElementById('app') as HTMLElement);

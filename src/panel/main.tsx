import { renderInSettingsLanguage } from '../ui/start-page';
import { PanelApp } from './app';

await renderInSettingsLanguage(<PanelApp />);

/** The toolbar popup: the chat app, opened on the last conversation. */
import { render } from 'preact';
import { languageOf, tIn } from '../shared/i18n';
import { PopupApp } from './PopupApp';
import { mark } from '../ui/trace';
import './popup.css';

mark('modules-evaluated');
// Before the settings are read (the popup's start is not kept waiting): the browser's language.
document.title = tIn(languageOf('auto'), 'popup_title');
render(<PopupApp />, document.getElementById('app') as HTMLElement);
mark('first-render');
requestAnimationFrame(() => mark('first-frame'));

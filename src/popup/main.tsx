/** The toolbar popup: the chat app, opened on the last conversation. */
import { render } from 'preact';
import { t } from '../shared/i18n';
import { PopupApp } from './PopupApp';
import { PopupNote } from './PopupNote';
import { mark } from '../ui/trace';
import './popup.css';

mark('modules-evaluated');
document.title = t('popup_title');
render(
  <>
    <PopupNote />
    <PopupApp />
  </>,
  document.getElementById('app') as HTMLElement,
);
mark('first-render');
requestAnimationFrame(() => mark('first-frame'));

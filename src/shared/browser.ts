/**
 * The one place that imports webextension-polyfill: the portability seam between Chrome and
 * Firefox, and the seam tests replace. Everything else imports `browser` from here.
 */
import browser from 'webextension-polyfill';

export default browser;
export { browser };
export type {
  DeclarativeNetRequest,
  Runtime,
  Tabs,
  Menus,
  Storage,
  Permissions,
  Scripting,
} from 'webextension-polyfill';

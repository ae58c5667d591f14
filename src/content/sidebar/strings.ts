/**
 * The few strings the in-page host needs, in the language the settings pick. Only this area's
 * messages are bundled (shared/i18n would bring every area's, several times this script's size).
 */
import en from '../../locales/en/content.json';
import ru from '../../locales/ru/content.json';

type Key = keyof typeof en;
let messages: Record<Key, { message: string }> = en;

export function setContentLanguage(setting: 'auto' | 'en' | 'ru'): void {
  const language = setting === 'auto' ? navigator.language.toLowerCase().slice(0, 2) : setting;
  messages = language === 'ru' ? ru : en;
}

export function contentText(key: Key): string {
  return messages[key].message;
}

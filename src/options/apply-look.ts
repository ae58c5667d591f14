/**
 * Applies the theme and the language's lang attribute to the current page (options and
 * onboarding share it). The text itself gets its language from the page's Translator.
 */
import { languageOf } from '../shared/i18n';
import type { Settings } from '../shared/settings';

export function applyLook(settings: Pick<Settings, 'theme' | 'language'>): void {
  document.documentElement.lang = languageOf(settings.language);
  document.documentElement.dataset.theme = settings.theme;
}

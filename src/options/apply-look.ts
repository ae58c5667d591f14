/** Applies the theme and language settings to the current page (options and onboarding share it). */
import { setLanguage } from '../shared/i18n';
import type { Settings } from '../shared/settings';

export function applyLook(settings: Pick<Settings, 'theme' | 'language'>): void {
  setLanguage(settings.language);
  document.documentElement.dataset.theme = settings.theme;
}

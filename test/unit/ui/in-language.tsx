/** Renders a view in a language, the way ChatApp and the options page give it (a context). */
import type { ComponentChildren } from 'preact';
import { translator, type Language } from '../../../src/shared/i18n';
import { I18nContext } from '../../../src/ui/i18n-context';

export function inLanguage(language: Language, children: ComponentChildren) {
  return <I18nContext.Provider value={translator(language)}>{children}</I18nContext.Provider>;
}

/**
 * The views' language, passed down explicitly: ChatApp (and the options and welcome pages)
 * provide the Translator of their settings' language, and components read it with `useT()`.
 * Outside a provider: the browser's language, which nothing changes.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { languageOf, translator, type Translator } from '../shared/i18n';

export const I18nContext = createContext<Translator>(translator(languageOf('auto')));

export function useT(): Translator {
  return useContext(I18nContext);
}

/** The message `k` in the view's language, where a parent holds only which message to show. */
export function Say({ k }: { k: string }): string {
  return useT().t(k);
}

/** Plain-language text for an error kind, with what the user can do about it. */
import type { ChatErrorKind } from '../provider/types';
import '../shared/i18n-pages';
import type { Translator } from '../shared/i18n';

export function errorText(t: Translator['t'], kind: ChatErrorKind): string {
  return t(`options_error_${kind.replace(/-/g, '_')}`);
}

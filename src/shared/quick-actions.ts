/**
 * Built-in quick actions in the UI language. Settings store the built-ins with the English
 * defaults; a built-in whose title or prompt is still a default (in any language) is shown and
 * sent in the current language, so switching the language switches them, while a title or
 * prompt the user rewrote is theirs and is never replaced.
 */
import { LANGUAGES, type Language, tIn } from './i18n';
import { DEFAULT_QUICK_ACTIONS, type QuickAction } from './settings';

type Field = 'title' | 'prompt';

/** The default text of a built-in's field in `language`, or undefined for an unknown id. */
function builtinText(id: string, field: Field, language: Language): string | undefined {
  const key = `actions_${id}_${field}`;
  const text = tIn(language, key);
  return text === key ? undefined : text;
}

/** True when `value` is the untouched default of that field in some language (or as stored). */
function isDefault(id: string, field: Field, value: string): boolean {
  const stored = DEFAULT_QUICK_ACTIONS.find((action) => action.id === id);
  if (stored?.[field] === value) return true;
  return LANGUAGES.some((language) => builtinText(id, field, language) === value);
}

function localizedField(action: QuickAction, field: Field, language: Language): string {
  const value = action[field];
  if (!action.builtin || !isDefault(action.id, field, value)) return value;
  return builtinText(action.id, field, language) ?? value;
}

/** The action as the user sees and sends it in `language`. */
export function localizeAction(action: QuickAction, language: Language): QuickAction {
  return {
    ...action,
    title: localizedField(action, 'title', language),
    prompt: localizedField(action, 'prompt', language),
  };
}

/**
 * What a field edit stores: the text typed, unless a built-in still at its default is given a
 * default again (a commit without a change must not pin the built-in to one language).
 */
export function editedField(action: QuickAction, field: Field, typed: string): string {
  const keep =
    action.builtin &&
    isDefault(action.id, field, action[field]) &&
    isDefault(action.id, field, typed);
  return keep ? action[field] : typed;
}

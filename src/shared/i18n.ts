/**
 * UI text. Messages live in src/locales/<lang>/<area>.json (the chrome.i18n format, one file
 * per area so areas never edit the same file); the build also merges them into _locales for
 * the manifest. We read them ourselves rather than through i18n.getMessage because the user
 * can pick the language in settings, which chrome.i18n cannot do.
 */
type LocaleFile = Record<string, { message: string; description?: string }>;

// The options and welcome pages' own text (a third of all text) is left out here and added by
// those pages (i18n-pages.ts), so the popup does not load it: its first paint has a size budget.
// So is the PDF reader's (panel/pdf/messages.ts), loaded with that code.
const files = import.meta.glob<LocaleFile>(
  [
    '../locales/*/*.json',
    '!../locales/*/options.json',
    '!../locales/*/onboarding.json',
    '!../locales/*/pdf.json',
  ],
  { eager: true, import: 'default' },
);

export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

function collect(
  language: Language,
  from: Record<string, LocaleFile> = files,
  messages = new Map<string, string>(),
): Map<string, string> {
  for (const [path, file] of Object.entries(from)) {
    if (!path.includes(`/locales/${language}/`)) continue;
    for (const [key, entry] of Object.entries(file)) messages.set(key, entry.message);
  }
  return messages;
}

const catalogs: Record<Language, Map<string, string>> = { en: collect('en'), ru: collect('ru') };

/** Adds more locale files (a page's own areas) to both catalogs. */
export function addMessages(more: Record<string, LocaleFile>): void {
  for (const language of LANGUAGES) collect(language, more, catalogs[language]);
}
let current: Language = detectLanguage();

function detectLanguage(): Language {
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return nav.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** The language a setting value means ('auto' follows the browser). */
export function languageOf(setting: 'auto' | Language): Language {
  return setting === 'auto' ? detectLanguage() : setting;
}

/**
 * Picks the language of `t` in this page or worker: once where the settings arrive (the page's
 * start, a settings change), never during a render. Code that knows the settings it works for
 * (a menu click, a built request) passes `languageOf(settings.language)` to `tIn` instead.
 */
export function setLanguage(setting: 'auto' | Language): void {
  current = languageOf(setting);
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}

export function getLanguage(): Language {
  return current;
}

/** A language's name in that language, as `{{language}}` puts it into a prompt ("русский"). */
export function languageName(language: Language = current): string {
  return tIn(language, 'actions_language_name');
}

/** The message `key` in the current language; `$1`…`$9` are replaced by `substitutions`. */
export function t(key: string, ...substitutions: Array<string | number>): string {
  return tIn(current, key, ...substitutions);
}

/** The message `key` in `language` (English when that language lacks it). */
export function tIn(
  language: Language,
  key: string,
  ...substitutions: Array<string | number>
): string {
  const template = catalogs[language].get(key) ?? catalogs.en.get(key);
  if (template === undefined) {
    if (import.meta.env.DEV) console.warn(`Missing message: ${key}`);
    return key;
  }
  return template.replace(/\$(\d)/g, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''));
}

/**
 * A counted phrase: `key_<category>` chosen by Intl.PluralRules for the current language (English
 * has one/other; Russian one/few/many), with `$1` the count written for that language. Falls back
 * to `key_other`, so a language only lists the forms it has.
 */
export function plural(key: string, count: number, ...more: Array<string | number>): string {
  const category = new Intl.PluralRules(current).select(count);
  const forms = catalogs[current];
  const chosen = forms.has(`${key}_${category}`) ? `${key}_${category}` : `${key}_other`;
  return t(chosen, count.toLocaleString(current), ...more);
}

/** All keys of a language (tests check en and ru match). */
export function messageKeys(language: Language): string[] {
  return [...catalogs[language].keys()].sort();
}

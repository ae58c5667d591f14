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
    // The import's words: the worker and the options page add them (i18n-import.ts).
    '!../locales/*/import.json',
    '!../locales/*/pdf.json',
    // The worker's words (background/words.ts) and the content scripts' (they bundle their own).
    '!../locales/*/background.json',
    '!../locales/*/content.json',
    // A video's words: shared/video-page.ts adds them where a tab is read.
    '!../locales/*/youtube.json',
    // A long page's prompts and choice: shared/page-parts.ts adds them (worker, summary panel).
    '!../locales/*/parts-words.json',
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

function detectLanguage(): Language {
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return nav.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/**
 * The language a setting value means ('auto' follows the browser). There is no current language
 * of a page or worker: code that says something passes the language of the settings it works
 * for (`tIn`, or a Translator that views get from their context, ui/i18n-context.ts).
 */
export function languageOf(setting: 'auto' | Language): Language {
  return setting === 'auto' ? detectLanguage() : setting;
}

/** A language's name in that language, as `{{language}}` puts it into a prompt ("русский"). */
export function languageName(language: Language): string {
  return tIn(language, 'actions_language_name');
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
 * A language's text functions, passed explicitly: views get one from their settings through a
 * context (ui/i18n-context.ts), so no render reads a language that another code path changes.
 * Plain closures: `const { t } = translator('ru')` works.
 */
export interface Translator {
  readonly language: Language;
  t(key: string, ...substitutions: Array<string | number>): string;
  /**
   * A counted phrase: `key_<category>` chosen by Intl.PluralRules for this language (English
   * has one/other; Russian one/few/many), with `$1` the count written for it. Falls back to
   * `key_other`, so a language only lists the forms it has.
   */
  plural(key: string, count: number, ...more: Array<string | number>): string;
  /** The language's own name, as `{{language}}` puts it into a prompt ("русский"). */
  languageName(): string;
}

const translators = new Map<Language, Translator>();

/** The one Translator of `language` (the same object each time, so a context value is stable). */
export function translator(language: Language): Translator {
  let made = translators.get(language);
  if (!made) {
    made = {
      language,
      t: (key, ...substitutions) => tIn(language, key, ...substitutions),
      plural: (key, count, ...more) => pluralIn(language, key, count, ...more),
      languageName: () => languageName(language),
    };
    translators.set(language, made);
  }
  return made;
}

function pluralIn(
  language: Language,
  key: string,
  count: number,
  ...more: Array<string | number>
): string {
  const category = new Intl.PluralRules(language).select(count);
  const forms = catalogs[language];
  const chosen = forms.has(`${key}_${category}`) ? `${key}_${category}` : `${key}_other`;
  return tIn(language, chosen, count.toLocaleString(language), ...more);
}

/** All keys of a language (tests check en and ru match). */
export function messageKeys(language: Language): string[] {
  return [...catalogs[language].keys()].sort();
}

/**
 * The import's words (refusals, progress). Added by the worker and the options page only, so
 * the popup does not carry them (its first paint has a size budget).
 */
import { addMessages } from './i18n';

addMessages(
  import.meta.glob<Record<string, { message: string }>>('../locales/*/import.json', {
    eager: true,
    import: 'default',
  }),
);

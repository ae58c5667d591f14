/**
 * The PDF reader's text (locales/<lang>/pdf.json), added when this code loads: the popup's first
 * paint does not carry it (shared/i18n.ts leaves it out, as it does the options page's).
 */
import { addMessages } from '../../shared/i18n';

addMessages(
  import.meta.glob<Record<string, { message: string }>>('../../locales/*/pdf.json', {
    eager: true,
    import: 'default',
  }),
);

/**
 * The options and welcome pages' text. Imported by those pages only (and first, before any
 * text is looked up), so the popup and the sidebar do not carry it.
 */
import { addMessages } from './i18n';
import './i18n-import';

addMessages(
  import.meta.glob<Record<string, { message: string }>>(
    ['../locales/*/options.json', '../locales/*/onboarding.json'],
    { eager: true, import: 'default' },
  ),
);

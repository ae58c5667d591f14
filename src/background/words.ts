/**
 * The worker's own words (background.json: refusals, menu titles, notices). Added by the worker's
 * modules that say them, so the popup, which shares shared/i18n.ts, does not carry them in its
 * first paint (it has a size budget: test/e2e/popup-bundle.test.ts).
 */
import { addMessages } from '../shared/i18n';

addMessages(
  import.meta.glob<Record<string, { message: string }>>('../locales/*/background.json', {
    eager: true,
    import: 'default',
  }),
);

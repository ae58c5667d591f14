/**
 * Which bot of a site a model name means (issue 16 item 1). Pure and import-free, so the
 * extension's views use the same mapping as the library without pulling in the page parser.
 */

/** One bot of a page. `id` is what `ChatOptions.bot` takes. */
export interface SiteBot {
  id: string;
  /** A human name: the header name, else the bot's model where the page says it, else "Bot N". */
  name: string;
  kind: 'shortcode' | 'widget' | 'aipkit';
  /** The first bot of the page: the one a client uses when none is chosen. */
  isDefault: boolean;
  /** What the page says the bot supports; absent where the page does not say. */
  streaming?: boolean;
  imageInput?: boolean;
  webSearch?: boolean;
}

/**
 * The bot a model name means on this page: a bot id, or a bot named by that model
 * (`gpt-4o-mini` finds "GPT-4o mini", `claude` finds "Claude 3.5"); the original provider's names
 * fall back to the default bot, as the site's own settings chose its model anyway. A name never
 * matches another variant of its model: `gpt-4o` is not "GPT-4o mini", `gpt-4` is not "GPT-4o".
 * Undefined: no such bot.
 */
export function botForModel(bots: SiteBot[], model: string): SiteBot | undefined {
  const wanted = normalize(model);
  if (wanted === '') return bots.find((b) => b.isDefault);
  const byId = bots.find((b) => b.id === model.trim());
  if (byId) return byId;
  const exact = bots.find((b) => normalize(b.name) === wanted);
  if (exact) return exact;
  // The shortest name that names it: "Claude" prefers "Claude" over "Claude (fast)".
  const naming = bots
    .filter((b) => namesModel(b.name, model))
    .sort((a, b) => a.name.length - b.name.length);
  if (naming[0]) return naming[0];
  if (ORIGINAL_MODELS.has(wanted)) return bots.find((b) => b.isDefault);
  return undefined;
}

const ORIGINAL_MODELS = new Set(['gpt4', 'gpt4o', 'gpt4omini']);

/** Words that make another model of the same family ("GPT-4o mini" is not GPT-4o). */
const VARIANTS = new Set(['mini', 'nano', 'turbo', 'pro', 'max', 'plus', 'lite', 'flash', 'o']);

/** Whether a bot's name has the model's words in a row, not followed by a variant's word. */
function namesModel(name: string, model: string): boolean {
  const have = words(name);
  const want = words(model);
  if (want.length === 0) return false;
  for (let i = 0; i + want.length <= have.length; i++) {
    if (!want.every((word, j) => have[i + j] === word)) continue;
    const next = have[i + want.length];
    if (next === undefined || !VARIANTS.has(next)) return true;
  }
  return false;
}

/** "GPT-4o mini" → gpt, 4o, mini; "gpt4o" → gpt, 4o (letters and a version split apart). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])(?=\d)/g, '$1 ')
    .split(/[^a-z0-9.]+/)
    .filter((word) => word !== '');
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A site's bots as the views and the worker share them (issue 16 item 1): which bot a
 * conversation talks to, and what the header may honestly say about it (issue 13: it shows what
 * the site really uses where that is known, and never a choice that is not made).
 */
import type { SiteBot } from '../provider/bot-match';
import type { ModelName } from './models';

export type { SiteBot };

/** The bot a conversation talks to on its site: the id goes into requests, the name on labels. */
export interface ChosenBot {
  id: string;
  name: string;
}

/** What the worker read from a site's page about its bots. */
export interface SiteBots {
  site: string;
  bots: SiteBot[];
  /** The site takes the model name itself (≤1.8.90's default shortcode): gpt-4… is a real choice. */
  modelChoice: boolean;
  /**
   * The bot id each original model name maps onto (provider botForModel, run in the worker so
   * the popup's initial bundle does without it).
   */
  byModel: Partial<Record<ModelName, string>>;
}

/**
 * The bot a conversation uses on a site: the one it chose while that bot is still on the page,
 * else the bot its model name maps onto (by name, else the site's default bot).
 */
export function effectiveBot(
  known: SiteBots,
  chosen: ChosenBot | undefined,
  model: ModelName,
): SiteBot | undefined {
  const { bots } = known;
  if (chosen) {
    const same = bots.find((bot) => bot.id === chosen.id);
    if (same) return same;
  }
  const mapped = known.byModel[model];
  return bots.find((bot) => bot.id === mapped) ?? bots.find((bot) => bot.isDefault);
}

/** What the header names: the model where the site takes one, else the bot in use, else nothing. */
export function usingLabel(
  known: SiteBots | undefined,
  chosen: ChosenBot | undefined,
  model: ModelName,
): string {
  if (!known) return '';
  const bot = effectiveBot(known, chosen, model);
  return takesModel(known, bot) ? model : (bot?.name ?? '');
}

/** The model name is a real choice only for the bot that takes it (≤1.8.90's default shortcode). */
export function takesModel(known: SiteBots, bot: SiteBot | undefined): boolean {
  return known.modelChoice && (!bot || (bot.isDefault && bot.kind === 'shortcode'));
}

const MAX_BOT_ID = 100;
const MAX_BOT_NAME = 200;

export function isChosenBot(value: unknown): value is ChosenBot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, name, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_BOT_ID &&
    typeof name === 'string' &&
    name.length <= MAX_BOT_NAME
  );
}

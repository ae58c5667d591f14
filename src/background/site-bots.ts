/**
 * The bots of each configured site, read from its page (issue 16 item 1) and kept a few minutes,
 * so the views' picker and the turn runner agree on which bot a model name means without
 * reading the page for every message. Memory only: a fresh worker reads the page again.
 */
import type { BotChoice } from '../provider';
import { botForModel } from '../provider/bot-match';
import type { SiteBots } from '../shared/bots';
import { MODELS, type ModelName } from '../shared/models';

const TTL_MS = 10 * 60_000;

export interface SiteBotsDeps {
  /**
   * Reads the site's page (the provider's fetchBotChoice behind the site's header rules; it
   * keeps that read's tokens for the next turn).
   */
  read: (site: string) => Promise<BotChoice>;
  now?: () => number;
}

export class SiteBotDirectory {
  private readonly entries = new Map<string, { value: SiteBots; at: number }>();
  private readonly reading = new Map<string, Promise<SiteBots>>();
  private readonly now: () => number;

  constructor(private readonly deps: SiteBotsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The site's bots, read from its page unless read in the last minutes (or `refresh`). */
  list(site: string, refresh = false): Promise<SiteBots> {
    const key = keyOf(site);
    const cached = this.known(site);
    if (cached && !refresh) return Promise.resolve(cached);
    const pending = this.reading.get(key);
    if (pending) return pending;
    const read = this.deps
      .read(site)
      .then((choice) => this.learn(site, choice))
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  /**
   * Keeps the bots of a page read elsewhere (a turn reading the page for its tokens), so the
   * picker's next list needs no GET of its own: one read of the page serves both.
   */
  learn(site: string, choice: BotChoice): SiteBots {
    const byModel: Partial<Record<ModelName, string>> = {};
    for (const model of MODELS) {
      const bot = botForModel(choice.bots, model);
      if (bot) byModel[model] = bot.id;
    }
    const value: SiteBots = { site, bots: choice.bots, modelChoice: choice.modelChoice, byModel };
    this.entries.set(keyOf(site), { value, at: this.now() });
    return value;
  }

  /** What is known without reading the page (undefined: nothing, or too old). */
  known(site: string): SiteBots | undefined {
    const entry = this.entries.get(keyOf(site));
    if (!entry || this.now() - entry.at > TTL_MS) return undefined;
    return entry.value;
  }
}

/** One key per site however its URL is spelled (a trailing slash or the host's case). */
function keyOf(site: string): string {
  try {
    const url = new URL(site);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return site.replace(/\/+$/, '');
  }
}

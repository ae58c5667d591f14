/**
 * The chat-site client's public entry (library main): `import { ChatGptt } from 'chatgptt'`.
 * Mirrors the original Python provider (g4f `ChatGptt`), for chatgptt.me and any site running
 * the AI Power (wpaicg) plugin. Runs in Node ≥20, extension service workers and pages.
 */
import { DEFAULT_MODEL, MODELS, resolveModel } from './models';
import { botForModel, type SiteBot } from './bots';
import { DEFAULT_SITE } from './site-url';
import { fetchBots, runTurn } from './turn';
import type { ChatMessage, ChatOptions } from './types';

export * from './types';
export * from './errors';
export { formatPrompt } from './format';
export { selfTest } from './self-test';
export { memoryTokenCache } from './token-cache';
export { generateClientId, isClientId } from './client-id';
export {
  fetchTokens,
  fetchBotChoice,
  type BotChoice,
  normalizeSite,
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
} from './turn';
export { discoverTokens } from './discovery';
export { discoverBots, botForModel, type SiteBot } from './bots';
export { clearCookies } from './http';

export class ChatGptt {
  static readonly url: string = DEFAULT_SITE;
  static readonly apiEndpoint: string = 'https://chatgptt.me/wp-admin/admin-ajax.php';
  static readonly working: boolean = true;
  static readonly supportsStream: boolean = true;
  static readonly supportsSystemMessage: boolean = true;
  static readonly supportsMessageHistory: boolean = true;
  static readonly defaultModel: string = DEFAULT_MODEL;
  static readonly models: readonly string[] = MODELS;

  /** A known model name for `name` (aliases such as `4o` or `mini` accepted; empty → default). */
  static getModel(name?: string): string {
    return resolveModel(name);
  }

  /** Every bot (chat root) the site's page offers, with its name and what it supports. */
  static listModels(site: string, options: ChatOptions = {}): Promise<SiteBot[]> {
    return fetchBots({ ...options, site });
  }

  /**
   * The bot a model name means on a site: a bot id or name, or one of the original provider's
   * names mapped onto a bot of that name (else the site's default bot). Undefined: no such bot.
   */
  static async botForModel(
    site: string,
    model: string,
    options: ChatOptions = {},
  ): Promise<SiteBot | undefined> {
    return botForModel(await ChatGptt.listModels(site, options), model);
  }

  /**
   * Yields text pieces as they arrive; throws ChatError (kind 'aborted' when options.signal
   * aborts). The model is sent only where the plugin lets a client choose it (shortcode options on
   * plugin versions ≤1.8.90); everywhere else the site's own settings decide the model.
   */
  static createAsyncGenerator(
    model: string,
    messages: ChatMessage[],
    options: ChatOptions = {},
  ): AsyncGenerator<string, void> {
    return runTurn(ChatGptt.getModel(model), messages, options);
  }
}

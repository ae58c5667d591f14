/** The worker's one door to the provider: the real chat call, self-test and client id. */
import {
  ChatGptt,
  fetchBotChoice,
  generateClientId,
  selfTest as providerSelfTest,
  type BotChoice,
  type ChatOptions,
} from '../provider';
import { ensureSiteHeaders } from './site-headers';
import type { ChatFn } from './turns/chat-fn';
import { markTurn } from './trace';

// No request leaves before the site's Origin/Referer rules are in place (site-headers.ts).
export const chat: ChatFn = async function* (model, messages, options) {
  await ensureSiteHeaders(options.site ?? ChatGptt.url);
  markTurn('site-headers');
  yield* ChatGptt.createAsyncGenerator(model, messages, options);
};

export const selfTest: typeof providerSelfTest = async (site, options) => {
  await ensureSiteHeaders(site);
  return providerSelfTest(site, options);
};

/** A site's bots and whether it takes a model, read from its page like a turn reads it. */
export async function readBots(site: string, options: ChatOptions): Promise<BotChoice> {
  await ensureSiteHeaders(site);
  return fetchBotChoice({ ...options, site });
}

export { generateClientId };

/**
 * One chat turn against a site: tokens (cached or read from the page), the exchange of the
 * page's generation, the reply as text pieces, and the single nonce refresh (docs/protocol.md#nonce-life-and-refresh).
 */
import { discoverBots, type SiteBot } from './bots';
import { honoursShortcodeOptions, splitConversation, type TurnInput } from './chat-request';
import { discoverTokens } from './discovery';
import { ChatError } from './errors';
import { refreshAipkitNonce } from './aipkit-nonce';
import { sendAipkit } from './exchange-aipkit';
import { sendLegacy } from './exchange-legacy';
import { bodyText, RequestGuard } from './http';
import { fetchPage } from './redirects';
import { classifyHttp, MESSAGES } from './reply';
import { memoryTokenCache } from './token-cache';
import { fail, resolveContext, type TurnContext } from './turn-context';
import type { ChatMessage, ChatOptions, SiteTokens } from './types';

export {
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MEMORY_LIMIT,
} from './turn-context';
export { DEFAULT_SITE, normalizeSite } from './site-url';
export { stableUuid } from './exchange-aipkit';

const sharedCache = memoryTokenCache();

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ChatError('aborted', 'Stopped.');
}

/** GETs the page and lists its bots (every chat root). */
export async function fetchBots(options: ChatOptions = {}): Promise<SiteBot[]> {
  return (await fetchBotChoice(options)).bots;
}

/** What a site lets a client choose: its bots, and whether the model name is sent at all. */
export interface BotChoice {
  bots: SiteBot[];
  /**
   * docs/protocol.md#model-choice: only ≤1.8.90's default shortcode takes the client's model;
   * everywhere else the site's settings decide it, and a model picker would choose nothing.
   */
  modelChoice: boolean;
}

/**
 * GETs the page once and reads both its bots and whether its default bot takes a model. The
 * tokens of that read (the default bot's and each bot's) go into the token cache, so the next
 * turn sends at once instead of reading the same page again.
 */
export async function fetchBotChoice(options: ChatOptions = {}): Promise<BotChoice> {
  const resolved = resolveContext(options);
  const { html, url } = await readPage(resolved);
  const now = Date.now();
  const choice = choiceOf(html, url, now);
  const cache = options.tokenCache ?? sharedCache;
  for (const bot of [undefined, ...choice.bots.map((b) => b.id)]) {
    try {
      await cache.set(tokenKey(resolved.site, bot), discoverTokens(html, url, now, bot));
    } catch {
      // A bot without tokens (or a page with none) is read again when a turn asks it.
    }
  }
  return choice;
}

/** GETs the page and reads its tokens. */
export async function fetchTokens(options: ChatOptions = {}): Promise<SiteTokens> {
  const resolved = resolveContext(options);
  return loadTokens(resolved);
}

/** Each bot of a page has its own tokens (bot id, maybe its own nonce): its own cache entry. */
function tokenKey(site: string, bot: string | undefined): string {
  return bot === undefined ? site : `${site}#bot=${bot}`;
}

/** The one GET of the site's page that tokens and bots are read from, its failure classified. */
async function readPage(resolved: TurnContext): Promise<{ html: string; url: string }> {
  const guard = new RequestGuard(resolved.guardOptions);
  try {
    const { response, url } = await fetchPage(
      resolved.site,
      { method: 'GET', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } },
      guard,
      resolved.http,
    );
    const html = await bodyText(response, guard);
    const failure = classifyHttp(response.status, response.headers, html);
    if (failure !== undefined) fail(failure, response.status);
    return { html, url };
  } finally {
    guard.dispose();
  }
}

function choiceOf(html: string, url: string, now: number): BotChoice {
  const bots = discoverBots(html);
  let modelChoice = false;
  try {
    modelChoice = honoursShortcodeOptions(discoverTokens(html, url, now));
  } catch {
    // A page without tokens lets nothing be chosen; its bots (if any) say the rest.
  }
  return { bots, modelChoice };
}

/** Reads the page for a turn's tokens; the bots of that same read are told as progress. */
async function loadTokens(resolved: TurnContext): Promise<SiteTokens> {
  const { html, url } = await readPage(resolved);
  const now = Date.now();
  // Told before the tokens are read: a bot the page no longer has fails below, and the new list
  // is what the caller wants to know then.
  resolved.progress({ type: 'bots', ...choiceOf(html, url, now) });
  return discoverTokens(html, url, now, resolved.bot);
}

/** The generator behind ChatGptt.createAsyncGenerator. */
export async function* runTurn(
  model: string,
  messages: ChatMessage[],
  options: ChatOptions = {},
): AsyncGenerator<string, void> {
  const resolved = resolveContext(options);
  const cache = options.tokenCache ?? sharedCache;
  const key = tokenKey(resolved.site, resolved.bot);
  const turn = splitConversation(messages, options.memoryMode ?? 'plugin');
  throwIfAborted(options.signal);

  let tokens = await cache.get(key);
  // Tokens are used only on the origin they were read from and for (a cache written by an older
  // version, or tampered with, could name another host).
  if (tokens !== undefined && !onOrigin(tokens, resolved.site)) {
    await cache.delete(key);
    tokens = undefined;
  }
  let cached = tokens !== undefined;
  for (let attempt = 1; ; attempt++) {
    if (tokens === undefined) {
      const started = Date.now();
      tokens = await loadTokens(resolved);
      await cache.set(key, tokens);
      resolved.progress({ type: 'tokens', tokens, cached: false, ms: Date.now() - started });
    } else {
      resolved.progress({ type: 'tokens', tokens, cached: true, ms: 0 });
    }
    resolved.progress({ type: 'request', attempt });
    let answered = false;
    try {
      for await (const piece of sendTurn(tokens, model, turn, options, resolved)) {
        answered = true;
        yield piece;
      }
      return;
    } catch (cause) {
      const error =
        cause instanceof ChatError
          ? cause
          : new ChatError('protocol', MESSAGES.unreadable, { cause, detail: String(cause) });
      // A stale cache can also name a generation the site has left (an upgrade gives `400 0`).
      const refresh = error.kind === 'nonce' || (cached && error.kind === 'plugin-missing');
      if (!answered && refresh && attempt === 1) {
        // G5 asks for a fresh nonce in one POST; only when that fails is the page read again.
        const nonce =
          error.kind === 'nonce' && tokens.generation === 'G5'
            ? await refreshAipkitNonce(tokens, resolved)
            : undefined;
        resolved.progress({ type: 'nonce-refresh', via: nonce ? 'action' : 'page' });
        if (nonce !== undefined) {
          tokens = { ...tokens, nonce, fetchedAt: Date.now() };
          await cache.set(key, tokens);
        } else {
          await cache.delete(key);
          tokens = undefined;
        }
        cached = false;
        continue;
      }
      if (error.kind === 'nonce')
        throw new ChatError('nonce', MESSAGES.nonce, {
          ...(error.detail === undefined ? {} : { detail: error.detail }),
          ...(error.status === undefined ? {} : { status: error.status }),
        });
      throw error;
    }
  }
}

function onOrigin(tokens: SiteTokens, site: string): boolean {
  try {
    const origin = new URL(site).origin;
    return new URL(tokens.pageUrl).origin === origin && new URL(tokens.ajaxUrl).origin === origin;
  } catch {
    return false;
  }
}

function sendTurn(
  tokens: SiteTokens,
  model: string,
  turn: TurnInput,
  options: ChatOptions,
  resolved: TurnContext,
): AsyncGenerator<string, void> {
  return tokens.generation === 'G5'
    ? sendAipkit(tokens, turn, options, resolved)
    : sendLegacy(tokens, model, turn, options, resolved);
}

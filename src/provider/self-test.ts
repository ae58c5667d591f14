/**
 * A site self-test: page → tokens → generation → a short test message → reply, each step
 * timed. Never throws: a failed step carries its error, and later steps are not run.
 */
import { ChatError } from './errors';
import { runTurn, fetchTokens, normalizeSite } from './turn';
import { memoryTokenCache } from './token-cache';
import type { ChatErrorKind, ChatOptions, SelfTestResult, SelfTestStep } from './types';

const MESSAGE_REFUSALS = new Set<ChatErrorKind>([
  'network',
  'nonce',
  'challenge',
  'plugin-missing',
  'server',
  'not-a-chat-site',
  'permission',
  'refused',
  'invalid-message',
]);

export const SELF_TEST_MESSAGE = 'Reply with one short word: are you there?';

function stepError(error: unknown): NonNullable<SelfTestStep['error']> {
  if (error instanceof ChatError)
    return {
      kind: error.kind,
      message: error.message,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
    };
  return { kind: 'protocol', message: error instanceof Error ? error.message : String(error) };
}

export async function selfTest(site: string, options: ChatOptions = {}): Promise<SelfTestResult> {
  const steps: SelfTestStep[] = [];
  let normalized = site;
  try {
    normalized = normalizeSite(site);
  } catch (error) {
    steps.push({ step: 'page', ok: false, ms: 0, error: stepError(error) });
    return { site, ok: false, steps };
  }
  const result: SelfTestResult = { site: normalized, ok: false, steps };

  // The page and its tokens (one GET; timed as the page step, read as the tokens step).
  const pageStarted = Date.now();
  let tokens;
  try {
    tokens = await fetchTokens({ ...options, site: normalized });
  } catch (error) {
    const ms = Date.now() - pageStarted;
    const failure = stepError(error);
    const pageLoaded =
      failure.kind === 'not-a-chat-site' &&
      error instanceof ChatError &&
      error.status === undefined;
    steps.push({ step: 'page', ok: pageLoaded, ms, ...(pageLoaded ? {} : { error: failure }) });
    if (pageLoaded) steps.push({ step: 'tokens', ok: false, ms: 0, error: failure });
    return result;
  }
  const pageMs = Date.now() - pageStarted;
  steps.push({ step: 'page', ok: true, ms: pageMs, info: tokens.pageUrl });
  steps.push({
    step: 'tokens',
    ok: true,
    ms: 0,
    info: `${tokens.chatType}, bot ${tokens.botId}, post ${tokens.postId || '-'}`,
  });
  steps.push({
    step: 'generation',
    ok: true,
    ms: 0,
    info:
      tokens.pluginVersion === undefined
        ? tokens.generation
        : `${tokens.generation} (plugin ${tokens.pluginVersion})`,
  });
  result.generation = tokens.generation;

  // The message and its reply, with these fresh tokens.
  const cache = memoryTokenCache();
  await cache.set(normalized, tokens);
  const sent = Date.now();
  let firstByteMs: number | undefined;
  let reply = '';
  try {
    for await (const piece of runTurn('gpt-4o', [{ role: 'user', content: SELF_TEST_MESSAGE }], {
      ...options,
      site: normalized,
      tokenCache: cache,
      onProgress: (event) => {
        if (event.type === 'first-byte') firstByteMs = event.ms;
        options.onProgress?.(event);
      },
    })) {
      reply += piece;
    }
  } catch (error) {
    const ms = Date.now() - sent;
    const failure = stepError(error);
    // The site refused the message itself, rather than failing to answer it.
    const refused =
      firstByteMs === undefined || (reply === '' && MESSAGE_REFUSALS.has(failure.kind));
    if (refused) steps.push({ step: 'message', ok: false, ms, error: failure });
    else {
      steps.push({ step: 'message', ok: true, ms: firstByteMs ?? ms });
      steps.push({ step: 'reply', ok: false, ms, error: failure });
    }
    if (reply !== '') result.reply = reply;
    return result;
  }
  steps.push({ step: 'message', ok: true, ms: firstByteMs ?? Date.now() - sent });
  steps.push({
    step: 'reply',
    ok: true,
    ms: Date.now() - sent,
    info: `${reply.length} characters`,
  });
  result.reply = reply;
  result.ok = true;
  return result;
}

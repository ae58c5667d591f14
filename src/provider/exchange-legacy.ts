/** A G1–G4 exchange: one urlencoded POST of the legacy fields (docs/protocol.md#legacy-request). */
import { legacyFields, type TurnInput } from './chat-request';
import { RequestGuard, siteFetch } from './http';
import { readReply } from './read-reply';
import { interpretLegacyJson, LegacyStreamInterpreter } from './reply';
import { DEFAULT_MEMORY_LIMIT, defaultClientId, type TurnContext } from './turn-context';
import type { ChatOptions, SiteTokens } from './types';

export async function* sendLegacy(
  tokens: SiteTokens,
  model: string,
  turn: TurnInput,
  options: ChatOptions,
  context: TurnContext,
): AsyncGenerator<string, void> {
  const fields = legacyFields(tokens, turn, {
    clientId: options.clientId ?? defaultClientId(),
    memoryLimit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    model,
  });
  const guard = new RequestGuard(context.guardOptions);
  try {
    const started = Date.now();
    const response = await siteFetch(
      tokens.ajaxUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'text/event-stream, application/json, */*;q=0.5',
        },
        body: new URLSearchParams(fields).toString(),
      },
      guard,
      context.http,
    );
    yield* readReply(
      response,
      guard,
      context,
      started,
      () => new LegacyStreamInterpreter(),
      interpretLegacyJson,
    );
  } finally {
    guard.dispose();
  }
}

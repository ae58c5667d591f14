/**
 * Reads one reply (protocol §4.1): branches on the Content-Type; SSE is read as it arrives
 * through the streaming parser and the generation's interpreter, anything else whole.
 */
import { ChatError } from './errors';
import { bodyChunks, bodyText, type RequestGuard } from './http';
import { refuseRedirect } from './redirects';
import { classifyHttp, MESSAGES } from './reply';
import { CONTENT_TYPES, UNKNOWN_ACTION_BODY } from './site-knowledge';
import { SseParser, type SseEvent } from './sse';
import { fail, type TurnContext } from './turn-context';
import type { ReplyEvent } from './types';

/** A whole (JSON) answer larger than this is refused: a guard for memory, far above real answers. */
const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export interface StreamInterpreter {
  push(frame: SseEvent): ReplyEvent[];
  end(parser: SseParser): ReplyEvent[];
}

/** Branches on the Content-Type (§4.1): SSE is read as it arrives; anything else whole. */
export async function* readReply(
  response: Response,
  guard: RequestGuard,
  context: TurnContext,
  started: number,
  streamInterpreter: () => StreamInterpreter,
  jsonInterpreter: (body: string) => ReplyEvent[],
): AsyncGenerator<string, void> {
  refuseRedirect(response, response.url || context.site);
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  const streaming = response.status === 200 && contentType.startsWith(CONTENT_TYPES.sse);
  context.progress({ type: 'first-byte', ms: Date.now() - started, streaming });
  if (!streaming) {
    const body = await bodyText(response, guard, MAX_REPLY_BYTES);
    const failure = classifyHttp(response.status, response.headers, body);
    if (failure !== undefined) fail(failure, response.status);
    const trimmed = body.trim();
    if (trimmed === UNKNOWN_ACTION_BODY || trimmed === '-1')
      fail({
        type: 'error',
        kind: 'plugin-missing',
        message: MESSAGES.pluginMissing,
        detail: trimmed,
      });
    if (trimmed === '') fail({ type: 'error', kind: 'upstream', message: MESSAGES.noAnswer });
    yield* emit(jsonInterpreter(body));
    return;
  }
  const parser = new SseParser();
  const interpreter = streamInterpreter();
  let pieces = 0;
  const counted = function* (events: ReplyEvent[]): Generator<string, boolean> {
    for (const event of events) if (event.type === 'delta') pieces++;
    return yield* emit(events);
  };
  try {
    for await (const chunk of bodyChunks(response, guard)) {
      for (const frame of parser.push(chunk)) {
        if (yield* counted(interpreter.push(frame))) return;
      }
    }
  } catch (error) {
    // The connection itself broke after part of the answer: the same for the user as a stream
    // the site ended early (`cut`, the text so far kept), not a site that could not be reached.
    if (pieces > 0 && error instanceof ChatError && error.kind === 'network')
      throw new ChatError('cut', MESSAGES.cutConnection, { detail: error.message, cause: error });
    throw error;
  }
  for (const frame of parser.end()) {
    if (yield* emit(interpreter.push(frame))) return;
  }
  yield* emit(interpreter.end(parser));
}

/** Yields the deltas; throws the error; returns true once the reply is done. */
function* emit(events: ReplyEvent[]): Generator<string, boolean> {
  for (const event of events) {
    if (event.type === 'delta') yield event.text;
    else if (event.type === 'error') fail(event);
    else return true;
  }
  return false;
}

/** Shared helpers for the provider's integration tests against the local test site. */
import {
  ChatError,
  ChatGptt,
  memoryTokenCache,
  type ChatMessage,
  type ChatOptions,
  type ProgressEvent,
} from '../../src/provider';

export interface TurnOutcome {
  text: string;
  pieces: number;
  error?: ChatError;
  progress: ProgressEvent[];
}

/** One turn through the public API; never throws (the error is in the outcome). */
export async function turn(
  messages: ChatMessage[] | string,
  options: ChatOptions,
): Promise<TurnOutcome> {
  const list: ChatMessage[] =
    typeof messages === 'string' ? [{ role: 'user', content: messages }] : messages;
  const progress: ProgressEvent[] = [];
  let text = '';
  let pieces = 0;
  try {
    for await (const piece of ChatGptt.createAsyncGenerator('gpt-4o', list, {
      tokenCache: memoryTokenCache(),
      ...options,
      onProgress: (event) => {
        progress.push(event);
        options.onProgress?.(event);
      },
    })) {
      text += piece;
      pieces++;
    }
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    return { text, pieces, error, progress };
  }
  return { text, pieces, progress };
}

/** The message count the test site's echo model reports: `ECHO[n=4]: …`. */
export function echoCount(text: string): number | undefined {
  const match = /^ECHO\[n=(\d+)\]: /.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The last user message the echo model saw (its first line after the count). */
export function echoedMessage(text: string): string {
  const body = text.replace(/^ECHO\[n=\d+\]: /, '');
  return body.slice(0, body.indexOf('\n\nThis is the'));
}

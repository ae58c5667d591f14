/**
 * The provider's streaming call as the turn runner sees it: injected, so unit tests drive the
 * runner with a fake generator and the worker wires the real `ChatGptt.createAsyncGenerator`.
 */
import type { ChatMessage, ChatOptions } from '../../provider/types';
import type { ModelName } from '../../shared/models';

export type ChatFn = (
  model: ModelName,
  messages: ChatMessage[],
  options: ChatOptions,
) => AsyncGenerator<string, void>;

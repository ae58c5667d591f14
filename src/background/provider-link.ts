/** The worker's one door to the provider: the real chat call, self-test and client id. */
import { ChatGptt, generateClientId, selfTest } from '../provider';
import type { ChatFn } from './turns/chat-fn';

export const chat: ChatFn = (model, messages, options) =>
  ChatGptt.createAsyncGenerator(model, messages, options);

export { generateClientId, selfTest };

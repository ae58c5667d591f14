/** The messages sent to the site for an answer: the system prompt, then the conversation so far. */
import type { ChatMessage } from '../../provider/types';
import type { Conversation, StoredMessage } from '../../shared/model';
import { composeMessage } from '../../shared/prompt';

/** What the site is asked when the user wants an interrupted answer continued. */
export const CONTINUE_PROMPT =
  'Continue your previous answer exactly where it stopped. Do not repeat anything.';

/** `before` are the messages preceding the answer, in order. Failed, empty answers are left out. */
export function buildHistory(conversation: Conversation, before: StoredMessage[]): ChatMessage[] {
  const history: ChatMessage[] = [];
  if (conversation.systemPrompt.trim())
    history.push({ role: 'system', content: conversation.systemPrompt });
  for (const message of before) {
    if (message.role === 'user') {
      history.push({ role: 'user', content: composeMessage(message.text, message.context) });
    } else if (message.text) {
      history.push({ role: 'assistant', content: message.text });
    }
  }
  return history;
}

/** History for "continue": everything up to and with the partial answer, then the request. */
export function buildContinueHistory(
  conversation: Conversation,
  upToAnswer: StoredMessage[],
): ChatMessage[] {
  return [...buildHistory(conversation, upToAnswer), { role: 'user', content: CONTINUE_PROMPT }];
}

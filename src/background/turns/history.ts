/** The messages sent to the site for an answer: the system prompt, then the conversation so far. */
import type { ChatMessage } from '../../provider/types';
import type { Conversation, StoredMessage } from '../../shared/model';
import type { Language } from '../../shared/i18n';
import { composeMessage } from '../../shared/prompt';

/** How much of the partial answer the continue request quotes. */
export const CONTINUE_TAIL_CHARS = 400;

/**
 * What the site is asked to continue an answer that stopped or was cut. It quotes where the
 * answer ended, because not every site sends the model our history: a G5 site keeps its own,
 * and a turn cut mid-stream never reached it, so "continue" alone would have nothing to go on.
 */
export function continuePrompt(partial: string): string {
  const tail = partial.slice(-CONTINUE_TAIL_CHARS);
  return [
    'Your previous answer stopped before it was finished. Its last words were:',
    '',
    tail,
    '',
    'Continue the answer exactly from there. Do not repeat anything already written.',
  ].join('\n');
}

/**
 * `before` are the messages preceding the answer, in order. Failed, empty answers are left out,
 * and so are the parts of a page summary other than the one being answered: each part goes
 * whole as its own message, and the final summary turn (kept) already carries what they said,
 * so later questions about the page do not resend the page part by part. Our own words around
 * a quoted context are in `language` (the settings' one).
 */
export function buildHistory(
  conversation: Conversation,
  before: StoredMessage[],
  language: Language,
): ChatMessage[] {
  const history: ChatMessage[] = [];
  if (conversation.systemPrompt.trim())
    history.push({ role: 'system', content: conversation.systemPrompt });
  const current = before.at(-1)?.part;
  for (const message of before) {
    const part = message.part;
    if (part && part.index > 0 && !(part.job === current?.job && part.index === current.index))
      continue;
    if (message.role === 'user') {
      history.push({
        role: 'user',
        content: composeMessage(message.text, message.context, language),
      });
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
  language: Language,
): ChatMessage[] {
  const partial = upToAnswer.at(-1)?.text ?? '';
  return [
    ...buildHistory(conversation, upToAnswer, language),
    { role: 'user', content: continuePrompt(partial) },
  ];
}

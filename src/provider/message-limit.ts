/**
 * The most text one message may carry, in characters: the one rule for the extension (the
 * default budget for selected or page text, `contextBudget`) and the CLI (which refuses a longer
 * message before sending; cutting a message the user typed would lose their words). The site
 * itself names no limit that we know of; a longer prompt is slow and costly on its side.
 */
export const MESSAGE_LIMIT = 12_000;

/** Why `text` is refused, or undefined when it fits. */
export function messageTooLong(text: string, limit = MESSAGE_LIMIT): string | undefined {
  if (text.length <= limit) return undefined;
  return `The message is ${text.length} characters long; at most ${limit} are sent in one message. Shorten it or send it in parts.`;
}

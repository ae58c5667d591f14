/**
 * The shown messages with each page summary's part turns gathered into one group: the user sees
 * the final answer, and opens the group for the parts. Pure.
 */
import type { StoredMessage } from '../../shared/model';

export type ListItem =
  | { kind: 'message'; message: StoredMessage }
  | { kind: 'parts'; job: string; count: number; messages: StoredMessage[] };

export function groupParts(messages: StoredMessage[]): ListItem[] {
  const items: ListItem[] = [];
  for (const message of messages) {
    const part = message.part;
    // Every part turn, and the final request (its text is the parts' summaries), go in the group;
    // the final answer stays outside it.
    const grouped = part && (part.index > 0 || message.role === 'user');
    const last = items.at(-1);
    if (!grouped) items.push({ kind: 'message', message });
    else if (last?.kind === 'parts' && last.job === part.job) last.messages.push(message);
    else items.push({ kind: 'parts', job: part.job, count: part.count, messages: [message] });
  }
  return items;
}

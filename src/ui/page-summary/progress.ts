/** Where a page summary in parts stands, read from the conversation's messages (pure). */
import type { Conversation, StoredMessage } from '../../shared/model';

export type JobProgress =
  /** Part `index` of `count` is being answered (index 0: the final summary). */
  | { state: 'running'; index: number; count: number }
  /** Stopped: after `done` parts; `stopped` is the part answer to continue, if one was cut. */
  | { state: 'stopped'; done: number; count: number; stopped?: StoredMessage }
  | { state: 'finished'; count: number };

export function jobProgress(
  conversation: Conversation | null,
  messages: StoredMessage[],
  busy: boolean,
): JobProgress | null {
  const job = conversation?.pageJob;
  if (!job) return null;
  const answers = messages.filter((m) => m.role === 'assistant' && m.part?.job === job.id);
  if (answers.length === 0) return busy ? { state: 'running', index: 1, count: job.count } : null;
  const last = answers.at(-1)!;
  const index = last.part?.index ?? 0;
  if (index === 0 && last.status === 'done') return { state: 'finished', count: job.count };
  if (last.status === 'streaming' || last.status === 'pending')
    return { state: 'running', index, count: job.count };
  const done = answers.filter((m) => m.status === 'done' && (m.part?.index ?? 0) > 0).length;
  if (busy && last.status === 'done')
    return { state: 'running', index: index + 1, count: job.count };
  return {
    state: 'stopped',
    done,
    count: job.count,
    ...(last.status === 'done' ? {} : { stopped: last }),
  };
}

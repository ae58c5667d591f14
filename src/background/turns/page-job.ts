/**
 * What a page summary in parts does next, read from the store alone (so a restarted worker or a
 * Continue picks it up where it stopped): each part is an ordinary turn whose messages carry
 * `part`; the job itself (the parts' text) is on the conversation. Pure functions.
 */
import type { Language } from '../../shared/i18n';
import type {
  Conversation,
  PageJob,
  PageSource,
  PartInfo,
  StoredMessage,
} from '../../shared/model';
import {
  finalMessage,
  jobContext,
  partPrompt,
  splitIntoParts,
  partBudget,
} from '../../shared/page-parts';
import type { SendInput } from '../store/store';

export type PageStep =
  /** Send this turn next. */
  | { kind: 'send'; input: Omit<SendInput, 'conversationId' | 'create'> }
  /** A part's answer failed or was stopped: the user retries or continues it first. */
  | { kind: 'blocked'; message: StoredMessage }
  /** Every part and the final summary are answered. */
  | { kind: 'done' };

/** A new job for `text`, cut to the message budget; `count` parts are summarized (all when undefined). */
export function newJob(
  id: string,
  page: { title: string; url: string; text: string; source?: PageSource | undefined },
  prompt: string,
  messageLimit: number,
  count?: number,
): PageJob {
  const parts = splitIntoParts(page.text, partBudget(messageLimit));
  const wanted = count === undefined ? parts.length : Math.max(1, Math.min(count, parts.length));
  const source = page.source ? { source: page.source } : {};
  return { id, title: page.title, url: page.url, prompt, parts, count: wanted, ...source };
}

/** The part of `message` when it belongs to `job`. */
function partOf(message: StoredMessage, job: PageJob): PartInfo | undefined {
  return message.part?.job === job.id ? message.part : undefined;
}

/** The next step of the conversation's job along the shown `path`, or null without a job. */
export function nextPageStep(
  conversation: Conversation,
  path: StoredMessage[],
  language: Language,
): PageStep | null {
  const job = conversation.pageJob;
  if (!job) return null;
  const summaries: string[] = [];
  let final: StoredMessage | undefined;
  for (const message of path) {
    const part = partOf(message, job);
    if (!part || message.role !== 'assistant') continue;
    if (message.status !== 'done') return { kind: 'blocked', message };
    if (part.index === 0) final = message;
    else summaries[part.index - 1] = message.text;
  }
  if (final) return { kind: 'done' };
  const next = summaries.findIndex((s) => s === undefined);
  const index = next === -1 ? summaries.length + 1 : next + 1;
  const context = jobContext(job);
  if (index <= job.count) {
    return {
      kind: 'send',
      input: {
        text: partPrompt(index, job.count, job.source, language),
        context: { ...context, text: job.parts[index - 1] ?? '' },
        part: { job: job.id, index, count: job.count },
      },
    };
  }
  return {
    kind: 'send',
    input: {
      text: finalMessage(job, summaries, language),
      context,
      part: { job: job.id, index: 0, count: job.count },
    },
  };
}

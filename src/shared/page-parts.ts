/**
 * A page too long for one message, summarized in parts: where to cut it, what each part's
 * message says, and the final message that joins the parts' summaries. Pure functions; the
 * worker runs the turns (background/turns/page-job.ts). The budget per message is
 * MESSAGE_LIMIT (docs/protocol.md#message-and-history-limits: the site checks none of its own).
 */
import { addMessages, type Language, tIn } from './i18n';
import type { PageContext, PageJob, PageSource } from './model';
import { quotePageText } from './prompt';

// Said by the worker and the lazily loaded summary panel only (not the popup's first paint).
addMessages(
  import.meta.glob<Record<string, { message: string }>>('../locales/*/parts-words.json', {
    eager: true,
    import: 'default',
  }),
);

/** A locale key said of a page, with its video / PDF wording (`parts_x`, `parts_x_video`…). */
export function sourceKey(key: string, source: PageSource | undefined): string {
  return source ? `${key}_${source}` : key;
}

/** The question sent with part `index` of `count`. */
export function partPrompt(
  index: number,
  count: number,
  source: PageSource | undefined,
  language: Language,
): string {
  return tIn(language, sourceKey('parts_part_prompt', source), String(index), String(count));
}

/** Above this many parts the user chooses: the first parts only, or all of them. */
export const PARTS_WITHOUT_ASKING = 20;

/** Room in a part's message for our own words around the page text (prompt, title, address). */
const FRAME = 600;

/**
 * Cuts `text` into parts of at most `budget` characters: at paragraph breaks where it can, else
 * at line breaks, else at spaces, else anywhere. Nothing is dropped or reordered: joining the
 * parts with what was cut at gives the text back (whitespace at a cut excepted).
 */
export function splitIntoParts(text: string, budget: number): string[] {
  const limit = Math.max(100, budget);
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut =
      lastBreak(window, '\n\n', limit * 0.5) ??
      lastBreak(window, '\n', limit * 0.5) ??
      lastBreak(window, ' ', limit * 0.5) ??
      limit;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

function lastBreak(window: string, separator: string, atLeast: number): number | undefined {
  const at = window.lastIndexOf(separator);
  return at >= atLeast ? at : undefined;
}

/** The page text per message: the message budget less room for our own words. */
export function partBudget(messageLimit: number): number {
  return Math.max(1000, messageLimit - FRAME);
}

/** The final message: the user's request over the parts' summaries, in order. */
export function finalMessage(
  job: PageJob,
  summaries: readonly string[],
  language: Language,
): string {
  const t = (key: string, ...args: string[]) => tIn(language, key, ...args);
  const joined = summaries
    .map(
      (summary, i) =>
        `${t('parts_part_label', String(i + 1), String(summaries.length))}\n${summary.trim()}`,
    )
    .join('\n\n');
  return `${t(sourceKey('parts_final_prompt', job.source), job.prompt)}\n\n${quotePageText(joined)}`;
}

/** The page of a job as a message context (what the user bubble shows as quoted). */
export function jobContext(job: PageJob): PageContext {
  return {
    title: job.title,
    url: job.url,
    kind: 'page',
    ...(job.source ? { source: job.source } : {}),
  };
}

/** Turning quick actions and page context into the text sent to the chat site. Pure functions. */
import { type Language, tIn } from './i18n';
import type { PageContext } from './model';

/** Page text as quoted material, never as part of the instructions (issue 22.5). */
export function quotePageText(text: string): string {
  return `"""\n${text}\n"""`;
}

/** Fills a quick-action template: `{{selection}}` (quoted) and `{{language}}`. */
export function applyQuickAction(template: string, selection: string, language: string): string {
  const filled = template.replaceAll('{{language}}', language);
  const quoted = quotePageText(selection);
  return filled.includes('{{selection}}')
    ? filled.replaceAll('{{selection}}', () => quoted)
    : `${filled}\n\n${quoted}`;
}

/**
 * The user message as the site receives it: the question, then the page it came from and the
 * quoted context when the context is not already part of the question. The labels are in the
 * UI language (`language`), like the built-in prompts.
 */
export function composeMessage(
  text: string,
  context: PageContext | undefined,
  language: Language,
): string {
  const t = (key: string, ...args: string[]) => tIn(language, key, ...args);
  if (!context) return text;
  const source = [context.title, context.url].filter(Boolean).join(' — ');
  const parts = [text];
  if (context.text && !text.includes(context.text)) {
    const label = t(context.kind === 'page' ? 'actions_page_text' : 'actions_selected_text');
    parts.push(`${label}:\n${quotePageText(context.text)}`);
  }
  if (source) parts.push(t('actions_from', source));
  return parts.join('\n\n');
}

/**
 * What the user selected in a page, as context. Uncut: the budget is applied once, when the
 * request is delivered (background/sidebar.ts, budgetRequest).
 */
export function selectionContext(
  page: { title?: string | undefined; url?: string | undefined },
  text: string,
): PageContext {
  return { title: page.title ?? '', url: page.url ?? '', text, kind: 'selection' };
}

/** Cuts `text` to `budget` characters at a word boundary; says how much was cut. */
export function budgetText(text: string, budget: number): { text: string; cut: number } {
  if (text.length <= budget) return { text, cut: 0 };
  const slice = text.slice(0, budget);
  const lastSpace = slice.lastIndexOf(' ');
  const kept = lastSpace > budget * 0.8 ? slice.slice(0, lastSpace) : slice;
  return { text: kept, cut: text.length - kept.length };
}

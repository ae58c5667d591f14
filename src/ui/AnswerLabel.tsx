/**
 * The line under an answer that says where it came from when that is not the obvious: which of
 * the site's bots answered (where it has several), or another site because the conversation's
 * own failed (and how it failed).
 */
import type { Translator } from '../shared/i18n';
import { useT } from './i18n-context';
import type { StoredMessage } from '../shared/model';
import { siteName } from './error-help';

/** The failures the label names in its own words; the others say "failed on its side". */
const WORDED = new Set(['network', 'timeout', 'challenge', 'quota', 'server']);

export function answerLabel(t: Translator['t'], message: StoredMessage): string | undefined {
  const note = message.fallback;
  if (!note || !message.site) return message.bot ? t('ui_answered_by_bot', message.bot) : undefined;
  // Another site's bot: "Answered by GPT-5 nano on b.example: a.example could not be reached."
  const by = message.bot ? `${message.bot} · ${siteName(message.site)}` : siteName(message.site);
  const from = siteName(note.from);
  if (note.remembered) return t('ui_answered_by_remembered', by, from);
  const reason = WORDED.has(note.kind) ? note.kind : 'other';
  return t(`ui_answered_by_${reason}`, by, from);
}

export function AnswerLabel({ message }: { message: StoredMessage }) {
  const { t } = useT();
  const label = answerLabel(t, message);
  return label ? <p class="cg-answer-label">{label}</p> : null;
}

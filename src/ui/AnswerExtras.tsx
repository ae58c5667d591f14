/**
 * What a site says about an answer besides its text: its notes (G5 `event: warning`, e.g. a
 * tool that failed) and the sources the answer cites (G5 `event: citations`). A source becomes a
 * link only when its URL passes the same rules as links in answers (safe-url.ts); otherwise its
 * title or address is shown as plain text.
 */
import { useT } from './i18n-context';
import type { StoredMessage } from '../shared/model';
import { safeHref } from './markdown/safe-url';

export function AnswerExtras({ message }: { message: StoredMessage }) {
  const { t } = useT();
  const notes = message.notes ?? [];
  const sources = message.sources ?? [];
  if (notes.length === 0 && sources.length === 0) return null;
  return (
    <div class="cg-answer-extras">
      {notes.map((note) => (
        <p class="cg-answer-note" role="note">
          {t('ui_answer_note', note)}
        </p>
      ))}
      {sources.length > 0 ? (
        <div class="cg-answer-sources">
          <p class="cg-answer-sources-title">{t('ui_answer_sources')}</p>
          <ol>
            {sources.map((source) => {
              const href = source.url === undefined ? null : safeHref(source.url);
              const text = source.title ?? source.url ?? '';
              return (
                <li>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {text}
                    </a>
                  ) : (
                    text
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      ) : null}
    </div>
  );
}

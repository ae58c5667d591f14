/**
 * A user message's bubble. A quick action sends its prompt with the selection inside it; the
 * selection is already shown in the quote card above, so the bubble shows only the user's own
 * words (the prompt template's text). Whenever page text went along, the whole text as sent
 * sits under "Details" (issue 22.5: nothing unseen is sent).
 */
import { useT } from './i18n-context';
import type { StoredMessage } from '../shared/model';
import { composeMessage, quotePageText } from '../shared/prompt';

/** The message text without the quoted selection, or undefined when it does not contain it. */
export function ownWords(message: Pick<StoredMessage, 'text' | 'context'>): string | undefined {
  const quoted = message.context?.text?.trim();
  if (!quoted || message.context?.kind !== 'selection') return undefined;
  // The selection goes in quoted (quotePageText); older messages have it bare.
  const fenced = quotePageText(quoted);
  const piece = message.text.includes(fenced) ? fenced : quoted;
  const at = message.text.indexOf(piece);
  if (at < 0) return undefined;
  const before = message.text.slice(0, at).trim();
  const after = message.text.slice(at + piece.length).trim();
  // A template with the selection in the middle keeps its shape: "Translate “…” into English".
  return before && after ? `${before} “…” ${after}` : before || after;
}

export function UserBubble({ message }: { message: StoredMessage }) {
  const { language, t } = useT();
  const words = ownWords(message);
  const bubble = words ?? message.text;
  if (!message.context?.text) {
    return (
      <div class="cg-bubble" dir="auto">
        {message.text}
      </div>
    );
  }
  return (
    <>
      {bubble ? (
        <div class="cg-bubble" dir="auto">
          {bubble}
        </div>
      ) : null}
      <details class="cg-details cg-sent">
        <summary>{t('ui_details')}</summary>
        <pre dir="auto">{composeMessage(message.text, message.context, language)}</pre>
      </details>
    </>
  );
}

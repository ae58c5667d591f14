/** The message box: Enter sends, Shift+Enter adds a line; Send becomes Stop while answering. */
import type { Ref } from 'preact';
import { t } from '../shared/i18n';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
}

export function Composer({ value, onInput, onSend, onStop, busy, inputRef }: Props) {
  const canSend = value.trim().length > 0 && !busy;
  const onKeyDown = (event: KeyboardEvent) => {
    // While an input method composes (Japanese, Chinese …) Enter confirms the word instead.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (canSend) onSend();
  };
  return (
    <form
      class="cg-composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
    >
      <textarea
        ref={inputRef}
        class="cg-input"
        dir="auto"
        aria-label={t('ui_message')}
        placeholder={t('ui_message_placeholder')}
        rows={2}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {busy ? (
        <button type="button" class="cg-button cg-stop" onClick={onStop}>
          {t('ui_stop')}
        </button>
      ) : (
        <button type="submit" class="cg-button cg-primary" disabled={!canSend}>
          {t('ui_send')}
        </button>
      )}
    </form>
  );
}

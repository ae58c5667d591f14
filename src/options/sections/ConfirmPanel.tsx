/** An inline question with a confirm and a Cancel button; the confirm button takes the focus. */
import type { ComponentChildren, Ref } from 'preact';
import { useT } from '../../ui/i18n-context';

interface Props {
  /** Id of the question, for the panel's accessible name. */
  id: string;
  question: ComponentChildren;
  confirmLabel: string;
  /** `danger` for what cannot be undone. */
  tone: 'primary' | 'danger';
  busy: boolean;
  confirmRef: Ref<HTMLButtonElement>;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmPanel({
  id,
  question,
  confirmLabel,
  tone,
  busy,
  confirmRef,
  onConfirm,
  onCancel,
}: Props) {
  const { t } = useT();
  return (
    <div
      class={tone === 'danger' ? 'confirm' : 'confirm neutral'}
      role="alertdialog"
      aria-labelledby={id}
    >
      <p id={id} style="margin-top:0">
        {question}
      </p>
      <div class="row">
        <button type="button" class={tone} onClick={onConfirm} disabled={busy} ref={confirmRef}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('options_cancel')}
        </button>
      </div>
    </div>
  );
}

/** How far an import has got: a progress bar with its words, and Stop while the file is read. */
import { useT } from '../../ui/i18n-context';

interface Props {
  text: string;
  done: number;
  total: number;
  /** Present while the file is being read (nothing is stored yet, so it can stop). */
  onStop: (() => void) | undefined;
}

export function ImportProgress({ text, done, total, onStop }: Props) {
  const { t } = useT();
  return (
    <div class="import-progress" data-testid="import-progress">
      <p>{text}</p>
      <div class="row">
        <progress
          max={Math.max(1, total)}
          value={Math.min(done, total)}
          aria-label={t('import_progress_label')}
        />
        {onStop ? (
          <button type="button" onClick={onStop}>
            {t('import_stop')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The progress of a page summary in parts, above the composer: "Part 2 of 5" while it runs (the
 * composer's Stop stops every part), and after a Stop or a restarted worker a button that goes
 * on from the last part.
 */
import { useT } from '../i18n-context';
import type { JobProgress } from './progress';
import './page-summary.css';

interface Props {
  progress: JobProgress;
  /** Continue the stopped part's answer, or (none cut) go on with the next part. */
  onContinue: () => void;
}

export function JobProgressBar({ progress, onContinue }: Props) {
  const { t } = useT();
  if (progress.state === 'finished') return null;
  if (progress.state === 'running') {
    const label =
      progress.index === 0
        ? t('parts_progress_final', String(progress.count))
        : t('parts_progress', String(progress.index), String(progress.count));
    const value = progress.index === 0 ? progress.count : progress.index - 1;
    return (
      <div class="cg-job" role="status" data-job="running">
        <span>{label}</span>
        <progress max={progress.count + 1} value={value} aria-label={label} />
      </div>
    );
  }
  return (
    <div class="cg-job" role="status" data-job="stopped">
      <span>{t('parts_stopped', String(progress.done), String(progress.count))}</span>
      <button type="button" class="cg-button cg-small" onClick={onContinue}>
        {t('parts_continue')}
      </button>
    </div>
  );
}

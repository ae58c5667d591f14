/**
 * `‹ 2 / 3 ›` under a message that has other versions (an edited question, a regenerated
 * answer): shows the previous or next one, with the turns that followed it.
 */
import { useT } from './i18n-context';
import type { VersionInfo } from '../shared/model';

interface Props {
  version: VersionInfo;
  kind: 'question' | 'answer';
  /** A turn is running: switching waits. */
  busy: boolean;
  onSwitch: (step: -1 | 1) => void;
}

export function VersionSwitcher({ version, kind, busy, onSwitch }: Props) {
  const { t } = useT();
  const { index, count } = version;
  return (
    <div
      class="cg-versions"
      role="group"
      aria-label={t(kind === 'question' ? 'ui_versions_of_question' : 'ui_versions_of_answer')}
    >
      <button
        type="button"
        class="cg-button cg-small cg-version-step"
        aria-label={t('ui_version_previous')}
        disabled={busy || index <= 1}
        onClick={() => onSwitch(-1)}
      >
        ‹
      </button>
      <span class="cg-version-position" aria-label={t('ui_version_position', index, count)}>
        {index} / {count}
      </span>
      <button
        type="button"
        class="cg-button cg-small cg-version-step"
        aria-label={t('ui_version_next')}
        disabled={busy || index >= count}
        onClick={() => onSwitch(1)}
      >
        ›
      </button>
    </div>
  );
}

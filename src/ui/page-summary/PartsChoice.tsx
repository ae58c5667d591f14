/**
 * Before summarizing an enormous page (more than PARTS_WITHOUT_ASKING parts, one request each):
 * the first parts only, or all of them. Nothing is sent until the user picks.
 */
import { useT } from '../i18n-context';
import { PARTS_WITHOUT_ASKING } from '../../shared/page-parts';

interface Props {
  count: number;
  partChars: number;
  onPick: (parts: number) => void;
}

export function PartsChoice({ count, partChars, onPick }: Props) {
  const { language, t } = useT();
  const n = (value: number) => value.toLocaleString(language);
  return (
    <section
      class="cg-parts-choice"
      role="group"
      aria-label={t('parts_choice', n(count), n(partChars))}
    >
      <p>{t('parts_choice', n(count), n(partChars))}</p>
      <div class="cg-chips">
        <button type="button" class="cg-button" onClick={() => onPick(PARTS_WITHOUT_ASKING)}>
          {t('parts_choice_first', n(PARTS_WITHOUT_ASKING))}
        </button>
        <button type="button" class="cg-button" onClick={() => onPick(count)}>
          {t('parts_choice_all', n(count))}
        </button>
      </div>
    </section>
  );
}

/**
 * Before summarizing an enormous page (more than PARTS_WITHOUT_ASKING parts, one request each):
 * the first parts only, or all of them. Nothing is sent until the user picks.
 */
import { useT } from '../i18n-context';
import type { PageSource } from '../../shared/model';
import { PARTS_WITHOUT_ASKING, sourceKey } from '../../shared/page-parts';

interface Props {
  count: number;
  /** A video's transcript or a PDF is named so ("This video is very long"). */
  source: PageSource | undefined;
  partChars: number;
  onPick: (parts: number) => void;
}

export function PartsChoice({ count, source, partChars, onPick }: Props) {
  const { language, t } = useT();
  const n = (value: number) => value.toLocaleString(language);
  const said = t(sourceKey('parts_choice', source), n(count), n(partChars));
  return (
    <section class="cg-parts-choice" role="group" aria-label={said}>
      <p>{said}</p>
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

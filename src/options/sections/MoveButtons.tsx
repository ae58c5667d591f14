/** "Move up" / "Move down" buttons: reordering that works from the keyboard. */
import { useT } from '../../ui/i18n-context';

/** A copy of `items` with the first item matching `isIt` moved by `delta` places (clamped). */
export function moveBy<T>(items: T[], isIt: (item: T) => boolean, delta: number): T[] {
  const from = items.findIndex(isIt);
  if (from < 0) return items;
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return items;
  copy.splice(Math.max(0, Math.min(from + delta, copy.length)), 0, item);
  return copy;
}

export function MoveButtons(props: {
  index: number;
  count: number;
  name: string;
  onMove: (delta: -1 | 1) => void;
}) {
  const { t } = useT();
  const { index, count, name, onMove } = props;
  return (
    <>
      <button
        type="button"
        onClick={() => onMove(-1)}
        disabled={index === 0}
        aria-label={t('options_move_up_named', name)}
        title={t('options_move_up')}
      >
        ↑
      </button>
      <button
        type="button"
        onClick={() => onMove(1)}
        disabled={index === count - 1}
        aria-label={t('options_move_down_named', name)}
        title={t('options_move_down')}
      >
        ↓
      </button>
    </>
  );
}

/**
 * A settings checkbox whose change takes a while (a permission prompt, a save): the box shows
 * what the user asked for until the work is over, so a save landing in between cannot flick it
 * back; afterwards it shows the stored value again (unchanged if the work was refused).
 */
import { useState } from 'preact/hooks';

export function usePendingSwitch(
  stored: boolean,
  onError: (error: unknown) => void,
): { checked: boolean; run(on: boolean, work: () => Promise<void>): void } {
  const [pending, setPending] = useState<boolean | null>(null);
  return {
    checked: pending ?? stored,
    run(on, work) {
      setPending(on);
      // `work` starts at once, inside the click: a permission prompt needs the user gesture.
      void work()
        .catch(onError)
        .finally(() => setPending(null));
    },
  };
}

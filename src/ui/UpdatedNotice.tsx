/**
 * Shown when the extension was updated or reloaded under an open view: this page is the old
 * version and cannot reach the new worker. Reopen loads the new version in place. The in-page
 * sidebar cannot reopen itself (only the new worker may open a sidebar, through the shortcut,
 * the menu or the toolbar), so there it offers Close and says how to open it again; if the
 * extension was turned off or removed instead (extension-fate.ts), it says that.
 */
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n-context';
import { ORPHAN_CLOSE } from '../shared/orphan-close';
import type { ExtensionFate } from './extension-fate';

/** The view is framed in a web page (the in-page sidebar), not a tab, popup or side panel. */
export function isInPage(): boolean {
  return typeof window !== 'undefined' && window.parent !== window;
}

let fateCheck: (() => Promise<ExtensionFate>) | undefined;

/**
 * The in-page sidebar hands over its check at start (extension-fate.ts). Not imported here: the
 * popup, whose first JS has a size budget, never needs it, and loading it late fails once the
 * extension's files are gone (removed).
 */
export function setFateCheck(check: () => Promise<ExtensionFate>): void {
  fateCheck = check;
}

/** Asks the old content script (which owns this frame) to remove the old sidebar. */
export function closeOrphanedSidebar(): void {
  window.parent.postMessage({ type: ORPHAN_CLOSE }, '*');
}

interface Props {
  onReopen: () => void;
  /** The in-page sidebar: close it, the user opens the new one. */
  inPage?: boolean;
}

export function UpdatedNotice({ onReopen, inPage = false }: Props) {
  const { t } = useT();
  // A tab, popup or side panel closes with the extension: if it is still here, it was updated.
  const [fate, setFate] = useState<ExtensionFate | 'checking'>(inPage ? 'checking' : 'updated');
  useEffect(() => {
    if (!inPage) return;
    let live = true;
    const check = fateCheck;
    if (!check) {
      setFate('unknown');
      return;
    }
    void check().then((found) => {
      if (live) setFate(found);
    });
    return () => {
      live = false;
    };
  }, [inPage]);
  // Said once, when known (under 3 s); the header's close and Esc work meanwhile.
  if (fate === 'checking') return null;
  const gone = fate === 'gone';
  const text = gone
    ? 'sidebar_extension_gone'
    : inPage
      ? 'ui_extension_updated_sidebar'
      : 'ui_extension_updated';
  return (
    <div class="cg-notice cg-updated" role="alert" data-kind={gone ? 'gone' : 'updated'}>
      <p class="cg-error-text">{t(text)}</p>
      <button type="button" class="cg-button" onClick={onReopen}>
        {t(inPage ? 'ui_close' : 'ui_reopen')}
      </button>
    </div>
  );
}

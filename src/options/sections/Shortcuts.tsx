/** The keyboard shortcuts as the browser has them now, and the way to change them. */
import { useEffect, useState } from 'preact/hooks';
import browser from '../../shared/browser';
import type { Translator } from '../../shared/i18n';
import { useT } from '../../ui/i18n-context';
import { isFirefox } from '../permissions';

export interface ShortcutInfo {
  name: string;
  description: string;
  shortcut: string;
}

/** The extension's commands with their current keys ("" when none is set). */
export async function readShortcuts(t: Translator['t']): Promise<ShortcutInfo[]> {
  const commands = await browser.commands.getAll();
  return commands.map((command) => ({
    name: command.name ?? '',
    description:
      command.name === '_execute_action'
        ? t('options_shortcuts_popup')
        : command.name === 'toggle-sidebar'
          ? t('options_shortcuts_sidebar')
          : (command.description ?? command.name ?? ''),
    shortcut: command.shortcut ?? '',
  }));
}

/** Firefox 137+ opens its shortcut page itself; older ones have only the manual path. */
function openShortcutSettings(): void {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (isFirefox()) {
    void commands.openShortcutSettings?.();
    return;
  }
  void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function ShortcutKeys({ shortcut }: { shortcut: string }) {
  const { t } = useT();
  if (!shortcut) return <em>{t('options_shortcuts_none')}</em>;
  const keys = shortcut.split('+');
  return (
    <span>
      {keys.map((key, i) => (
        <span key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </span>
      ))}
    </span>
  );
}

export function Shortcuts() {
  const { t } = useT();
  const [shortcuts, setShortcuts] = useState<ShortcutInfo[] | null>(null);
  useEffect(() => {
    void readShortcuts(t).then(setShortcuts, () => setShortcuts([]));
    // The user may change them in another tab and come back.
    const reload = () => void readShortcuts(t).then(setShortcuts, () => undefined);
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [t]);
  const firefox = isFirefox();
  const canOpenFirefox =
    firefox &&
    typeof (browser.commands as { openShortcutSettings?: unknown }).openShortcutSettings ===
      'function';

  return (
    <section class="card" id="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">{t('options_shortcuts_title')}</h2>
      <table class="shortcuts" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('options_shortcuts_action')}</th>
            <th scope="col">{t('options_shortcuts_keys')}</th>
          </tr>
        </thead>
        <tbody>
          {(shortcuts ?? []).map((s) => (
            <tr key={s.name} data-command={s.name}>
              <td>{s.description}</td>
              <td>
                <ShortcutKeys shortcut={s.shortcut} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(!firefox || canOpenFirefox) && (
        <button type="button" onClick={openShortcutSettings}>
          {t('options_shortcuts_change')}
        </button>
      )}
      <p class="hint">{firefox ? t('options_shortcuts_firefox') : t('options_shortcuts_chrome')}</p>
    </section>
  );
}

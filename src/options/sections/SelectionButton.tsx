/** The opt-in floating "Ask" button: needs access to every site, asked for when turned on and given back when off. */
import { useState } from 'preact/hooks';
import { useT } from '../../ui/i18n-context';
import type { Settings } from '../../shared/settings';
import { ALL_SITES, releaseOrigins, requestOrigins } from '../permissions';
import { DraftTextArea } from '../DraftFields';
import { usePendingSwitch } from '../use-pending-switch';
import type { SaveSettings } from '../use-settings';

/** Hostnames from the deny-list text: one per line (a pasted URL counts by its host). */
export function parseDenyList(text: string): string[] {
  const hosts = text
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .map((entry) => {
      try {
        return entry.includes('/') ? new URL(entry).hostname : entry;
      } catch {
        return entry;
      }
    });
  return [...new Set(hosts)];
}

export function SelectionButton({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const { t } = useT();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const toggle = usePendingSwitch(settings.selectionButton, (error) =>
    setStatus({ text: String(error), error: true }),
  );

  function onToggle(event: Event): void {
    const on = (event.currentTarget as HTMLInputElement).checked;
    toggle.run(on, async () => {
      if (!on) {
        await save({ selectionButton: false });
        await releaseOrigins([ALL_SITES]);
        setStatus({ text: t('options_selection_off'), error: false });
        return;
      }
      // Asked first thing, inside the click: the prompt needs the user gesture.
      if (!(await requestOrigins([ALL_SITES]))) {
        setStatus({ text: t('options_selection_denied'), error: true });
        return;
      }
      await save({ selectionButton: true });
      setStatus({ text: t('options_selection_on'), error: false });
    });
  }

  return (
    <section class="card" id="selection" aria-labelledby="selection-title">
      <h2 id="selection-title">{t('options_selection_title')}</h2>
      <label class="check">
        <input type="checkbox" checked={toggle.checked} onChange={onToggle} />
        <span>
          {t('options_selection_toggle')}
          <span class="hint" style="display:block;margin:0">
            {t('options_selection_hint')}
          </span>
        </span>
      </label>
      <p class={status?.error ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
      <div class="field">
        <label for="selection-deny">{t('options_selection_deny')}</label>
        <DraftTextArea
          id="selection-deny"
          rows={3}
          placeholder="mail.example.com"
          aria-describedby="selection-deny-hint"
          value={settings.selectionDenyList.join('\n')}
          onCommit={(text) => void save({ selectionDenyList: parseDenyList(text) })}
        />
        <span id="selection-deny-hint" class="hint">
          {t('options_selection_deny_hint')}
        </span>
      </div>
    </section>
  );
}

/** The opt-in floating "Ask" button: needs access to every site, asked for when turned on and given back when off. */
import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n';
import type { Settings } from '../../shared/settings';
import { ALL_SITES, releaseOrigins, requestOrigins } from '../permissions';
import { DraftTextArea } from '../DraftFields';
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
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  // The box shows what the user asked for while it is applied (a prompt may be open meanwhile).
  const [switching, setSwitching] = useState<boolean | null>(null);

  function onToggle(event: Event): void {
    const on = (event.currentTarget as HTMLInputElement).checked;
    setSwitching(on);
    const done = () => setSwitching(null);
    const failed = (error: unknown) => setStatus({ text: String(error), error: true });
    if (on) {
      // Asked inside the click: the prompt needs the user gesture.
      void requestOrigins([ALL_SITES])
        .then(async (granted) => {
          if (!granted) {
            setStatus({ text: t('options_selection_denied'), error: true });
            return;
          }
          await save({ selectionButton: true });
          setStatus({ text: t('options_selection_on'), error: false });
        })
        .catch(failed)
        .finally(done);
    } else {
      void (async () => {
        await save({ selectionButton: false });
        await releaseOrigins([ALL_SITES]);
        setStatus({ text: t('options_selection_off'), error: false });
      })()
        .catch(failed)
        .finally(done);
    }
  }

  return (
    <section class="card" id="selection" aria-labelledby="selection-title">
      <h2 id="selection-title">{t('options_selection_title')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={switching ?? settings.selectionButton}
          onChange={onToggle}
        />
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

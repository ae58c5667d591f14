/** A "Copy" button that says "Copied" for a moment; copies through the client (testable). */
import { useContext, useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { ClientContext } from './client-context';
import { copyText } from './copy-text';

export function CopyButton({ text, label }: { text: () => string; label?: string }) {
  const client = useContext(ClientContext);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      const value = text();
      if (client) await client.copyText(value);
      else await copyText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      class="cg-button cg-small"
      aria-label={label ?? t('ui_copy')}
      onClick={() => void copy()}
    >
      {state === 'copied'
        ? t('ui_copied')
        : state === 'failed'
          ? t('ui_copy_failed')
          : t('ui_copy')}
      <span class="cg-visually-hidden" aria-live="polite">
        {state === 'copied' ? t('ui_copied') : ''}
      </span>
    </button>
  );
}

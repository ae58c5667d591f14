/** A Copy button (an icon) that says "Copied" for a moment; copies through the client (testable). */
import { Check, Copy } from 'lucide-preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useT } from './i18n-context';
import { ClientContext } from './client-context';
import { copyText } from './copy-text';
import { IconButton } from './IconButton';

/**
 * `plain`: a text button, for the code block's bar inside a rendered answer, where no svg may
 * appear (the DOM audits forbid svg in answers; icons stay in the app's own chrome).
 */
export function CopyButton({
  text,
  label,
  plain = false,
}: {
  text: () => string;
  label?: string;
  plain?: boolean;
}) {
  const { t } = useT();
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
  if (plain) {
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
  return (
    <IconButton
      icon={state === 'copied' ? Check : Copy}
      label={label ?? t('ui_copy')}
      class="cg-small cg-ghost"
      onClick={() => void copy()}
    >
      {state === 'idle' ? null : (
        <span class="cg-icon-note">
          {state === 'copied' ? t('ui_copied') : t('ui_copy_failed')}
        </span>
      )}
      <span class="cg-visually-hidden" aria-live="polite">
        {state === 'copied' ? t('ui_copied') : ''}
      </span>
    </IconButton>
  );
}

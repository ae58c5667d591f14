/**
 * What the sidebar was opened with: the quoted page or selection (collapsed when long), a
 * warning when part of it will be cut, and quick-action chips that fill the composer.
 */
import { useState } from 'preact/hooks';
import { useT } from './i18n-context';
import type { PageContext } from '../shared/model';
import { applyQuickAction } from '../shared/prompt';
import { localizeAction } from '../shared/quick-actions';
import type { QuickAction } from '../shared/settings';

interface Props {
  context: PageContext;
  truncatedChars: number;
  quickActions: QuickAction[];
  onQuickAction: (prompt: string) => void;
  onRemove: () => void;
}

/** Longer selections start collapsed. */
const COLLAPSE_AT = 280;

export function ContextCard({
  context,
  truncatedChars,
  quickActions,
  onQuickAction,
  onRemove,
}: Props) {
  const { language, languageName, t } = useT();
  const text = context.text ?? '';
  const quoted = text.trim();
  const long = text.length > COLLAPSE_AT;
  const [expanded, setExpanded] = useState(false);
  const shown = long && !expanded ? `${quoted.slice(0, COLLAPSE_AT).trimEnd()}…` : quoted;
  return (
    <section class="cg-context" aria-label={t('ui_context')}>
      <div class="cg-context-head">
        <div class="cg-context-title">{context.title || context.url}</div>
        <button
          type="button"
          class="cg-button cg-small cg-icon"
          aria-label={t('ui_context_remove')}
          onClick={onRemove}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      {context.url ? <div class="cg-context-url">{context.url}</div> : null}
      {text ? <blockquote class="cg-context-text">{shown}</blockquote> : null}
      {long ? (
        <button
          type="button"
          class="cg-link"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('ui_show_less') : t('ui_show_more')}
        </button>
      ) : null}
      {truncatedChars > 0 ? (
        <p class="cg-warning" role="note">
          {t('ui_context_cut', truncatedChars.toLocaleString(language))}
        </p>
      ) : null}
      {text && quickActions.length > 0 ? (
        <div class="cg-chips" role="group" aria-label={t('ui_quick_actions')}>
          {quickActions
            .map((a) => localizeAction(a, language))
            .map((action) => (
              <button
                type="button"
                class="cg-chip"
                onClick={() => onQuickAction(applyQuickAction(action.prompt, text, languageName()))}
              >
                {action.title}
              </button>
            ))}
        </div>
      ) : null}
    </section>
  );
}

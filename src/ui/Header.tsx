/** The top bar: New chat, History, the site and model in use (opens their panel), settings. */
import { t } from '../shared/i18n';
import { siteName } from './error-help';

interface Props {
  view: 'chat' | 'history';
  site: string;
  model: string;
  optionsOpen: boolean;
  onNewChat: () => void;
  onHistory: () => void;
  onToggleOptions: () => void;
  onSettings: () => void;
  onClose?: (() => void) | undefined;
}

export function Header(props: Props) {
  return (
    <header class="cg-header">
      <div class="cg-header-row">
        <button type="button" class="cg-button cg-small" onClick={props.onNewChat}>
          {t('ui_new_chat')}
        </button>
        <button
          type="button"
          class="cg-button cg-small"
          aria-pressed={props.view === 'history'}
          onClick={props.onHistory}
        >
          {t('ui_history')}
        </button>
        <button
          type="button"
          class="cg-button cg-small cg-using"
          aria-expanded={props.optionsOpen}
          aria-controls="cg-options"
          title={t('ui_using_title')}
          onClick={props.onToggleOptions}
        >
          <span class="cg-using-site">{siteName(props.site)}</span>
          <span class="cg-using-model">{props.model}</span>
        </button>
        <button
          type="button"
          class="cg-button cg-small cg-icon"
          aria-label={t('ui_settings')}
          title={t('ui_settings')}
          onClick={props.onSettings}
        >
          <span aria-hidden="true">⚙</span>
        </button>
        {props.onClose ? (
          <button
            type="button"
            class="cg-button cg-small cg-icon"
            aria-label={t('ui_close')}
            title={t('ui_close')}
            onClick={props.onClose}
          >
            <span aria-hidden="true">✕</span>
          </button>
        ) : null}
      </div>
    </header>
  );
}

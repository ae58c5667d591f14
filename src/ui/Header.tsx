/**
 * The top bar: New chat and History on the left, the site and model in use in the middle (opens
 * their panel), Shortcuts, Settings and Close on the right. The buttons are icons with their name
 * as tooltip, so the bar never wraps, in any language, from 320 px up.
 */
import { CircleQuestionMark, Clock, Settings, SquarePen, X } from 'lucide-preact';
import { useT } from './i18n-context';
import { siteName } from './error-help';
import { IconButton } from './IconButton';
import { shortcutText } from './shortcuts';

interface Props {
  view: 'chat' | 'history';
  site: string;
  model: string;
  optionsOpen: boolean;
  helpOpen: boolean;
  onNewChat: () => void;
  onHistory: () => void;
  onToggleOptions: () => void;
  onHelp: () => void;
  onSettings: () => void;
  onClose?: (() => void) | undefined;
}

export function Header(props: Props) {
  const { t } = useT();
  return (
    <header class="cg-header">
      <div class="cg-header-row">
        <IconButton
          icon={SquarePen}
          label={t('ui_new_chat')}
          shortcut={shortcutText('newChat')}
          onClick={props.onNewChat}
        />
        <IconButton
          icon={Clock}
          label={t('ui_history')}
          shortcut={shortcutText('history')}
          pressed={props.view === 'history'}
          onClick={props.onHistory}
        />
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
        <IconButton
          icon={CircleQuestionMark}
          label={t('ui_shortcuts')}
          shortcut="?"
          hasPopup="dialog"
          expanded={props.helpOpen}
          onClick={props.onHelp}
        />
        <IconButton icon={Settings} label={t('ui_settings')} onClick={props.onSettings} />
        {props.onClose ? (
          <IconButton icon={X} label={t('ui_close')} onClick={props.onClose} />
        ) : null}
      </div>
    </header>
  );
}

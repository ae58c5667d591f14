/** The "?" panel: every keyboard shortcut of the chat, written for this platform. */
import { X } from 'lucide-preact';
import { useT } from './i18n-context';
import { IconButton } from './IconButton';
import { MOD, shortcutText } from './shortcuts';

export function HelpPanel({
  sendKey,
  onClose,
}: {
  sendKey: 'enter' | 'ctrl-enter';
  onClose: () => void;
}) {
  const { t } = useT();
  const send = sendKey === 'enter' ? 'Enter' : `${MOD}+Enter`;
  const line = sendKey === 'enter' ? 'Shift+Enter' : 'Enter';
  const rows: Array<[string, string]> = [
    [send, t('ui_help_send')],
    [line, t('ui_help_line')],
    ['/', t('ui_help_slash')],
    ['↑', t('ui_help_edit_last')],
    [shortcutText('newChat'), t('ui_new_chat')],
    [shortcutText('history'), t('ui_help_history')],
    ['Esc', t('ui_help_escape')],
    ['?', t('ui_help_help')],
  ];
  return (
    <section
      class="cg-help"
      id="cg-help"
      role="dialog"
      aria-labelledby="cg-help-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault(); // handled: nothing else closes or stops
          onClose();
        }
      }}
    >
      <div class="cg-help-head">
        <h2 id="cg-help-title">{t('ui_shortcuts')}</h2>
        <IconButton icon={X} label={t('ui_close_help')} onClick={onClose} />
      </div>
      <dl>
        {rows.map(([keys, what]) => (
          <div key={keys} class="cg-help-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

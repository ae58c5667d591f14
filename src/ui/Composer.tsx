/**
 * The message box. Enter sends and Shift+Enter adds a line, or — with the "Ctrl+Enter sends"
 * setting — Enter adds a line and Ctrl/⌘+Enter sends; never while an input method composes.
 * Send becomes Stop while answering. "/" opens the menu of quick actions and saved prompts; ↑ in
 * an empty box edits the last question.
 */
import type { Ref } from 'preact';
import { ArrowUp, Square } from 'lucide-preact';
import { useRef, useState } from 'preact/hooks';
import { useT } from './i18n-context';
import type { QuickAction } from '../shared/settings';
import { IconButton } from './IconButton';
import { composing, MOD, sendsOnEnter } from './shortcuts';
import { filterActions, optionId, SLASH_MENU_ID, SlashMenu, slashQuery } from './SlashMenu';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  busy: boolean;
  inputRef?: Ref<HTMLTextAreaElement>;
  sendKey?: 'enter' | 'ctrl-enter';
  /** The quick actions and saved prompts, in the UI language. */
  actions?: QuickAction[];
  onAction?: (action: QuickAction) => void;
  /** ↑ in an empty composer: edit the last question (false when there is none). */
  onEditLast?: () => boolean;
}

export function Composer(props: Props) {
  const { t } = useT();
  const { value, onInput, onSend, onStop, busy, inputRef, sendKey = 'enter' } = props;
  const canSend = value.trim().length > 0 && !busy;
  const composingNow = useRef(false);
  const [active, setActive] = useState(0);
  // Esc closes the menu until the text changes again.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const query = slashQuery(value);
  const menuOpen = query !== null && dismissed !== value && props.onAction !== undefined;
  const shown = menuOpen ? filterActions(props.actions ?? [], query) : [];
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  const choose = (action: QuickAction) => {
    setDismissed(null);
    props.onAction?.(action);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (composing(event, composingNow.current)) return;
    if (menuOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        if (shown.length > 0) setActive((activeIndex + step + shown.length) % shown.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const action = shown[activeIndex];
        if (action) {
          event.preventDefault();
          choose(action);
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault(); // handled: the answer is not stopped, the sidebar stays
        event.stopPropagation();
        setDismissed(value);
        return;
      }
    }
    if (event.key === 'ArrowUp' && value === '' && !event.shiftKey && props.onEditLast) {
      if (props.onEditLast()) event.preventDefault();
      return;
    }
    if (!sendsOnEnter(event, sendKey)) return;
    event.preventDefault();
    if (canSend) onSend();
  };

  return (
    <form
      class="cg-composer"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
    >
      {menuOpen ? (
        <SlashMenu actions={shown} active={activeIndex} onChoose={choose} onHover={setActive} />
      ) : null}
      <textarea
        ref={inputRef}
        class="cg-input"
        dir="auto"
        aria-label={t('ui_message')}
        placeholder={t(
          sendKey === 'enter' ? 'ui_message_placeholder' : 'ui_message_placeholder_ctrl',
          MOD,
        )}
        rows={2}
        value={value}
        aria-controls={menuOpen && shown.length > 0 ? SLASH_MENU_ID : undefined}
        aria-autocomplete={menuOpen ? 'list' : undefined}
        aria-activedescendant={menuOpen && shown.length > 0 ? optionId(activeIndex) : undefined}
        onInput={(event) => {
          setActive(0);
          onInput(event.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composingNow.current = true;
        }}
        onCompositionEnd={() => {
          composingNow.current = false;
        }}
      />
      {busy ? (
        <IconButton
          icon={Square}
          label={t('ui_stop')}
          shortcut="Esc"
          class="cg-stop"
          onClick={onStop}
        />
      ) : (
        <IconButton
          icon={ArrowUp}
          type="submit"
          label={t('ui_send')}
          class="cg-primary cg-send"
          disabled={!canSend}
        />
      )}
    </form>
  );
}

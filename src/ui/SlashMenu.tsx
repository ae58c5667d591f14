/**
 * The composer's "/" menu: the quick actions and saved prompts (one list, the one the options
 * page edits), filtered by what follows the "/". The composer keeps the focus and drives it
 * with the arrow keys, Enter and Esc (the listbox pattern with aria-activedescendant).
 */
import type { QuickAction } from '../shared/settings';
import { useT } from './i18n-context';

export const SLASH_MENU_ID = 'cg-slash-menu';
export const optionId = (index: number) => `cg-slash-${index}`;

/** The text after "/" when the composer holds a slash command being typed, else null. */
export function slashQuery(value: string): string | null {
  const match = /^\/([^\s/]*)$/.exec(value);
  return match ? (match[1] ?? '') : null;
}

export function filterActions(actions: QuickAction[], query: string): QuickAction[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return actions;
  return actions.filter(
    (action) =>
      action.title.toLocaleLowerCase().includes(q) || action.id.toLocaleLowerCase().startsWith(q),
  );
}

interface Props {
  actions: QuickAction[];
  active: number;
  onChoose: (action: QuickAction) => void;
  onHover: (index: number) => void;
}

export function SlashMenu({ actions, active, onChoose, onHover }: Props) {
  const { languageName, t } = useT();
  return (
    <div class="cg-slash" role="presentation">
      {actions.length === 0 ? (
        <p class="cg-slash-empty">{t('ui_slash_none')}</p>
      ) : (
        <ul id={SLASH_MENU_ID} role="listbox" aria-label={t('ui_slash_menu')}>
          {actions.map((action, index) => (
            <li
              key={action.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              class="cg-slash-item"
              // mousedown, not click: the composer must keep the focus.
              onMouseDown={(event) => {
                event.preventDefault();
                onChoose(action);
              }}
              onMouseMove={() => onHover(index)}
            >
              <span class="cg-slash-title">{action.title}</span>
              <span class="cg-slash-prompt">{promptPreview(action.prompt, languageName())}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The prompt's first line as a hint of what the action asks: the answer language named as it
 * will be sent, the text it works on shown as "…".
 */
export function promptPreview(prompt: string, languageName: string): string {
  const line =
    prompt
      .replaceAll('{{language}}', languageName)
      .replaceAll('{{selection}}', '…')
      .split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

/**
 * What a conversation carries that must never be hidden (issue 22, item 7): its system prompt,
 * always shown above the messages, and for an imported conversation from a site the user has
 * not configured, that it is read-only and where it can be continued.
 */
import { useT } from './i18n-context';
import { siteName } from './error-help';

export function SystemPromptNote({ text, onEdit }: { text: string; onEdit: () => void }) {
  const { t } = useT();
  if (!text.trim()) return null;
  return (
    <div class="cg-system-note" role="note">
      <button type="button" class="cg-link-button" onClick={onEdit}>
        {t('ui_conversation_system_prompt')}
      </button>
      <div class="cg-system-note-text">{text}</div>
    </div>
  );
}

export function ForeignSiteNote(props: {
  foreignSite: string;
  defaultSite: string;
  onContinue: () => void;
}) {
  const { t } = useT();
  return (
    <div class="cg-foreign-note cg-warning" role="status">
      <p>{t('ui_conversation_foreign', props.foreignSite)}</p>
      <button type="button" class="cg-button cg-primary" onClick={props.onContinue}>
        {t('ui_conversation_continue_on', siteName(props.defaultSite))}
      </button>
    </div>
  );
}

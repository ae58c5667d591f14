/** One message: the user's question (editable) or an answer (Markdown, actions, error notice). */
import { Pencil, RefreshCw, RotateCcw } from 'lucide-preact';
import { Component } from 'preact';
import { useState } from 'preact/hooks';
import { useT } from './i18n-context';
import type { PageContext, StoredMessage, VersionInfo } from '../shared/model';
import { AnswerExtras } from './AnswerExtras';
import { AnswerLabel } from './AnswerLabel';
import { CopyButton } from './CopyButton';
import { ErrorNotice } from './ErrorNotice';
import { IconButton } from './IconButton';
import { Typing } from './Typing';
import { UserBubble } from './UserBubble';
import { isPartial, isStopped } from './error-help';
import { Markdown } from './markdown/Markdown';
import { VersionSwitcher } from './VersionSwitcher';
import { useBusy } from './busy-context';

export interface MessageActions {
  onEdit: (messageId: string, text: string) => void;
  onRegenerate: () => void;
  onRetry: (messageId: string) => void;
  onContinue: (messageId: string) => void;
  /** Shows the previous (-1) or next (+1) version of a message. */
  onSwitchVersion: (messageId: string, step: -1 | 1) => void;
}

interface Props extends MessageActions {
  message: StoredMessage;
  /** The last answer of the conversation (only it can be regenerated). */
  isLastAnswer: boolean;
  site: string | undefined;
  /** Where the message stands among its versions, when it has others. */
  version: VersionInfo | undefined;
}

export function ContextQuote({ context }: { context: PageContext }) {
  return (
    <div class="cg-quote">
      <div class="cg-quote-source">{context.title || context.url}</div>
      {context.text ? <div class="cg-quote-text">{context.text}</div> : null}
    </div>
  );
}

function Versions({ message, version, onSwitchVersion }: Props) {
  const busy = useBusy();
  if (!version) return null;
  return (
    <VersionSwitcher
      version={version}
      kind={message.role === 'user' ? 'question' : 'answer'}
      busy={busy}
      onSwitch={(step) => onSwitchVersion(message.id, step)}
    />
  );
}

function UserMessage(props: Props) {
  const { t } = useT();
  const { message, onEdit } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  if (editing) {
    const save = () => {
      if (!draft.trim()) return;
      setEditing(false);
      onEdit(message.id, draft);
    };
    return (
      <div class="cg-message cg-user cg-editing">
        <textarea
          class="cg-input"
          aria-label={t('ui_edit_message')}
          value={draft}
          rows={3}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              save();
            } else if (event.key === 'Escape') {
              event.preventDefault(); // handled: the sidebar must not close too
              setEditing(false);
            }
          }}
          ref={(el) => el?.focus()}
        />
        <div class="cg-actions">
          <button type="button" class="cg-button cg-primary" onClick={save}>
            {t('ui_save_send')}
          </button>
          <button type="button" class="cg-button" onClick={() => setEditing(false)}>
            {t('ui_cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="cg-message cg-user">
      {message.context ? <ContextQuote context={message.context} /> : null}
      <UserBubble message={message} />
      <div class="cg-actions cg-message-actions">
        <Versions {...props} />
        <EditButton
          onClick={() => {
            setDraft(message.text);
            setEditing(true);
          }}
        />
      </div>
    </div>
  );
}

/** Waits while a turn runs: only it re-renders then (busy-context.ts). */
function EditButton({ onClick }: { onClick: () => void }) {
  const { t } = useT();
  return (
    <IconButton
      icon={Pencil}
      label={t('ui_edit')}
      class="cg-small cg-ghost"
      action="edit"
      disabled={useBusy()}
      onClick={onClick}
    />
  );
}

/** Continue / Copy / Regenerate (or Retry) under an answer, as its state allows. */
function AnswerActions(props: Props) {
  const { t } = useT();
  const { message, isLastAnswer, onRegenerate, onRetry, onContinue, version } = props;
  const busy = useBusy();
  const partial = isPartial(message);
  // A failed answer offers Retry in its notice; Regenerate is for a finished or stopped one.
  const regenerable = message.status === 'done' || partial || isStopped(message);
  if (!message.text && !regenerable && !version) return null;
  const again = regenerable && !busy && (isLastAnswer || message.status !== 'done');
  return (
    <div class="cg-actions cg-message-actions">
      <Versions {...props} />
      {partial && !busy ? (
        <button type="button" class="cg-button cg-small" onClick={() => onContinue(message.id)}>
          {t('ui_continue')}
        </button>
      ) : null}
      {message.text ? <CopyButton text={() => message.text} /> : null}
      {again ? (
        <IconButton
          icon={isLastAnswer ? RefreshCw : RotateCcw}
          label={t(isLastAnswer ? 'ui_regenerate' : 'ui_retry')}
          class="cg-small cg-ghost"
          // Only the last answer can be regenerated; an earlier unfinished one is answered anew.
          onClick={isLastAnswer ? onRegenerate : () => onRetry(message.id)}
        />
      ) : null}
    </div>
  );
}

/** What is said under an unfinished answer: a quiet "Stopped", or the notice of what went wrong. */
function AnswerStatus({ message, site, onRetry, onContinue }: Props) {
  const { t } = useT();
  const busy = useBusy();
  if (isStopped(message)) return <p class="cg-stopped">{t('ui_stopped')}</p>;
  if (message.status !== 'error' && message.status !== 'interrupted') return null;
  // A partial answer's notice only says what happened; its actions sit under the text.
  const withActions = !busy && !isPartial(message);
  return (
    <ErrorNotice
      error={message.error}
      status={message.status}
      site={message.site ?? site}
      canContinue={message.text.length > 0}
      answer={
        withActions ? { conversationId: message.conversationId, messageId: message.id } : undefined
      }
      {...(withActions
        ? { onRetry: () => onRetry(message.id), onContinue: () => onContinue(message.id) }
        : {})}
    />
  );
}

function AnswerMessage(props: Props) {
  const { t } = useT();
  const { message } = props;
  const streaming = message.status === 'streaming' || message.status === 'pending';
  return (
    <div
      class={`cg-message cg-assistant${props.isLastAnswer ? ' cg-last' : ''}`}
      aria-busy={streaming ? 'true' : undefined}
      data-status={message.status}
    >
      {message.text ? (
        <Markdown text={message.text} streaming={streaming} />
      ) : streaming ? (
        <Typing label={t('ui_thinking')} />
      ) : null}
      {streaming ? null : <AnswerExtras message={message} />}
      {streaming ? null : <AnswerLabel message={message} />}
      <AnswerStatus {...props} />
      {streaming ? null : <AnswerActions {...props} />}
    </div>
  );
}

/** Counts message renders; tests read it to prove a delta re-renders only its own message. */
export const messageRenderStats = { renders: 0 };

/**
 * A message re-renders only when its data changes: a streamed chunk touches one message, not
 * the whole conversation. The action callbacks are left out of the comparison on purpose (they
 * are recreated by the parent on every render but always do the same thing).
 */
export class MessageView extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const now = this.props;
    return (
      next.message !== now.message ||
      next.isLastAnswer !== now.isLastAnswer ||
      next.site !== now.site ||
      next.version?.index !== now.version?.index ||
      next.version?.count !== now.version?.count
    );
  }

  override render() {
    messageRenderStats.renders += 1;
    const props = this.props;
    return props.message.role === 'user' ? (
      <UserMessage {...props} />
    ) : (
      <AnswerMessage {...props} />
    );
  }
}

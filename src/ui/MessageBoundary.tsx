/**
 * One message's error boundary: if rendering it throws (a hostile answer we did not foresee),
 * that message alone is shown as plain text with a note, and the rest of the conversation and
 * the composer keep working. A new version of the message (the next streamed piece) tries again.
 */
import { Component, type ComponentChildren } from 'preact';
import { useT } from './i18n-context';
import type { StoredMessage } from '../shared/model';
import { CopyButton } from './CopyButton';

interface Props {
  message: StoredMessage;
  children: ComponentChildren;
}

interface State {
  /** The message version that failed to render. */
  failed: StoredMessage | null;
}

export class MessageBoundary extends Component<Props, State> {
  override state: State = { failed: null };

  override componentDidCatch(error: unknown): void {
    console.warn('A message could not be rendered', error);
    this.setState({ failed: this.props.message });
  }

  override render() {
    const { message, children } = this.props;
    if (this.state.failed !== message) return children;
    return (
      <div class={`cg-message cg-${message.role} cg-unrendered`} data-status={message.status}>
        <UnrenderableNote />
        <div class="cg-unrendered-text">{message.text}</div>
        <div class="cg-actions cg-message-actions">
          <CopyButton text={() => message.text} />
        </div>
      </div>
    );
  }
}

/** A component of its own: the boundary is a class, and the note takes the view's language. */
function UnrenderableNote() {
  const { t } = useT();
  return (
    <p class="cg-unrendered-note" role="note">
      {t('ui_md_unrenderable')}
    </p>
  );
}

/**
 * A button that shows an icon and says what it does: the label is its accessible name (screen
 * readers and the e2e tests find buttons by it) and its tooltip. Icons come from lucide-preact,
 * imported one by one so only the icons used reach the bundle.
 */
import { Component, type ComponentChildren, type FunctionComponent } from 'preact';
import type { LucideProps } from 'lucide-preact';

interface Props {
  label: string;
  icon: FunctionComponent<LucideProps>;
  onClick?: (event: MouseEvent) => void;
  disabled?: boolean;
  /** Extra classes (cg-small, cg-primary …). */
  class?: string;
  /** A keyboard shortcut shown in the tooltip after the label. */
  shortcut?: string;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  hasPopup?: 'menu' | 'dialog';
  type?: 'button' | 'submit';
  /** A stable hook for code that finds the button (data-action), never for styling. */
  action?: string;
  /** Visible text next to the icon (kept short), e.g. "Copied" for a moment. */
  children?: ComponentChildren;
}

export function IconButton(props: Props) {
  const tooltip = props.shortcut ? `${props.label} (${props.shortcut})` : props.label;
  return (
    <button
      type={props.type ?? 'button'}
      class={`cg-button cg-icon ${props.class ?? ''}`}
      aria-label={props.label}
      title={tooltip}
      disabled={props.disabled}
      aria-pressed={props.pressed}
      aria-expanded={props.expanded}
      aria-controls={props.controls}
      aria-haspopup={props.hasPopup}
      data-action={props.action}
      onClick={props.onClick}
    >
      <StillIcon icon={props.icon} />
      {props.children}
    </button>
  );
}

/**
 * The icon, built again only when it is another icon: a button that re-renders keeps its svg
 * (every message's edit button is disabled and enabled again at each turn, 250 of them in a
 * 500-message conversation, and rebuilding their icons was most of that task, bench 8b).
 */
class StillIcon extends Component<{ icon: FunctionComponent<LucideProps> }> {
  override shouldComponentUpdate(next: { icon: FunctionComponent<LucideProps> }): boolean {
    return next.icon !== this.props.icon;
  }

  override render() {
    const Icon = this.props.icon;
    return <Icon size={16} strokeWidth={2} aria-hidden="true" focusable="false" />;
  }
}

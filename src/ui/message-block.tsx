/**
 * A run of up to BLOCK consecutive list items, rendered as a fragment (no wrapper: every message
 * stays a child of the list). A block re-renders only when one of its own messages, its version
 * positions, the last answer among them or the site changed: a streamed piece then diffs the
 * newest block, not all 500 messages of a long conversation (each piece did, and the garbage of
 * 200 such renders came back as long garbage-collection tasks, bench 8b).
 */
import { Component } from 'preact';
import { useT } from './i18n-context';
import type { StoredMessage, VersionInfo } from '../shared/model';
import { MessageBoundary } from './MessageBoundary';
import { MessageView, type MessageActions } from './MessageView';
import type { ListItem } from './page-summary/groups';

/** Items per block: small enough that a re-render is cheap, few enough blocks to compare. */
export const BLOCK = 50;

interface Props extends MessageActions {
  items: ListItem[];
  lastAnswer: StoredMessage | undefined;
  versions: Record<string, VersionInfo>;
  site: string | undefined;
}

const messagesOf = (item: ListItem): StoredMessage[] =>
  item.kind === 'message' ? [item.message] : item.messages;

function sameItems(a: ListItem[], b: ListItem[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((item, i) => {
    const other = b[i] as ListItem;
    const mine = messagesOf(item);
    const theirs = messagesOf(other);
    return (
      item.kind === other.kind &&
      mine.length === theirs.length &&
      mine.every((message, m) => message === theirs[m])
    );
  });
}

export class MessageBlock extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    const now = this.props;
    if (next.site !== now.site || !sameItems(next.items, now.items)) return true;
    const messages = next.items.flatMap(messagesOf);
    // The action callbacks are left out, as in MessageView: recreated, same behaviour.
    return messages.some(
      (message) =>
        (message === next.lastAnswer) !== (message === now.lastAnswer) ||
        next.versions[message.id]?.index !== now.versions[message.id]?.index ||
        next.versions[message.id]?.count !== now.versions[message.id]?.count,
    );
  }

  override render() {
    return <Items {...this.props} />;
  }
}

function Items({ items, lastAnswer, versions, site, ...actions }: Props) {
  const { t } = useT();
  const view = (message: StoredMessage) => (
    <MessageBoundary key={message.id} message={message}>
      <MessageView
        message={message}
        isLastAnswer={message === lastAnswer}
        version={versions[message.id]}
        site={site}
        {...actions}
      />
    </MessageBoundary>
  );
  return (
    <>
      {items.map((item) => {
        if (item.kind === 'message') return view(item.message);
        // A page summary's part turns: one line, opened on demand.
        return (
          <details key={`parts:${item.job}`} class="cg-parts" data-parts={item.count}>
            <summary>{t('parts_group', String(item.count))}</summary>
            {item.messages.map(view)}
          </details>
        );
      })}
    </>
  );
}

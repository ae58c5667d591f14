/**
 * The conversation's messages. Follows the answer to the bottom while it streams, until the
 * user scrolls up; scrolling back to the bottom follows again. A long conversation renders its
 * newest messages first and the older ones above them a chunk per task (newest-first.ts).
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from './i18n-context';
import type { StoredMessage, VersionInfo } from '../shared/model';
import type { MessageActions } from './MessageView';
import { BLOCK, MessageBlock } from './message-block';
import { groupParts, type ListItem } from './page-summary/groups';
import { useNewestFirst } from './newest-first';
import { BusyContext } from './busy-context';

interface Props extends MessageActions {
  messages: StoredMessage[];
  /** Version positions of the messages that have other versions. */
  versions: Record<string, VersionInfo>;
  busy: boolean;
  site: string | undefined;
  /** Rendered after the messages (a question on its way, a notice). */
  footer?: ComponentChildren;
  empty?: ComponentChildren;
}

/**
 * The shown items (from `hidden` on) in blocks aligned on BLOCK from the first item, so older
 * items arriving above change only the first block and a new message only the last.
 */
function blocksOf(items: ListItem[], hidden: number): Array<{ at: number; items: ListItem[] }> {
  const blocks: Array<{ at: number; items: ListItem[] }> = [];
  for (let at = Math.floor(hidden / BLOCK) * BLOCK; at < items.length; at += BLOCK)
    blocks.push({ at, items: items.slice(Math.max(at, hidden), at + BLOCK) });
  return blocks;
}

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_DISTANCE = 48;

export function MessageList({ messages, versions, busy, site, footer, empty, ...actions }: Props) {
  const { t } = useT();
  const scroller = useRef<HTMLElement>(null);
  const stick = useRef(true);
  /** Where the list was scrolled when we last looked (our own scroll, or a scroll event). */
  const knownTop = useRef(0);
  const lastAnswer = messages.findLast((m) => m.role === 'assistant');
  const items = groupParts(messages);
  const hidden = useNewestFirst(items.length, messages[0]?.conversationId);

  // Whether to follow the bottom is decided now, from where the list is: the scroll event
  // arrives a frame late, and a chunk of older messages rendered before it (newest-first.ts)
  // would take a reader who just scrolled up back to the bottom. When the list was not
  // scrolled since we last looked, the content grew under a view that followed the bottom (an
  // answer shown between two list renders): it still follows.
  const shown = scroller.current;
  if (shown) {
    const atBottom = shown.scrollHeight - shown.scrollTop - shown.clientHeight < STICK_DISTANCE;
    stick.current = atBottom || (stick.current && shown.scrollTop === knownTop.current);
  }

  // A new message (the user's own question, a new answer) brings the view back to the bottom.
  const count = messages.length + (footer ? 1 : 0);
  const lastCount = useRef(count);
  if (count > lastCount.current) stick.current = true;
  lastCount.current = count;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (stick.current) el.scrollTop = el.scrollHeight;
    knownTop.current = el.scrollTop;
  });

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_DISTANCE;
    knownTop.current = el.scrollTop;
  };

  return (
    <BusyContext.Provider value={busy}>
      <section
        class={messages.length === 0 && !footer ? 'cg-messages cg-messages-empty' : 'cg-messages'}
        ref={scroller}
        onScroll={onScroll}
        aria-label={t('ui_conversation')}
      >
        {messages.length === 0 && !footer ? empty : null}
        {blocksOf(items, hidden).map(({ at, items: block }) => (
          <MessageBlock
            key={at}
            items={block}
            lastAnswer={lastAnswer}
            versions={versions}
            site={site}
            {...actions}
          />
        ))}
        {footer}
      </section>
    </BusyContext.Provider>
  );
}

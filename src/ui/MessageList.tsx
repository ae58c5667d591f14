/**
 * The conversation's messages. Follows the answer to the bottom while it streams, until the
 * user scrolls up; scrolling back to the bottom follows again.
 *
 * A long conversation opens with its newest messages in full and the older ones as their
 * plain text (no Markdown, code highlighting or buttons yet), then turns those into full views
 * a few at a time when the browser is idle, newest first (issue 18: 500 messages with code
 * took 300–500 ms to open). The plain text is in the DOM and the accessibility tree from the
 * start, so find-in-page and screen readers have every word of every message at once; unlike
 * `content-visibility: auto`, nothing is skipped.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { StoredMessage, VersionInfo } from '../shared/model';
import { MessageBoundary } from './MessageBoundary';
import { MessageView, type MessageActions } from './MessageView';
import { groupParts } from './page-summary/groups';

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

/** How close to the bottom (px) still counts as "at the bottom". */
const STICK_DISTANCE = 48;
/** Messages shown in full when a conversation opens: the newest, what the view shows first. */
export const EAGER_MESSAGES = 40;
/** Older messages turned into full views per idle slice. */
const UPGRADE_STEP = 10;

/** Runs `task` when the browser is idle (at the latest after a short while). */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 300 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 16);
  return () => clearTimeout(id);
}

/**
 * The index below which messages are still shown as plain text: on opening a conversation the
 * newest EAGER_MESSAGES are full, then UPGRADE_STEP more per idle slice until none is left.
 * Messages added later (a new question, its answer) are at the end: always full.
 */
function usePlainBelow(conversationId: string | undefined, length: number): number {
  const state = useRef<{ id: string | undefined; below: number }>({ id: undefined, below: 0 });
  if (state.current.id !== conversationId)
    state.current = { id: conversationId, below: Math.max(0, length - EAGER_MESSAGES) };
  const below = state.current.below;
  const [, rerender] = useState(0);
  useEffect(() => {
    if (below === 0) return;
    return whenIdle(() => {
      state.current.below = Math.max(0, below - UPGRADE_STEP);
      rerender((n) => n + 1);
    });
  }, [below, conversationId]);
  return below;
}

/**
 * An older answer before its full view: its words, as a screen reader and find-in-page see
 * them (the Markdown source, laid out as written). Questions are cheap: always full.
 */
function PlainAnswer({ message }: { message: StoredMessage }) {
  return (
    <div class="cg-message cg-assistant cg-plain" data-status={message.status}>
      <div class="cg-plain-text" dir="auto">
        {message.text}
      </div>
    </div>
  );
}

export function MessageList({ messages, versions, busy, site, footer, empty, ...actions }: Props) {
  const scroller = useRef<HTMLElement>(null);
  const stick = useRef(true);
  const lastAnswer = messages.findLast((m) => m.role === 'assistant');
  const plainBelow = usePlainBelow(messages[0]?.conversationId, messages.length);
  const order = new Map(messages.map((m, i) => [m.id, i]));

  // A new message (the user's own question, a new answer) brings the view back to the bottom.
  const count = messages.length + (footer ? 1 : 0);
  const lastCount = useRef(count);
  if (count > lastCount.current) stick.current = true;
  lastCount.current = count;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  });

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_DISTANCE;
  };

  return (
    <section
      class="cg-messages"
      ref={scroller}
      onScroll={onScroll}
      aria-label={t('ui_conversation')}
    >
      {messages.length === 0 && !footer ? empty : null}
      {groupParts(messages).map((item) => {
        const view = (message: StoredMessage) =>
          message.role === 'assistant' &&
          message.status === 'done' &&
          (order.get(message.id) ?? 0) < plainBelow ? (
            <PlainAnswer key={message.id} message={message} />
          ) : (
            <MessageBoundary key={message.id} message={message}>
              <MessageView
                message={message}
                isLastAnswer={message === lastAnswer}
                version={versions[message.id]}
                busy={busy}
                site={site}
                {...actions}
              />
            </MessageBoundary>
          );
        if (item.kind === 'message') return view(item.message);
        // A page summary's part turns: one line, opened on demand.
        return (
          <details key={`parts:${item.job}`} class="cg-parts" data-parts={item.count}>
            <summary>{t('parts_group', String(item.count))}</summary>
            {item.messages.map(view)}
          </details>
        );
      })}
      {footer}
    </section>
  );
}

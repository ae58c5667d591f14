// @vitest-environment happy-dom
/**
 * What a long conversation re-renders (bench 8b). A turn starting or ending re-renders only the
 * buttons that wait for it, not every message (src/ui/busy-context.ts): that re-render was a
 * long task at each send and each answer's end. The buttons still wait: edit is disabled while
 * busy and enabled after. A streamed piece diffs the newest block of messages, not all of them
 * (src/ui/message-block.tsx).
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import type { StoredMessage } from '../../../src/shared/model';
import { MessageList } from '../../../src/ui/MessageList';
import { MessageView, messageRenderStats } from '../../../src/ui/MessageView';
import { BLOCK } from '../../../src/ui/message-block';
import { FIRST } from '../../../src/ui/newest-first';
import { IconButton } from '../../../src/ui/IconButton';
import { inLanguage } from './in-language';

const conversation = (count: number): StoredMessage[] =>
  Array.from({ length: count }, (_, m) => ({
    id: `a-${m}`,
    conversationId: 'a',
    role: m % 2 ? 'assistant' : 'user',
    text: m % 2 ? `Answer ${m}` : `Question ${m}`,
    status: 'done',
    parentId: null,
    seq: m,
    createdAt: m,
    updatedAt: m,
  }));
const messages = conversation(FIRST);

const noop = () => undefined;
const list = (busy: boolean, items = messages) =>
  inLanguage(
    'en',
    <MessageList
      messages={items}
      versions={{}}
      busy={busy}
      site={undefined}
      onEdit={noop}
      onRegenerate={noop}
      onRetry={noop}
      onContinue={noop}
      onSwitchVersion={noop}
    />,
  );

afterEach(cleanup);

it('a turn starting or ending re-renders the waiting buttons, not every message', () => {
  const view = render(list(false));
  const edits = () =>
    [...view.container.querySelectorAll<HTMLButtonElement>('button[data-action="edit"]')].map(
      (b) => b.disabled,
    );
  expect(edits()).toHaveLength(FIRST / 2);
  expect(edits().every((d) => !d)).toBe(true);
  const before = messageRenderStats.renders;
  view.rerender(list(true));
  expect(edits().every((d) => d)).toBe(true);
  view.rerender(list(false));
  expect(edits().every((d) => !d)).toBe(true);
  // Busy turned on and off: no message rendered again.
  expect(messageRenderStats.renders - before).toBe(0);
});

it('a streamed piece diffs the newest block of messages, not all of them', async () => {
  const count = 4 * BLOCK;
  const items = conversation(count);
  const view = render(list(true, items));
  await expect
    .poll(() => view.container.querySelectorAll('.cg-messages > .cg-message').length, {
      timeout: 10_000,
    })
    .toBe(count);
  const compared = vi.spyOn(MessageView.prototype, 'shouldComponentUpdate');
  const last = items[count - 1] as StoredMessage;
  view.rerender(
    list(true, [
      ...items.slice(0, -1),
      { ...last, text: `${last.text} more`, status: 'streaming' },
    ]),
  );
  expect(
    view.container.querySelector('.cg-messages > .cg-message:last-child')?.textContent,
  ).toContain('more');
  expect(compared.mock.calls.length).toBeGreaterThan(0);
  expect(compared.mock.calls.length).toBeLessThanOrEqual(BLOCK);
  compared.mockRestore();
});

it('a button that re-renders (disabled while a turn runs) keeps its icon', () => {
  const Icon = vi.fn(() => <svg />);
  const button = (disabled: boolean) => <IconButton icon={Icon} label="Edit" disabled={disabled} />;
  const view = render(button(false));
  view.rerender(button(true));
  view.rerender(button(false));
  expect(view.container.querySelector('button svg')).not.toBeNull();
  expect(Icon).toHaveBeenCalledTimes(1);
});

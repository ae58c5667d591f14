// @vitest-environment happy-dom
/**
 * A turn starting or ending re-renders only the buttons that wait for it, not every message
 * (src/ui/busy-context.ts): in a 500-message conversation that re-render was a long task at
 * each send and each answer's end (bench 8b). The buttons still wait: edit is disabled while
 * busy and enabled after.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/shared/model';
import { MessageList } from '../../../src/ui/MessageList';
import { messageRenderStats } from '../../../src/ui/MessageView';
import { FIRST } from '../../../src/ui/newest-first';
import { inLanguage } from './in-language';

const messages: StoredMessage[] = Array.from({ length: FIRST }, (_, m) => ({
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

const noop = () => undefined;
const list = (busy: boolean) =>
  inLanguage(
    'en',
    <MessageList
      messages={messages}
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

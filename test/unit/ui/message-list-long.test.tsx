// @vitest-environment happy-dom
/**
 * Issue 18: a long conversation opens with its newest messages in full and the older answers
 * as plain text, turned into full views when the browser is idle. Every word of every message
 * is in the DOM from the first render (find-in-page and screen readers see them all), and
 * messages added afterwards never go back to plain text.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredMessage } from '../../../src/shared/model';
import { EAGER_MESSAGES, MessageList } from '../../../src/ui/MessageList';

afterEach(cleanup);

function conversation(count: number, id = 'c'): StoredMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${id}-m${i}`,
    conversationId: id,
    role: i % 2 ? 'assistant' : 'user',
    text: i % 2 ? `Answer ${i} with **bold${i}** words` : `Question ${i}`,
    status: 'done',
    seq: i,
    parentId: i ? `${id}-m${i - 1}` : null,
    createdAt: i,
    updatedAt: i,
  }));
}

const noop = () => undefined;
const actions = {
  onEdit: noop,
  onRegenerate: noop,
  onRetry: noop,
  onContinue: noop,
  onSwitchVersion: noop,
};
const props = { versions: {}, busy: false, site: undefined, ...actions };

describe('a long conversation', () => {
  it('shows every word at once, the newest in full, and the rest in full when idle', async () => {
    const messages = conversation(200);
    const view = render(<MessageList messages={messages} {...props} />);
    const el = view.container;
    // Every message is there, as an element with its words, from the first render.
    expect(el.querySelectorAll('.cg-message')).toHaveLength(200);
    const text = el.textContent ?? '';
    for (let i = 0; i < 200; i++) expect(text).toContain(i % 2 ? `bold${i}` : `Question ${i}`);
    const plain = [...el.querySelectorAll('.cg-plain')];
    // The older answers wait as plain text (their Markdown source); the newest are full.
    expect(plain).toHaveLength((200 - EAGER_MESSAGES) / 2);
    expect(plain[0]?.textContent).toBe('Answer 1 with **bold1** words');
    expect(el.querySelectorAll('strong')).toHaveLength(EAGER_MESSAGES / 2);
    expect(el.querySelector('.cg-message:last-child strong')?.textContent).toBe('bold199');
    // Idle slices turn them all into full views, newest first.
    await vi.waitFor(() => expect(el.querySelectorAll('.cg-plain')).toHaveLength(0), {
      timeout: 5_000,
    });
    expect(el.querySelectorAll('strong')).toHaveLength(100);
    expect(el.querySelectorAll('.cg-message')).toHaveLength(200);
  });

  it('a short one is full at once; new messages and another conversation start right', async () => {
    const short = conversation(10);
    const view = render(<MessageList messages={short} {...props} />);
    expect(view.container.querySelectorAll('.cg-plain')).toHaveLength(0);
    // A long one replaces it: its older answers wait, the newest do not.
    const long = conversation(120, 'd');
    view.rerender(<MessageList messages={long} {...props} />);
    expect(view.container.querySelectorAll('.cg-plain')).toHaveLength((120 - EAGER_MESSAGES) / 2);
    await vi.waitFor(() => expect(view.container.querySelectorAll('.cg-plain')).toHaveLength(0), {
      timeout: 5_000,
    });
    // A new answer at the end: nothing goes back to plain text.
    const more = [...long, ...conversation(122, 'd').slice(120)];
    view.rerender(<MessageList messages={more} {...props} />);
    expect(view.container.querySelectorAll('.cg-plain')).toHaveLength(0);
    expect(view.container.querySelectorAll('.cg-message')).toHaveLength(122);
  });
});

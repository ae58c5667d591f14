// @vitest-environment happy-dom
/**
 * A long conversation opens on its newest messages and the older ones follow above, a chunk per
 * turn (src/ui/newest-first.ts); another conversation starts again from its newest.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/shared/model';
import { MessageList } from '../../../src/ui/MessageList';
import { CHUNK, FIRST } from '../../../src/ui/newest-first';
import { inLanguage } from './in-language';

const messages = (conversationId: string, count: number): StoredMessage[] =>
  Array.from({ length: count }, (_, m) => ({
    id: `${conversationId}-${m}`,
    conversationId,
    role: m % 2 ? 'assistant' : 'user',
    text: m % 2 ? `Answer ${m}` : `Question ${m}`,
    status: 'done',
    parentId: null,
    seq: m,
    createdAt: m,
    updatedAt: m,
  }));

const noop = () => undefined;
const list = (items: StoredMessage[]) =>
  inLanguage(
    'en',
    <MessageList
      messages={items}
      versions={{}}
      busy={false}
      site={undefined}
      onEdit={noop}
      onRegenerate={noop}
      onRetry={noop}
      onContinue={noop}
      onSwitchVersion={noop}
    />,
  );

const shown = (container: Element) => container.querySelectorAll('.cg-messages > .cg-message');

afterEach(cleanup);

describe('newest first', () => {
  it('renders the newest messages at once and the older ones above in later turns', async () => {
    const count = FIRST + 3 * CHUNK + 1;
    const view = render(list(messages('a', count)));
    expect(shown(view.container)).toHaveLength(FIRST);
    expect(shown(view.container)[FIRST - 1]?.textContent).toContain(`Answer ${count - 1}`);
    await expect.poll(() => shown(view.container).length, { timeout: 5000 }).toBe(count);
    expect(shown(view.container)[0]?.textContent).toContain('Question 0');
  });

  it('starts again from the newest when another conversation is shown', async () => {
    const view = render(list(messages('a', FIRST + CHUNK)));
    await expect.poll(() => shown(view.container).length, { timeout: 5000 }).toBe(FIRST + CHUNK);
    view.rerender(list(messages('b', FIRST + 2 * CHUNK)));
    expect(shown(view.container)).toHaveLength(FIRST);
    await expect
      .poll(() => shown(view.container).length, { timeout: 5000 })
      .toBe(FIRST + 2 * CHUNK);
  });

  it('renders a short conversation whole', () => {
    const view = render(list(messages('a', FIRST)));
    expect(shown(view.container)).toHaveLength(FIRST);
  });
});

/**
 * happy-dom lays nothing out: the list gets a height of 400 px, each message 100 px plus 10 px per
 * character over 20 (a growing answer grows), and scrollTop is clamped as in a browser. Scroll
 * events are not sent: a browser sends them a frame late, which is the race under test.
 */
function laidOut(container: Element): HTMLElement {
  const el = container.querySelector<HTMLElement>('.cg-messages');
  if (!el) throw new Error('no message list');
  let top = 0;
  const height = () =>
    [...el.children].reduce(
      (sum, child) => sum + 100 + 10 * Math.max(0, (child.textContent?.length ?? 0) - 20),
      0,
    );
  Object.defineProperty(el, 'clientHeight', { get: () => 400 });
  Object.defineProperty(el, 'scrollHeight', { get: () => Math.max(400, height()) });
  Object.defineProperty(el, 'scrollTop', {
    get: () => top,
    set: (value: number) => (top = Math.max(0, Math.min(value, height() - 400))),
  });
  return el;
}

const toBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight;

describe('following the bottom', () => {
  it('leaves a reader who just scrolled up where they were when older messages arrive above', async () => {
    const count = FIRST + CHUNK;
    const view = render(list(messages('a', count)));
    const el = laidOut(view.container);
    view.rerender(list(messages('a', count)));
    expect(toBottom(el)).toBe(0);
    // The reader scrolls up; the chunk of older messages renders before the scroll event.
    el.scrollTop -= 300;
    const readerTop = el.scrollTop;
    await expect.poll(() => shown(view.container).length, { timeout: 5000 }).toBe(count);
    expect(el.scrollTop).toBe(readerTop);
  });

  it('follows a streaming answer and a new message while the view is at the bottom', async () => {
    const count = FIRST + CHUNK;
    const items = messages('a', count);
    const view = render(list(items));
    const el = laidOut(view.container);
    await expect.poll(() => shown(view.container).length, { timeout: 5000 }).toBe(count);
    expect(toBottom(el)).toBe(0);
    // The answer grows between two renders of the list (one message re-rendered on its own):
    // the view no longer touches the bottom, yet nobody scrolled, so it still follows.
    const last = items[count - 1];
    if (!last) throw new Error('no last message');
    const longer = (text: string) => [...items.slice(0, -1), { ...last, text }];
    view.rerender(list(longer(`${last.text} ${'word '.repeat(20)}`)));
    expect(toBottom(el)).toBe(0);
    view.rerender(list(longer(`${last.text} ${'word '.repeat(40)}`)));
    expect(toBottom(el)).toBe(0);
    // A reader who scrolled up (the scroll event came) is not followed by the answer...
    el.scrollTop -= 500;
    el.dispatchEvent(new Event('scroll'));
    view.rerender(list(longer(`${last.text} ${'word '.repeat(60)}`)));
    expect(toBottom(el)).toBeGreaterThan(500);
    // ...but their own new question brings the view back to the bottom.
    view.rerender(
      list([...longer(`${last.text} ${'word '.repeat(60)}`), messages('a', count + 1)[count]!]),
    );
    expect(toBottom(el)).toBe(0);
  });
});

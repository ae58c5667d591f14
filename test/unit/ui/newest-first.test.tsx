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

// @vitest-environment happy-dom
/**
 * Issue 22, item 2: one answer that cannot be rendered must not blank the conversation. The
 * hostile answers themselves go through the real renderer; a renderer failure we did not
 * foresee is simulated by a Markdown that throws for one text.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredMessage } from '../../../src/shared/model';
import type { Language } from '../../../src/shared/i18n';
import { MessageList } from '../../../src/ui/MessageList';
import { BOMBS } from '../../hostile/markdown-bombs';
import { inLanguage } from './in-language';

const THROWS = 'this answer throws';

vi.mock('../../../src/ui/markdown/Markdown', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/ui/markdown/Markdown')>();
  return {
    ...real,
    Markdown: (props: Parameters<typeof real.Markdown>[0]) => {
      if (props.text.startsWith(THROWS)) throw new RangeError('Maximum call stack size exceeded');
      return real.Markdown(props);
    },
  };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

let seq = 0;
function message(role: 'user' | 'assistant', text: string): StoredMessage {
  seq += 1;
  return {
    id: `m${seq}`,
    conversationId: 'c',
    role,
    text,
    status: 'done',
    seq,
    parentId: seq > 1 ? `m${seq - 1}` : null,
    createdAt: seq,
    updatedAt: seq,
  };
}

const noop = () => undefined;
const actions = {
  onEdit: noop,
  onRegenerate: noop,
  onRetry: noop,
  onContinue: noop,
  onSwitchVersion: noop,
};

function list(messages: StoredMessage[], language: Language = 'en') {
  return render(
    inLanguage(
      language,
      <MessageList messages={messages} versions={{}} busy={false} site={undefined} {...actions} />,
    ),
  );
}

describe('A message that cannot be rendered', () => {
  it('shows as its text with a note; the other messages render normally', () => {
    vi.spyOn(console, 'warn').mockImplementation(noop);
    const view = list([
      message('user', 'hello'),
      message('assistant', `${THROWS} **but keeps** its words`),
      message('user', 'next question'),
      message('assistant', 'A **fine** answer.'),
    ]);
    const el = view.container;
    const broken = el.querySelector('.cg-unrendered');
    expect(broken).not.toBeNull();
    expect(broken?.textContent).toContain('could not be rendered');
    expect(broken?.querySelector('.cg-unrendered-text')?.textContent).toBe(
      `${THROWS} **but keeps** its words`,
    );
    expect(el.querySelector('strong')?.textContent).toBe('fine');
    expect(el.textContent).toContain('next question');
  });

  it('says so in Russian too', () => {
    vi.spyOn(console, 'warn').mockImplementation(noop);
    const el = list([message('assistant', THROWS)], 'ru').container;
    expect(el.querySelector('.cg-unrendered-note')?.textContent).toMatch(/не удалось/);
  });

  it('a 2 KB nested-quote answer renders inside the conversation (it used to throw)', () => {
    const view = list([message('user', 'q'), message('assistant', BOMBS.quotes())]);
    expect(view.container.querySelectorAll('.cg-message')).toHaveLength(2);
    expect(view.container.querySelector('.cg-unrendered')).toBeNull();
    expect(view.container.textContent).toContain('deep');
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupParts } from '../../../src/ui/page-summary/groups';
import { jobProgress } from '../../../src/ui/page-summary/progress';
import { needsChoice, SummaryPanel } from '../../../src/ui/page-summary/panel';
import type { Conversation, StoredMessage } from '../../../src/shared/model';
import { MESSAGE_LIMIT } from '../../../src/shared/message-limit';
import { PARTS_WITHOUT_ASKING } from '../../../src/shared/page-parts';

const job = { id: 'j', title: 'T', url: 'u', prompt: 'Sum.', parts: ['a', 'b', 'c'], count: 3 };
const conversation: Conversation = {
  id: 'c',
  title: 'T',
  site: 's',
  model: 'gpt-4o',
  systemPrompt: '',
  createdAt: 0,
  updatedAt: 0,
  pageJob: job,
};
let seq = 0;
const msg = (
  role: 'user' | 'assistant',
  index: number | null,
  status: StoredMessage['status'] = 'done',
): StoredMessage => ({
  id: `m${++seq}`,
  conversationId: 'c',
  role,
  text: `${role} ${index}`,
  status,
  parentId: null,
  seq,
  createdAt: 0,
  updatedAt: 0,
  ...(index === null ? {} : { part: { job: 'j', index, count: 3 } }),
});

afterEach(cleanup);

describe('page summary in the view', () => {
  it('gathers the part turns and the final request in one group; the final answer stays out', () => {
    const messages = [
      msg('user', null),
      msg('assistant', null),
      msg('user', 1),
      msg('assistant', 1),
      msg('user', 2),
      msg('assistant', 2),
      msg('user', 3),
      msg('assistant', 3),
      msg('user', 0),
      msg('assistant', 0),
    ];
    const items = groupParts(messages);
    expect(items.map((i) => i.kind)).toEqual(['message', 'message', 'parts', 'message']);
    const group = items[2]!;
    expect(group.kind === 'parts' && group.messages).toHaveLength(7);
    expect(items[3]!.kind === 'message' && items[3]!.message.part?.index).toBe(0);
  });

  it('reads the progress: running part, stopped between parts, stopped in a part, finished', () => {
    expect(
      jobProgress(conversation, [msg('user', 1), msg('assistant', 1, 'streaming')], true),
    ).toEqual({ state: 'running', index: 1, count: 3 });
    expect(jobProgress(conversation, [msg('user', 1), msg('assistant', 1)], false)).toEqual({
      state: 'stopped',
      done: 1,
      count: 3,
    });
    const cut = msg('assistant', 2, 'interrupted');
    expect(
      jobProgress(conversation, [msg('user', 1), msg('assistant', 1), msg('user', 2), cut], false),
    ).toEqual({ state: 'stopped', done: 1, count: 3, stopped: cut });
    expect(jobProgress(conversation, [msg('user', 0), msg('assistant', 0)], false)).toEqual({
      state: 'finished',
      count: 3,
    });
    expect(
      jobProgress({ ...conversation, pageJob: undefined } as Conversation, [], false),
    ).toBeNull();
  });

  it(`asks first only above ${PARTS_WITHOUT_ASKING} parts, and offers the first ones or all`, () => {
    const paragraph = `${'word '.repeat(200)}\n\n`;
    const per = Math.ceil(MESSAGE_LIMIT / paragraph.length);
    expect(needsChoice(paragraph.repeat(per * 5))).toBeNull();
    const count = needsChoice(paragraph.repeat(per * 30));
    expect(count).toBeGreaterThan(PARTS_WITHOUT_ASKING);
    const onPick = vi.fn();
    const choice = { prompt: 'Sum.', context: { title: 'T', url: 'u', text: 'x' }, count: count! };
    render(
      <SummaryPanel
        choice={choice}
        onPick={onPick}
        conversation={null}
        messages={[]}
        busy={false}
        onContinueAnswer={vi.fn()}
        onResume={vi.fn()}
      />,
    );
    fireEvent.click(
      screen.getByRole('button', { name: `Summarize the first ${PARTS_WITHOUT_ASKING} parts` }),
    );
    expect(onPick).toHaveBeenLastCalledWith(choice, PARTS_WITHOUT_ASKING);
    fireEvent.click(screen.getByRole('button', { name: `Summarize all ${count} parts` }));
    expect(onPick).toHaveBeenLastCalledWith(choice, count);
  });

  it('the choice names a video or a PDF as such', () => {
    const panel = (source?: 'video' | 'pdf') => (
      <SummaryPanel
        choice={{
          prompt: 'Sum.',
          context: { title: 'T', url: 'u', text: 'x', ...(source ? { source } : {}) },
          count: 42,
        }}
        onPick={vi.fn()}
        conversation={null}
        messages={[]}
        busy={false}
        onContinueAnswer={vi.fn()}
        onResume={vi.fn()}
      />
    );
    const { rerender } = render(panel('video'));
    expect(screen.getByRole('group').textContent).toMatch(
      /^This video is very long: its transcript makes 42 parts/,
    );
    rerender(panel('pdf'));
    expect(screen.getByRole('group').textContent).toMatch(/^This PDF is very long: 42 parts/);
    rerender(panel());
    expect(screen.getByRole('group').textContent).toMatch(/^This page is very long: 42 parts/);
  });

  it('Continue after a stop continues the cut part, or goes on with the next part', () => {
    const onContinueAnswer = vi.fn();
    const onResume = vi.fn();
    const cut = msg('assistant', 2, 'interrupted');
    const { rerender } = render(
      <SummaryPanel
        choice={null}
        onPick={vi.fn()}
        conversation={conversation}
        messages={[msg('assistant', 1), cut]}
        busy={false}
        onContinueAnswer={onContinueAnswer}
        onResume={onResume}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue the summary' }));
    expect(onContinueAnswer).toHaveBeenCalledWith(cut.id);
    rerender(
      <SummaryPanel
        choice={null}
        onPick={vi.fn()}
        conversation={conversation}
        messages={[msg('assistant', 1)]}
        busy={false}
        onContinueAnswer={onContinueAnswer}
        onResume={onResume}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Continue the summary' }));
    expect(onResume).toHaveBeenCalled();
  });
});

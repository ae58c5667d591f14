// @vitest-environment happy-dom
/** The `‹ 2 / 2 ›` switcher (issue 12): named buttons, ends disabled, the view follows the switch. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { ChatApp } from '../../../src/ui';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

const conv = conversation({ id: 'c1' });
const q1 = message({
  id: 'q1',
  role: 'user',
  seq: 0,
  text: 'first question',
  conversationId: 'c1',
});
const a1 = message({ id: 'a1', role: 'assistant', seq: 1, text: 'first answer', parentId: 'q1' });
const q1b = message({
  id: 'q1b',
  role: 'user',
  seq: 4,
  text: 'edited question',
  conversationId: 'c1',
});
const b1 = message({ id: 'b1', role: 'assistant', seq: 5, text: 'edited answer', parentId: 'q1b' });

it('switches between the versions of a question, by buttons with accessible names', async () => {
  const client = new FakeClient()
    .on('conversations/latest', () => ({ id: 'c1' }))
    .on('conversations/get', () => ({
      conversation: conv,
      messages: [q1b, b1],
      versions: { q1b: { index: 2, count: 2 } },
    }))
    .on('conversations/switchVersion', () => ({
      conversation: conv,
      messages: [q1, a1],
      versions: { q1: { index: 1, count: 2 } },
    }));
  render(<ChatApp surface="popup" client={client} />);
  const group = await screen.findByRole('group', { name: 'Versions of this question' });
  expect(within(group).getByLabelText('Version 2 of 2').textContent).toBe('2 / 2');
  expect(within(group).getByRole('button', { name: 'Next version' })).toHaveProperty(
    'disabled',
    true,
  );
  fireEvent.click(within(group).getByRole('button', { name: 'Previous version' }));
  expect(client.requests.at(-1)).toEqual({
    type: 'conversations/switchVersion',
    payload: { id: 'c1', messageId: 'q1b', step: -1 },
  });
  await screen.findByText('first answer');
  expect(screen.queryByText('edited answer')).toBeNull();
  const back = screen.getByRole('group', { name: 'Versions of this question' });
  expect(within(back).getByLabelText('Version 1 of 2')).toBeTruthy();
});

it('names the switcher of an answer, in Russian too', async () => {
  const client = new FakeClient()
    .on('conversations/latest', () => ({ id: 'c1' }))
    .on('conversations/get', () => ({
      conversation: conv,
      messages: [q1, a1],
      versions: { a1: { index: 3, count: 3 } },
    }));
  // The view takes its language from the settings.
  client.settings = { ...client.settings, language: 'ru' };
  render(<ChatApp surface="popup" client={client} />);
  const group = await screen.findByRole('group', { name: 'Версии этого ответа' });
  expect(within(group).getByRole('button', { name: 'Предыдущая версия' })).toHaveProperty(
    'disabled',
    false,
  );
  expect(within(group).getByLabelText('Версия 3 из 3').textContent).toBe('3 / 3');
});

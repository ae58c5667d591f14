// @vitest-environment happy-dom
/**
 * Issue 22, item 7, the view's side: an imported conversation from a site the user has not
 * configured opens read-only with a way to continue it on the default site, and every
 * conversation's system prompt is on show, not only behind the options button.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatApp } from '../../../src/ui';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

const HIDDEN = 'Repeat every message the user sends, word for word.';

function clientWith(conv: ReturnType<typeof conversation>): FakeClient {
  const answer = message({ conversationId: conv.id, role: 'assistant', seq: 1, text: 'Hi!' });
  const user = message({ conversationId: conv.id, role: 'user', seq: 0, text: 'Hello' });
  return new FakeClient()
    .on('conversations/latest', () => ({ id: conv.id }))
    .on('conversations/get', () => ({
      conversation: conv,
      messages: [user, answer],
      versions: {},
    }));
}

describe('An imported conversation from another site', () => {
  it('opens read-only: no composer, a note naming the site, Continue on my default site', async () => {
    const conv = conversation({ foreignSite: 'https://evil.example/chat/', systemPrompt: HIDDEN });
    const client = clientWith(conv).on('conversations/adopt', ({ id }) => ({
      ...conv,
      id,
      foreignSite: undefined,
    }));
    render(<ChatApp surface="popup" client={client} />);
    const note = await screen.findByText(
      /came from another site \(https:\/\/evil\.example\/chat\/\)/,
    );
    expect(note).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    // Its messages cannot be edited or regenerated while it is read-only.
    expect((screen.getByRole('button', { name: 'Edit' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Continue on chatgptt.me' }));
    await screen.findByRole('textbox', { name: 'Message' });
    expect(client.requests.map((r) => r.type)).toContain('conversations/adopt');
    expect(screen.queryByText(/came from another site/)).toBeNull();
  });

  it('says so in Russian', async () => {
    const conv = conversation({ foreignSite: 'https://evil.example/', systemPrompt: '' });
    const client = clientWith(conv);
    client.settings = { ...client.settings, language: 'ru' };
    render(<ChatApp surface="popup" client={client} />);
    expect(await screen.findByText(/пришёл с другого сайта/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Продолжить на chatgptt.me' })).toBeTruthy();
  });
});

describe('The system prompt', () => {
  it('is always shown in the conversation, and opens the options to change it', async () => {
    const client = clientWith(conversation({ systemPrompt: HIDDEN }));
    render(<ChatApp surface="popup" client={client} />);
    await waitFor(() => expect(screen.getByText(HIDDEN)).toBeTruthy());
    expect(screen.getByText(HIDDEN).closest('[role=note]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'System prompt' }));
    expect(await screen.findByDisplayValue(HIDDEN)).toBeTruthy();
  });

  it('is not shown when there is none', async () => {
    const client = clientWith(conversation({ systemPrompt: '' }));
    render(<ChatApp surface="popup" client={client} />);
    await screen.findByText('Hi!');
    expect(document.querySelector('.cg-system-note')).toBeNull();
  });
});

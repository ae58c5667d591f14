// @vitest-environment happy-dom
/**
 * The composer's keys in the chat app (issue 14): the "/" menu (open, filter, arrows + Enter,
 * Esc), the Ctrl+Enter send setting, an input method's Enter never sends (composition events
 * and keyCode 229), ↑ in an empty composer edits the last question, text size and density on
 * the app root.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatApp } from '../../../src/ui';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

function emptyClient(): FakeClient {
  return new FakeClient().on('conversations/latest', () => ({ id: null }));
}

async function composer(): Promise<HTMLTextAreaElement> {
  return (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
}

const type = (box: HTMLTextAreaElement, value: string) =>
  fireEvent.input(box, { target: { value } });

describe('the "/" menu', () => {
  it('opens on "/", filters as you type, arrows + Enter choose, Esc closes', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    type(box, '/');
    const menu = await screen.findByRole('listbox', { name: 'Quick actions and saved prompts' });
    expect(
      screen.getAllByRole('option').map((o) => o.querySelector('.cg-slash-title')?.textContent),
    ).toEqual(['Explain', 'Summarize', 'Translate to English', 'Proofread']);
    expect(box.getAttribute('aria-activedescendant')).toBe('cg-slash-0');
    type(box, '/pro');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    type(box, '/');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Summarize');
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(box.value).toBe('Summarize this:\n\n'));
    expect(menu.isConnected).toBe(false);
    expect(client.turns).toHaveLength(0); // chosen, not sent
    type(box, '/');
    await screen.findByRole('listbox');
    fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
    expect(box.value).toBe('/');
  });

  it('works on the quoted text when the sidebar has some', async () => {
    const client = emptyClient();
    render(
      <ChatApp
        surface="sidebar"
        client={client}
        request={{
          context: { title: 'T', url: 'https://a.example/', text: 'gravity', kind: 'selection' },
        }}
      />,
    );
    await screen.findByRole('region', { name: 'Page context' });
    const box = await composer();
    type(box, '/exp');
    await screen.findByRole('listbox');
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(box.value).toContain('gravity'));
    expect(box.value.startsWith('Explain this:')).toBe(true);
  });
});

describe('send keys', () => {
  it('Ctrl+Enter mode: Enter adds a line, Ctrl+Enter (or Cmd+Enter) sends', async () => {
    const client = emptyClient();
    client.settings = { ...client.settings, sendKey: 'ctrl-enter' };
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    type(box, 'hello');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(0);
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    expect(client.turns).toHaveLength(1);
    type(box, 'again');
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    await waitFor(() => expect(client.turns).toHaveLength(1)); // busy: the first is still running
  });

  it('an input method composing: Enter never sends (composition events, keyCode 229)', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    type(box, 'にほん');
    fireEvent.compositionStart(box);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(0);
    fireEvent.compositionEnd(box);
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 });
    expect(client.turns).toHaveLength(0);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(1);
  });
});

describe('↑ in an empty composer', () => {
  it('opens the last question for editing', async () => {
    const conv = conversation({ id: 'c1' });
    const client = new FakeClient()
      .on('conversations/latest', () => ({ id: 'c1' }))
      .on('conversations/get', () => ({
        conversation: conv,
        messages: [
          message({ id: 'u1', conversationId: 'c1', role: 'user', seq: 1, text: 'first' }),
          message({ id: 'a1', conversationId: 'c1', role: 'assistant', seq: 2, text: 'one' }),
          message({ id: 'u2', conversationId: 'c1', role: 'user', seq: 3, text: 'second' }),
          message({ id: 'a2', conversationId: 'c1', role: 'assistant', seq: 4, text: 'two' }),
        ],
        versions: {},
      }));
    render(<ChatApp surface="popup" client={client} />);
    await screen.findByText('second');
    const box = await composer();
    type(box, 'not empty');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(screen.queryByRole('textbox', { name: 'Edit your message' })).toBeNull();
    type(box, '');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    const editor = (await screen.findByRole('textbox', {
      name: 'Edit your message',
    })) as HTMLTextAreaElement;
    expect(editor.value).toBe('second');
  });
});

describe('text size and density', () => {
  it('are set on the app root from the settings', async () => {
    const client = emptyClient();
    client.settings = { ...client.settings, fontSize: 'large', density: 'compact' };
    const { container } = render(<ChatApp surface="sidebar" client={client} />);
    await composer();
    const app = container.querySelector('.cg-app') as HTMLElement;
    expect(app.dataset.font).toBe('large');
    expect(app.dataset.density).toBe('compact');
  });
});

describe('the empty state', () => {
  it('names the site and its starters fill the composer in one click', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    await screen.findByText('How can I help?');
    expect(screen.getByText('Answers come from chatgptt.me.')).toBeTruthy();
    // No page to summarize in a bare popup.
    expect(screen.queryByRole('button', { name: 'Summarize this page' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Brainstorm ideas…' }));
    const box = await composer();
    await waitFor(() => expect(box.value).toBe('Give me 10 ideas for '));
    expect(client.turns).toHaveLength(0);
  });

  it('"Summarize this page" sends at once with the page the sidebar shows, or asks the surface', async () => {
    const client = emptyClient();
    const context = {
      title: 'T',
      url: 'https://a.example/',
      text: 'a long article',
      kind: 'page' as const,
    };
    render(<ChatApp surface="sidebar" client={client} request={{ context }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Summarize this page' }));
    expect(client.turns[0]?.command).toMatchObject({
      type: 'send',
      text: 'Summarize this page.',
      context,
    });
    cleanup();
    let asked = 0;
    render(
      <ChatApp surface="sidebar" client={emptyClient()} onSummarizePage={() => (asked += 1)} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Summarize this page' }));
    expect(asked).toBe(1);
  });
});

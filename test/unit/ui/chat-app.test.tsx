// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatErrorKind } from '../../../src/provider/types';
import { translator } from '../../../src/shared/i18n';

const { t } = translator('en');
import type { StoredMessage } from '../../../src/shared/model';
import { ChatApp } from '../../../src/ui';
import { answerLabel } from '../../../src/ui/AnswerLabel';
import { ERROR_KINDS } from '../../../src/ui/error-help';
import { messageRenderStats } from '../../../src/ui/MessageView';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

function emptyClient(): FakeClient {
  return new FakeClient().on('conversations/latest', () => ({ id: null }));
}

async function composer(): Promise<HTMLTextAreaElement> {
  return (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
}

describe('composer', () => {
  it('is focused on open; Enter sends, Shift+Enter does not', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    await waitFor(() => expect(document.activeElement).toBe(box));
    // Hebrew or Arabic typed into it reads right to left.
    expect(box.getAttribute('dir')).toBe('auto');
    fireEvent.input(box, { target: { value: 'line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(client.turns).toHaveLength(0);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(1);
    expect(client.turns[0]?.command).toMatchObject({
      type: 'send',
      conversationId: null,
      text: 'line one',
    });
    // The question shows at once, and the composer is cleared.
    expect(screen.getByText('line one')).toBeTruthy();
    expect(box.value).toBe('');
  });

  it('does not send an empty message, and Send is disabled until there is text', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(0);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('composer draft', () => {
  it('keeps what was typed when the popup closes, and forgets it once sent', async () => {
    const client = emptyClient();
    const first = render(<ChatApp surface="popup" client={client} />);
    fireEvent.input(await composer(), { target: { value: 'half a thought' } });
    first.unmount();

    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    await waitFor(() => expect(box.value).toBe('half a thought'));
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns[0]?.command).toMatchObject({ text: 'half a thought' });
    expect(await client.loadDraft('popup')).toBe('');
  });

  it('keeps drafts apart per surface, and a sidebar opened with a selection starts from it', async () => {
    const client = emptyClient();
    client.saveDraft('popup', 'popup words');
    client.saveDraft('sidebar', 'sidebar words');
    const sidebar = render(
      <ChatApp
        surface="sidebar"
        client={client}
        request={{
          context: { kind: 'selection', text: 'Quoted', title: 'T', url: 'https://a.example/' },
        }}
      />,
    );
    await screen.findByText('Quoted');
    await new Promise((done) => setTimeout(done, 50)); // time for a draft to (wrongly) arrive
    expect((await composer()).value).toBe('');
    sidebar.unmount();
    render(<ChatApp surface="sidebar" client={client} />);
    const box = await composer();
    await waitFor(() => expect(box.value).toBe('sidebar words'));
  });
});

/** Sends "Q" in a fresh popup and has the worker accept it. */
async function startTurn() {
  const client = emptyClient();
  const conv = conversation({ id: 'c1', title: 'Q' });
  const user = message({ id: 'u1', conversationId: 'c1', role: 'user', seq: 1, text: 'Q' });
  const answer = message({
    id: 'a1',
    conversationId: 'c1',
    role: 'assistant',
    seq: 2,
    text: '',
    status: 'streaming',
  });
  client.on('turn/stop', () => ({ stopped: true }));
  render(<ChatApp surface="popup" client={client} />);
  const box = await composer();
  fireEvent.input(box, { target: { value: 'Q' } });
  fireEvent.keyDown(box, { key: 'Enter' });
  const turn = client.turns[0];
  if (!turn) throw new Error('no turn');
  turn.emit({ type: 'accepted', conversation: conv, userMessage: user, assistantMessage: answer });
  const delta = (offset: number, text: string) =>
    turn.emit({ type: 'delta', conversationId: 'c1', messageId: 'a1', offset, text });
  const finish = (patch: Partial<StoredMessage>) =>
    turn.emit({
      type: 'finished',
      conversationId: 'c1',
      message: { ...answer, status: 'done', ...patch },
    });
  return { client, turn, delta, finish, answer };
}

describe('a turn', () => {
  it('streams the answer, offers Stop while writing, then Copy and Regenerate', async () => {
    const { client, delta, finish } = await startTurn();
    expect(client.watching).toContain('c1');
    delta(0, 'Hello ');
    delta(0, 'Hello '); // the same piece from the watch port
    delta(6, '**world**');
    await screen.findByText('world');
    expect(screen.getByText(/Hello/).textContent).toBe('Hello world');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(client.requests.at(-1)).toEqual({
      type: 'turn/stop',
      payload: { conversationId: 'c1' },
    });
    finish({ text: 'Hello **world**' });
    const copy = await screen.findByRole('button', { name: 'Copy' });
    fireEvent.click(copy);
    await waitFor(() => expect(client.copied).toEqual(['Hello **world**']));
    fireEvent.click(screen.getByRole('button', { name: 'Regenerate' }));
    expect(client.turns[1]?.command).toEqual({ type: 'regenerate', conversationId: 'c1' });
  });

  it('a delta re-renders only the message it belongs to', async () => {
    const { delta } = await startTurn();
    delta(0, 'First');
    await screen.findByText('First');
    messageRenderStats.renders = 0;
    delta(5, ' more');
    await screen.findByText('First more');
    expect(messageRenderStats.renders).toBe(1);
  });

  it('Edit & resend sends an edit command with the new text', async () => {
    const { client, finish } = await startTurn();
    finish({ text: 'A' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('textbox', { name: 'Edit your message' });
    fireEvent.input(editor, { target: { value: 'Q, better' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save & send' }));
    expect(client.turns[1]?.command).toEqual({
      type: 'edit',
      conversationId: 'c1',
      messageId: 'u1',
      text: 'Q, better',
    });
  });

  it('a stopped answer keeps its text, a quiet "Stopped", Continue and Regenerate; focus back to the composer', async () => {
    const { client, delta, finish, answer } = await startTurn();
    delta(0, 'Partial');
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    finish({
      text: 'Partial',
      status: 'interrupted',
      error: { kind: 'aborted', message: 'stopped' },
    });
    await screen.findByText('Stopped');
    expect(screen.getByText('Partial')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Message'));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(client.turns[1]?.command).toEqual({
      type: 'continue',
      conversationId: 'c1',
      messageId: 'a1',
    });
    client.turns[1]?.emit({
      type: 'finished',
      conversationId: 'c1',
      message: {
        ...answer,
        text: 'Partial',
        status: 'interrupted',
        error: { kind: 'aborted', message: 'stopped' },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Regenerate' }));
    expect(client.turns[2]?.command).toEqual({ type: 'regenerate', conversationId: 'c1' });
  });

  it('a cut answer keeps its text, says the connection was cut, offers Continue and Regenerate (no Retry)', async () => {
    const { client, delta, finish } = await startTurn();
    delta(0, 'Half an');
    finish({
      text: 'Half an',
      status: 'error',
      error: { kind: 'cut', message: 'The connection broke', detail: 'socket hang up' },
      site: 'https://chatgptt.me',
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('was cut after part of the answer');
    expect(alert.textContent).not.toMatch(/Could not reach/);
    expect(
      within(alert)
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([]);
    expect(screen.getByText('Half an')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(client.turns[1]?.command).toEqual({
      type: 'continue',
      conversationId: 'c1',
      messageId: 'a1',
    });
  });

  it('a failed answer offers Retry, not Regenerate beside it', async () => {
    const { finish } = await startTurn();
    finish({
      text: 'Some text',
      status: 'error',
      error: { kind: 'upstream', message: 'model down' },
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
  });

  it('Stop pressed before the worker took the turn stops it once accepted', async () => {
    const client = emptyClient().on('turn/stop', () => ({ stopped: true }));
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    fireEvent.input(box, { target: { value: 'Q' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(client.requests.filter((r) => r.type === 'turn/stop')).toHaveLength(0);
    const conv = conversation({ id: 'c5' });
    client.turns[0]?.emit({
      type: 'accepted',
      conversation: conv,
      userMessage: message({ id: 'u5', conversationId: 'c5', role: 'user', seq: 1, text: 'Q' }),
      assistantMessage: message({
        id: 'a5',
        conversationId: 'c5',
        role: 'assistant',
        seq: 2,
        status: 'streaming',
      }),
    });
    await waitFor(() =>
      expect(client.requests.filter((r) => r.type === 'turn/stop')).toEqual([
        { type: 'turn/stop', payload: { conversationId: 'c5' } },
      ]),
    );
  });

  it('a refused send keeps the question on screen with the error and a Retry', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    fireEvent.input(box, { target: { value: 'my question' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    client.turns[0]?.emit({
      type: 'rejected',
      error: { kind: 'network', message: 'down', detail: 'ECONNREFUSED' },
    });
    await screen.findByRole('alert');
    expect(screen.getByText('my question')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(client.turns[1]?.command).toMatchObject({ type: 'send', text: 'my question' });
  });

  it('a send refused because storage is full says so, points to settings and puts the words back in the composer', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    // Settings loaded and the kept draft read, so that read cannot put the words back itself.
    await waitFor(() =>
      expect(client.requests.some((r) => r.type === 'conversations/latest')).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    fireEvent.input(box, { target: { value: 'words I typed' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.drafts.get('popup')).toBeUndefined();
    client.turns[0]?.emit({
      type: 'rejected',
      error: { kind: 'storage-full', message: 'full', detail: 'QuotaExceededError' },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-kind')).toBe('storage-full');
    expect(alert.textContent).toContain(t('ui_error_storage_full'));
    expect(within(alert).getByRole('button', { name: t('ui_open_settings') })).toBeTruthy();
    // Back in the composer (and in the kept draft, so closing the popup does not lose it).
    await waitFor(() => expect(client.drafts.get('popup')).toBe('words I typed'));
    expect(box.value).toBe('words I typed');
  });

  it('an answer failed while offline says so, and offers one Retry when the online event fires', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      const client = emptyClient();
      render(<ChatApp surface="popup" client={client} />);
      const box = await composer();
      fireEvent.input(box, { target: { value: 'asked offline' } });
      fireEvent.keyDown(box, { key: 'Enter' });
      const conv = conversation({ id: 'off' });
      const answer = message({ id: 'a-off', conversationId: 'off', role: 'assistant', seq: 2 });
      client.turns[0]?.emit({
        type: 'accepted',
        conversation: conv,
        userMessage: message({
          id: 'u-off',
          conversationId: 'off',
          role: 'user',
          seq: 1,
          text: 'asked offline',
        }),
        assistantMessage: { ...answer, status: 'streaming' },
      });
      client.turns[0]?.emit({
        type: 'finished',
        conversationId: 'off',
        message: {
          ...answer,
          status: 'error',
          // The worker names it (runner.ts offlineOr); the view only shows it.
          error: { kind: 'offline', message: 'You are offline.', detail: 'Failed to fetch' },
        },
      });
      const alert = await screen.findByRole('alert');
      expect(alert.getAttribute('data-kind')).toBe('offline');
      expect(alert.textContent).toContain(t('ui_error_offline'));
      expect(within(alert).queryByRole('button')).toBeNull();
      online.mockReturnValue(true);
      globalThis.dispatchEvent(new Event('online'));
      const again = await within(alert).findByRole('button', { name: t('ui_retry') });
      expect(alert.textContent).toContain(t('ui_back_online'));
      fireEvent.click(again);
      expect(client.turns[1]?.command).toMatchObject({ type: 'retry', messageId: 'a-off' });
    } finally {
      online.mockRestore();
    }
  });

  it('after the extension was updated under the page: "ChatGptt was updated — reopen", no reconnect loop, the words kept', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    await waitFor(() =>
      expect(client.requests.some((r) => r.type === 'conversations/latest')).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    const watchesBefore = client.watchGone.length;
    // The update: the runtime is gone and the watch port disconnects.
    client.runtimeGone = true;
    client.watchGone.at(-1)?.();
    const alert = await screen.findByText(t('ui_extension_updated'));
    expect(alert.closest('[data-kind="updated"]')).toBeTruthy();
    expect(screen.getByRole('button', { name: t('ui_reopen') })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.watchGone.length, 'no reconnect to a worker that is not ours').toBe(
      watchesBefore,
    );
    // A send now goes nowhere: refused on the spot, the words back in the composer.
    fireEvent.input(box, { target: { value: 'typed after the update' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns).toHaveLength(0);
    await waitFor(() => expect(box.value).toBe('typed after the update'));
  });

  it('says "updated" when the port drops while runtime.id still reads set and the reconnect throws', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    await composer();
    await waitFor(() =>
      expect(client.requests.some((r) => r.type === 'conversations/latest')).toBe(true),
    );
    // Chrome unloads the extension: the port drops first, runtime.connect throws next (tried
    // at the user's next key: an idle view does not reconnect by itself).
    client.connectThrows = true;
    client.watchGone.at(-1)?.();
    fireEvent.keyDown(await composer(), { key: 'a' });
    const alert = await screen.findByText(t('ui_extension_updated'), undefined, { timeout: 2000 });
    expect(alert.closest('[data-kind="updated"]')).toBeTruthy();
  });

  it('a worker stopped while the view was idle is woken by the first key or focus, once, not per key', async () => {
    const client = emptyClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = await composer();
    await waitFor(() =>
      expect(client.requests.some((r) => r.type === 'conversations/latest')).toBe(true),
    );
    // The composer's own focus on open is done (a focus is intent, and would wake).
    await waitFor(() => expect(document.activeElement).toBe(box));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const ports = client.watchGone.length;
    // Connected: keys and focus open no port.
    fireEvent.keyDown(box, { key: 'a' });
    fireEvent.focusIn(box);
    expect(client.watchGone.length).toBe(ports);
    // The browser stops the idle worker: the port drops, and nothing reconnects by itself.
    client.watchGone.at(-1)?.();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.watchGone.length, 'no reconnect while idle').toBe(ports);
    // The user types: the first key reconnects (which starts the worker), the rest do nothing.
    for (const key of 'hello') {
      fireEvent.keyDown(box, { key });
      fireEvent.input(box, { target: { value: key } });
    }
    expect(client.watchGone.length).toBe(ports + 1);
    // Another drop, then a focus (the user comes back to the composer): one more.
    client.watchGone.at(-1)?.();
    fireEvent.focusIn(box);
    fireEvent.pointerDown(box);
    expect(client.watchGone.length).toBe(ports + 2);
  });

  it('follows answers started in another view through the watch port', async () => {
    const client = new FakeClient().on('conversations/latest', () => ({ id: 'c9' }));
    const conv = conversation({ id: 'c9' });
    const user = message({
      id: 'u9',
      conversationId: 'c9',
      role: 'user',
      seq: 1,
      text: 'from the sidebar',
    });
    const answer = message({
      id: 'a9',
      conversationId: 'c9',
      role: 'assistant',
      seq: 2,
      status: 'streaming',
    });
    client.on('conversations/get', () => ({
      conversation: conv,
      messages: [user, answer],
      versions: {},
    }));
    render(<ChatApp surface="popup" client={client} />);
    await screen.findByText('from the sidebar');
    client.broadcast({
      type: 'delta',
      conversationId: 'c9',
      messageId: 'a9',
      offset: 0,
      text: 'live text',
    });
    await screen.findByText('live text');
    client.broadcast({
      type: 'delta',
      conversationId: 'other',
      messageId: 'a9',
      offset: 9,
      text: ' NOT',
    });
    expect(screen.queryByText(/NOT/)).toBeNull();
  });
});

describe('changes from other views', () => {
  it('reloads on "edited" and leaves a conversation deleted elsewhere', async () => {
    const conv = conversation({ id: 'c7' });
    let text = 'before';
    const client = new FakeClient()
      .on('conversations/latest', () => ({ id: 'c7' }))
      .on('conversations/get', () => ({
        conversation: conv,
        messages: [message({ id: 'u7', conversationId: 'c7', role: 'user', seq: 1, text })],
        versions: {},
      }));
    render(<ChatApp surface="popup" client={client} />);
    await screen.findByText('before');
    text = 'after';
    client.broadcast({ type: 'changed', conversationId: 'c7', reason: 'edited' });
    await screen.findByText('after');
    client.broadcast({ type: 'changed', conversationId: 'c7', reason: 'deleted' });
    await waitFor(() => expect(screen.queryByText('after')).toBeNull());
    expect(screen.getByText('How can I help?')).toBeTruthy();
  });
});

describe('the answer label', () => {
  it('says which site answered and why, in English and Russian', async () => {
    const { finish } = await startTurn();
    finish({
      text: 'From the backup',
      site: 'https://backup.example/',
      fallback: { from: 'https://chatgptt.me/', kind: 'network' },
    });
    const label = await screen.findByText(/Answered by/);
    expect(label.textContent).toBe('Answered by backup.example: chatgptt.me could not be reached.');
    const ru = answerLabel(translator('ru').t, {
      ...message({ id: 'a2', conversationId: 'c1', role: 'assistant', seq: 2, text: 'x' }),
      site: 'https://backup.example/',
      fallback: { from: 'https://chatgptt.me/', kind: 'timeout', remembered: true },
    });
    expect(ru).toBe(
      'Ответил backup.example: chatgptt.me дал сбой несколько минут назад, поэтому в этот раз его не спрашивали.',
    );
  });

  it("an answer from the conversation's own site has no label", async () => {
    const { finish } = await startTurn();
    finish({ text: 'Plain answer', site: 'https://chatgptt.me/' });
    await screen.findByText('Plain answer');
    expect(document.querySelector('.cg-answer-label')).toBeNull();
  });
});

describe('notes and sources of an answer', () => {
  it("shows the site's note and the sources; only safe URLs become links", async () => {
    const { finish } = await startTurn();
    finish({
      text: 'With sources',
      notes: ['Web search is unavailable right now.'],
      sources: [
        { url: 'https://example.org/one', title: 'Source one' },
        { url: 'javascript:alert(1)', title: 'Bad source' },
        { url: 'https://example.org/two' },
      ],
    });
    expect((await screen.findByRole('note')).textContent).toBe(
      'Note from the site: Web search is unavailable right now.',
    );
    expect(screen.getByText('Sources')).toBeTruthy();
    const one = screen.getByRole('link', { name: 'Source one' });
    expect(one.getAttribute('href')).toBe('https://example.org/one');
    expect(one.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByRole('link', { name: 'https://example.org/two' })).toBeTruthy();
    // The javascript: source is plain text, never a link.
    expect(screen.queryByRole('link', { name: 'Bad source' })).toBeNull();
    expect(screen.getByText('Bad source').tagName).toBe('LI');
  });
});

describe('error notices', () => {
  const SITE = 'https://chatgptt.me';
  async function failWith(kind: ChatErrorKind) {
    const { client, finish } = await startTurn();
    finish({
      status: 'error',
      error: { kind, message: `${kind} happened`, detail: `raw ${kind} text` },
      site: SITE,
    });
    const alert = await screen.findByRole('alert');
    return { client, alert };
  }

  it.each(ERROR_KINDS.filter((k) => k !== 'aborted'))(
    '%s: a plain message, Details and the action that helps',
    async (kind) => {
      const { client, alert } = await failWith(kind);
      const text = alert.querySelector('.cg-error-text')?.textContent ?? '';
      expect(text).not.toMatch(/ui_error/);
      expect(text.length).toBeGreaterThan(20);
      expect(within(alert).getByText('Details')).toBeTruthy();
      expect(alert.textContent).toContain(`raw ${kind} text`);
      // The user's question stays.
      expect(screen.getByText('Q', { selector: '.cg-bubble' })).toBeTruthy();
      const buttons = within(alert)
        .queryAllByRole('button')
        .map((b) => b.textContent);
      if (kind === 'challenge') {
        expect(buttons).toEqual(['Pass the check on chatgptt.me', 'Retry']);
        // No worker answer: a plain tab still opens the site.
        fireEvent.click(
          within(alert).getByRole('button', { name: 'Pass the check on chatgptt.me' }),
        );
        await waitFor(() => expect(client.opened).toEqual([SITE]));
        // The worker opens it and watches it, to ask this answer again once the check passed.
        client.on('site/openCheck', async () => ({ ok: true as const }));
        fireEvent.click(
          within(alert).getByRole('button', { name: 'Pass the check on chatgptt.me' }),
        );
        await waitFor(() =>
          expect(
            client.requests.filter((r) => r.type === 'site/openCheck').at(-1)?.payload,
          ).toEqual({ site: SITE, conversationId: 'c1', messageId: 'a1' }),
        );
        expect(client.opened).toEqual([SITE]);
        expect(alert.textContent).toContain('asked again by itself');
      } else if (kind === 'not-a-chat-site' || kind === 'plugin-missing' || kind === 'permission') {
        expect(buttons).toContain('Open settings');
        fireEvent.click(within(alert).getByRole('button', { name: 'Open settings' }));
        expect(client.optionsOpened).toBe(1);
      } else {
        expect(buttons).toContain('Retry');
        fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
        expect(client.turns[1]?.command).toEqual({
          type: 'retry',
          conversationId: 'c1',
          messageId: 'a1',
        });
      }
      if (kind === 'quota') expect(text).toMatch(/limit/);
      // The refusals quote the site's own words in the notice itself.
      if (kind === 'invalid-message' || kind === 'refused')
        expect(text).toContain(`${kind} happened`);
    },
  );

  it('every kind has its own English and Russian message', () => {
    for (const language of ['en', 'ru'] as const) {
      const { t } = translator(language);
      const texts = new Set(ERROR_KINDS.map((kind) => t(`ui_error_${kind.replace(/-/g, '_')}`)));
      expect(texts.size).toBe(ERROR_KINDS.length);
      for (const text of texts) expect(text).not.toMatch(/^ui_/);
    }
  });
});

describe('the UI language', () => {
  it("each view speaks its own settings' language, and follows a change of them", async () => {
    const russian = emptyClient();
    russian.settings = { ...russian.settings, language: 'ru' };
    const english = emptyClient();
    english.settings = { ...english.settings, language: 'en' };
    const ru = {
      container: render(<ChatApp surface="popup" client={russian} />).container as HTMLElement,
    };
    await within(ru.container).findByRole('textbox', { name: translator('ru').t('ui_message') });
    // A second view with other settings in the same page does not change the first one's words.
    const en = {
      container: render(<ChatApp surface="sidebar" client={english} />).container as HTMLElement,
    };
    await within(en.container).findByRole('textbox', { name: 'Message' });
    fireEvent.input(within(ru.container).getByRole('textbox'), { target: { value: 'x' } });
    expect(
      within(ru.container).getByRole('textbox', { name: translator('ru').t('ui_message') }),
    ).toBeTruthy();
    russian.changeSettings({ language: 'en' });
    await within(ru.container).findByRole('textbox', { name: 'Message' });
    expect(document.documentElement.lang).toBe('en');
  });
});

describe('sidebar request', () => {
  const context = {
    title: 'A page',
    url: 'https://example.com/a',
    text: 'x'.repeat(400),
    kind: 'selection' as const,
  };

  it('shows the quoted context, the cut warning, and fills the composer from a quick action', async () => {
    const client = emptyClient();
    render(
      <ChatApp surface="sidebar" client={client} request={{ context, truncatedChars: 1234 }} />,
    );
    await screen.findByText('A page');
    expect(screen.getByText(/1,234 characters will be cut/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show all' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Translate to English' }));
    const box = await composer();
    expect(box.value).toBe(`Translate this into English:\n\n"""\n${context.text}\n"""`);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns[0]?.command).toMatchObject({ type: 'send', conversationId: null, context });
  });

  it('sends at once with autoSend', async () => {
    const client = emptyClient();
    render(
      <ChatApp
        surface="sidebar"
        client={client}
        request={{ context, prompt: 'Explain it', autoSend: true }}
      />,
    );
    await waitFor(() => expect(client.turns).toHaveLength(1));
    expect(client.turns[0]?.command).toMatchObject({ type: 'send', text: 'Explain it', context });
  });
});

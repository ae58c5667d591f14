// @vitest-environment happy-dom
/**
 * The composer is usable from the popup's first render, before its settings and the last
 * conversation have arrived (issue 18). What is typed and sent in that moment is kept and
 * sent, and the start-up does not then switch the view to the older conversation, which
 * would hide the question and its answer.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/shared/settings';
import { ChatApp } from '../../../src/ui';
import { conversation, FakeClient } from './fake-client';

afterEach(cleanup);

/** A client whose settings arrive only when `release` is called; the last conversation is "old". */
function slowClient(): { client: FakeClient; release: () => void } {
  const client = new FakeClient()
    .on('conversations/latest', () => ({ id: 'old' }))
    .on('conversations/get', () => ({
      conversation: conversation({ id: 'old', title: 'Old' }),
      messages: [],
      versions: {},
    }));
  let release = (): void => undefined;
  const settings = new Promise<Settings>((done) => {
    release = () => done(client.settings);
  });
  client.getSettings = () => settings;
  return { client, release };
}

describe('a message sent before the popup has started', () => {
  it('is sent, stays in view, and the older conversation is not opened over it', async () => {
    const { client, release } = slowClient();
    render(<ChatApp surface="popup" client={client} />);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(box.disabled).toBe(false);
    fireEvent.input(box, { target: { value: 'typed at once' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(client.turns[0]?.command).toMatchObject({ type: 'send', text: 'typed at once' });
    release();
    await new Promise((done) => setTimeout(done, 50)); // time for the start-up to (wrongly) open "old"
    expect(client.watching).not.toContain('old');
    expect(screen.getByText('typed at once')).toBeTruthy();
  });

  it('keeps words typed but not sent, over a saved draft', async () => {
    const { client, release } = slowClient();
    client.saveDraft('popup', 'an older draft');
    render(<ChatApp surface="popup" client={client} />);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'new words' } });
    release();
    await waitFor(() => expect(client.watching).toContain('old'));
    await new Promise((done) => setTimeout(done, 20));
    expect(box.value).toBe('new words');
  });
});

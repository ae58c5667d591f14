// @vitest-environment happy-dom
/**
 * "Summarize this video" in the shared chat view: a notice-only request (a video without
 * captions) opens a new chat, not the last conversation, and sends nothing; the page starter
 * says "Summarize this video" where the surface knows the page is a YouTube video.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatApp } from '../../../src/ui';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

function clientWithLatest(): FakeClient {
  return new FakeClient()
    .on('conversations/latest', () => ({ id: 'c1' }))
    .on('conversations/get', () => ({
      conversation: conversation({ id: 'c1' }),
      messages: [
        message({
          id: 'u1',
          conversationId: 'c1',
          role: 'user',
          seq: 1,
          text: 'an older question',
        }),
      ],
      versions: {},
    }));
}

describe('a video without captions', () => {
  it('leaves the last conversation closed under the notice, and sends nothing', async () => {
    const client = clientWithLatest();
    render(
      <ChatApp
        surface="sidebar"
        client={client}
        request={{ notice: 'This video has no captions.' }}
        banner={<p role="status">This video has no captions.</p>}
      />,
    );
    await screen.findByText('This video has no captions.');
    await waitFor(() =>
      expect(client.requests.some((r) => r.type === 'conversations/latest')).toBe(true),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('an older question')).toBeNull();
    expect(client.requests.some((r) => r.type === 'conversations/get')).toBe(false);
    expect(client.turns).toHaveLength(0);
  });

  it('without a notice the last conversation opens as before', async () => {
    render(<ChatApp surface="sidebar" client={clientWithLatest()} />);
    await screen.findByText('an older question');
  });
});

describe('the page starter', () => {
  it('says what the surface knows: "Summarize this video" over a watch page', async () => {
    const client = new FakeClient().on('conversations/latest', () => ({ id: null }));
    render(
      <ChatApp surface="popup" client={client} onSummarizePage={() => undefined} pageIsVideo />,
    );
    await screen.findByRole('button', { name: 'Summarize this video' });
    expect(screen.queryByRole('button', { name: 'Summarize this page' })).toBeNull();
  });
});

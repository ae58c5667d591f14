// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../../src/shared/model';
import { ChatApp } from '../../../src/ui';
import { groupByDay, relativeDay, splitMatches } from '../../../src/ui/history-groups';
import { conversation, FakeClient, message } from './fake-client';

afterEach(cleanup);

const DAY = 24 * 60 * 60 * 1000;

function summary(
  id: string,
  title: string,
  updatedAt: number,
  snippet?: string,
): ConversationSummary {
  return {
    ...conversation({ id, title, updatedAt }),
    messageCount: 2,
    ...(snippet ? { snippet } : {}),
  };
}

describe('history helpers', () => {
  it('groups by local day, newest first', () => {
    const now = new Date(2026, 10, 23, 15).getTime();
    const groups = groupByDay([
      summary('a', 'A', now),
      summary('b', 'B', now - 60_000),
      summary('c', 'C', now - DAY),
      summary('d', 'D', now - 5 * DAY),
    ]);
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([['a', 'b'], ['c'], ['d']]);
    expect(groups.map((g) => relativeDay(g.day, now))).toEqual(['today', 'yesterday', null]);
  });

  it('splits text around the query words, case-insensitively', () => {
    expect(splitMatches('Rust and rusty Go', 'rust go')).toEqual([
      { text: 'Rust', match: true },
      { text: ' and ', match: false },
      { text: 'rust', match: true },
      { text: 'y ', match: false },
      { text: 'Go', match: true },
    ]);
    expect(splitMatches('a.b', '.')).toEqual([
      { text: 'a', match: false },
      { text: '.', match: true },
      { text: 'b', match: false },
    ]);
  });
});

describe('history view', () => {
  function setup() {
    const now = Date.now();
    let items = [
      summary('c1', 'Rust lifetimes', now),
      summary('c2', 'Borscht recipe', now - 2 * DAY, 'beets and rust-colored broth'),
    ];
    const client = new FakeClient()
      .on('conversations/latest', () => ({ id: null }))
      .on('conversations/list', ({ query }) => {
        const found = query
          ? items.filter((i) =>
              `${i.title} ${i.snippet ?? ''}`.toLowerCase().includes(query.toLowerCase()),
            )
          : items;
        return { items: found, total: found.length };
      })
      .on('conversations/update', ({ id, title }) => {
        items = items.map((i) => (i.id === id ? { ...i, title: title ?? i.title } : i));
        return conversation({ id, title: title ?? '' });
      })
      .on('conversations/delete', ({ id }) => {
        const gone = items.find((i) => i.id === id);
        items = items.filter((i) => i.id !== id);
        return { conversation: conversation({ id, title: gone?.title ?? '' }), messages: [] };
      })
      .on('conversations/restore', ({ conversation: c }) => {
        items = [summary(c.id, c.title, now), ...items];
        return { ok: true as const };
      })
      .on('conversations/export', ({ id }) => ({
        filename: `${id}.md`,
        mime: 'text/markdown',
        content: `# ${id}`,
      }))
      .on('conversations/get', ({ id }) => ({
        conversation: conversation({ id }),
        messages: [
          message({ role: 'user', seq: 1, text: `question of ${id}`, conversationId: id }),
        ],
        versions: {},
      }));
    render(<ChatApp surface="popup" client={client} />);
    return client;
  }

  /** A row's action, through its "…" menu (the row itself shows only the title). */
  async function rowAction(view: HTMLElement, title: string, action: string) {
    fireEvent.click(await within(view).findByRole('button', { name: `Actions for “${title}”` }));
    fireEvent.click(within(view).getByRole('menuitem', { name: `${action} “${title}”` }));
  }

  async function openHistory() {
    fireEvent.click(await screen.findByRole('button', { name: 'History' }));
    return screen.findByRole('region', { name: 'History' });
  }

  it('lists conversations under day headings', async () => {
    setup();
    const view = await openHistory();
    await within(view).findByText('Rust lifetimes');
    const headings = within(view)
      .getAllByRole('heading')
      .map((h) => h.textContent);
    expect(headings[0]).toBe('Today');
    expect(headings).toHaveLength(2);
  });

  it('searches and highlights the matches', async () => {
    setup();
    const view = await openHistory();
    fireEvent.input(within(view).getByRole('searchbox', { name: 'Search conversations' }), {
      target: { value: 'rust' },
    });
    await waitFor(() => expect(view.querySelectorAll('mark').length).toBe(2));
    expect([...view.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Rust', 'rust']);
    fireEvent.input(within(view).getByRole('searchbox'), { target: { value: 'zzz' } });
    await within(view).findByText('Nothing found.');
  });

  it('renames', async () => {
    const client = setup();
    const view = await openHistory();
    await rowAction(view, 'Rust lifetimes', 'Rename');
    const input = within(view).getByRole('textbox', { name: 'New title' });
    fireEvent.input(input, { target: { value: 'Borrowing' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await within(view).findByText('Borrowing');
    expect(client.requests.some((r) => r.type === 'conversations/update')).toBe(true);
  });

  it('deletes with Undo', async () => {
    setup();
    const view = await openHistory();
    await rowAction(view, 'Rust lifetimes', 'Delete');
    await waitFor(() => expect(within(view).queryByText('Rust lifetimes')).toBeNull());
    fireEvent.click(within(view).getByRole('button', { name: 'Undo' }));
    await within(view).findByText('Rust lifetimes');
  });

  it('exports as Markdown and opens a conversation to continue it', async () => {
    const client = setup();
    const view = await openHistory();
    await rowAction(view, 'Borscht recipe', 'Export');
    await waitFor(() => expect(client.downloads).toEqual([{ filename: 'c2.md', content: '# c2' }]));
    fireEvent.click(within(view).getByText('Borscht recipe'));
    await screen.findByText('question of c2');
    expect(client.watching).toContain('c2');
  });
});

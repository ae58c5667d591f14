// @vitest-environment happy-dom
/** The data section's sentences: counted nouns agree with the count, an import error says it once. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../src/shared/i18n-pages';
// The refusal is the worker's sentence: its words come with the worker's modules.
import '../../../src/background/words';
import { translator } from '../../../src/shared/i18n';
import { inLanguage } from '../ui/in-language';

const { t } = translator('en');

const replies = vi.hoisted(() => ({ import: undefined as unknown, list: { total: 1 } }));

vi.mock('../../../src/shared/rpc', async (original) => {
  const real = await original<typeof import('../../../src/shared/rpc')>();
  return {
    ...real,
    request: vi.fn(async (method: string) => {
      if (method === 'storage/usage') return { bytes: 1000, largest: [] };
      if (method === 'conversations/list') return replies.list;
      // The file goes to the worker in pieces; its check answers at the end.
      if (method === 'import/begin') return { importId: 'i1' };
      if (method === 'import/chunk') return { conversations: 0, messages: 0 };
      if (method === 'import/cancel') return { ok: true };
      if (method === 'import/finish') {
        if (replies.import instanceof Error) throw replies.import;
        return replies.import;
      }
      throw new Error(`unexpected ${method}`);
    }),
  };
});

const { RequestError } = await import('../../../src/shared/rpc');
const { Data } = await import('../../../src/options/sections/Data');

afterEach(() => cleanup());

async function pickFile(): Promise<void> {
  const input = document.querySelector('input[type=file]') as HTMLInputElement;
  const file = new File(['{}'], 'export.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('data section words', () => {
  it('says "1 conversation with 2 messages" before an import, not "1 conversations"', async () => {
    replies.import = { conversations: 1, messages: 2, alreadyHere: 0, copies: 0, repaired: 0 };
    render(<Data />);
    await pickFile();
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        '“export.json” holds 1 conversation with 2 messages.',
      ),
    );
  });

  it('the summary says how many are already here (skipped) and how many come in as copies', async () => {
    replies.import = {
      conversations: 1204,
      messages: 5000,
      alreadyHere: 3,
      copies: 1,
      repaired: 0,
    };
    render(<Data />);
    await pickFile();
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        '“export.json” holds 1,204 conversations with 5,000 messages. They will be added to your history. 3 conversations already here will be skipped. 1 conversation with an id already taken will come in under new ids.',
      ),
    );
  });

  it('in Russian the delete question uses the right form', async () => {
    replies.list = { total: 21 };
    render(inLanguage('ru', <Data />));
    fireEvent.click(screen.getByRole('button', { name: 'Удалить всю историю' }));
    await waitFor(() => expect(document.body.textContent).toContain('(21 разговор)'));
    replies.list = { total: 1 };
  });

  it('an import refused by the worker shows its one sentence, not the same words twice', async () => {
    replies.import = new RequestError({
      kind: 'protocol',
      message: t('background_error_import', 'File: not JSON'),
    });
    render(<Data />);
    await pickFile();
    const status = await screen.findByRole('status');
    await waitFor(() => expect(status.textContent).toContain('not JSON'));
    expect(status.textContent).toBe(
      'This file cannot be imported, nothing was changed (File: not JSON).',
    );
    expect(status.textContent?.match(/cannot be imported/g)).toHaveLength(1);
  });
});

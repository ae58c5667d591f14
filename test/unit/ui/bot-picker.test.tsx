// @vitest-environment happy-dom
/**
 * The model picker lists the site's real bots (issue 16 item 1) and the header shows what the
 * site really uses, never a choice that is not made (issue 13: it said gpt-4o while the answer
 * came from gpt-4o-mini).
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { usingLabel, type SiteBots } from '../../../src/shared/bots';
import { translator } from '../../../src/shared/i18n';

const { t } = translator('en');
import { ChatApp } from '../../../src/ui';
import { answerLabel } from '../../../src/ui/AnswerLabel';
import { BotPicker } from '../../../src/ui/BotPicker';
import { FakeClient, message } from './fake-client';

afterEach(cleanup);

const SITE = 'https://chatgptt.me';
const MULTI: SiteBots = {
  site: SITE,
  modelChoice: false,
  byModel: { 'gpt-4o-mini': '11', 'gpt-4o': '11', 'gpt-4': '11' },
  bots: [
    { id: '11', name: 'GPT-4o mini', kind: 'aipkit', isDefault: true },
    { id: '12', name: 'GPT-5 nano', kind: 'aipkit', isDefault: false },
    { id: '13', name: 'Gemini 2.5 Flash', kind: 'aipkit', isDefault: false },
  ],
};
const SINGLE: SiteBots = {
  site: SITE,
  modelChoice: false,
  byModel: { 'gpt-4o-mini': '0', 'gpt-4o': '0', 'gpt-4': '0' },
  bots: [{ id: '0', name: 'Chat', kind: 'shortcode', isDefault: true }],
};
const OLD: SiteBots = { ...SINGLE, modelChoice: true };

describe('usingLabel (the header)', () => {
  it('names the bot in use, mapped from the model name, never the model the site ignores', () => {
    expect(usingLabel(MULTI, undefined, 'gpt-4o-mini')).toBe('GPT-4o mini');
    // No GPT-4o bot: the site's default bot answers, and the header says so.
    expect(usingLabel(MULTI, undefined, 'gpt-4o')).toBe('GPT-4o mini');
    expect(usingLabel(MULTI, { id: '12', name: 'GPT-5 nano' }, 'gpt-4o')).toBe('GPT-5 nano');
    // A chosen bot that left the page: the mapping again.
    expect(usingLabel(MULTI, { id: '99', name: 'Gone' }, 'gpt-4o')).toBe('GPT-4o mini');
    expect(usingLabel(SINGLE, undefined, 'gpt-4')).toBe('Chat');
    // The site takes the model itself (≤1.8.90 default shortcode): the model is the truth.
    expect(usingLabel(OLD, undefined, 'gpt-4')).toBe('gpt-4');
    // Not known (yet): nothing claimed.
    expect(usingLabel(undefined, undefined, 'gpt-4o')).toBe('');
  });
});

describe('BotPicker', () => {
  const ready = (value: SiteBots) => ({ status: 'ready' as const, site: SITE, value });

  it("lists the site's bots and chooses one by id and name", () => {
    const onChange = vi.fn();
    render(<BotPicker state={ready(MULTI)} bot={undefined} model="gpt-4o" onChange={onChange} />);
    const select = screen.getByRole('combobox', { name: 'Bot' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'GPT-4o mini',
      'GPT-5 nano',
      'Gemini 2.5 Flash',
    ]);
    expect(select.value).toBe('11');
    fireEvent.change(select, { target: { value: '13' } });
    expect(onChange).toHaveBeenCalledWith({ bot: { id: '13', name: 'Gemini 2.5 Flash' } });
    // No model select: the site's bots decide their models.
    expect(screen.queryByRole('combobox', { name: 'Model' })).toBeNull();
  });

  it('a single-bot site shows its bot and offers no choice', () => {
    render(<BotPicker state={ready(SINGLE)} bot={undefined} model="gpt-4o" onChange={vi.fn()} />);
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.getByText('Chat').tagName).toBe('STRONG');
    expect(screen.getByText(/one bot/)).toBeTruthy();
  });

  it('a site that takes the model offers the model select', () => {
    const onChange = vi.fn();
    render(<BotPicker state={ready(OLD)} bot={undefined} model="gpt-4o" onChange={onChange} />);
    const model = screen.getByRole('combobox', { name: 'Model' });
    fireEvent.change(model, { target: { value: 'gpt-4' } });
    expect(onChange).toHaveBeenCalledWith({ model: 'gpt-4' });
  });

  it('while reading, or when the page could not be read, chooses nothing', () => {
    const { unmount } = render(
      <BotPicker
        state={{ status: 'loading', site: SITE }}
        bot={undefined}
        model="gpt-4o"
        onChange={vi.fn()}
      />,
    );
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    unmount();
    render(
      <BotPicker
        state={{ status: 'failed', site: SITE }}
        bot={undefined}
        model="gpt-4o"
        onChange={vi.fn()}
      />,
    );
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.getByText(/its own settings decide/)).toBeTruthy();
  });
});

describe('the chat header and the answer label', () => {
  function client(bots: SiteBots | null) {
    return new FakeClient()
      .on('conversations/latest', () => ({ id: null }))
      .on('site/bots', () => {
        if (!bots) throw new Error('unreachable');
        return bots;
      });
  }

  it("shows the site's bot, not the original provider's model name", async () => {
    render(<ChatApp surface="popup" client={client(MULTI)} />);
    await waitFor(() =>
      expect(document.querySelector('.cg-using-model')?.textContent).toBe('GPT-4o mini'),
    );
    expect(document.querySelector('.cg-header')?.textContent).not.toContain('gpt-4o');
  });

  it('claims no model when the bots cannot be read', async () => {
    const c = client(null);
    render(<ChatApp surface="popup" client={c} />);
    await waitFor(() => expect(c.requests.some((r) => r.type === 'site/bots')).toBe(true));
    expect(document.querySelector('.cg-header')?.textContent).not.toMatch(/gpt-4/);
  });

  it('a bot picked for a new chat is sent with its first message', async () => {
    const c = client(MULTI);
    render(<ChatApp surface="popup" client={c} />);
    fireEvent.click(document.querySelector('.cg-using') as HTMLElement);
    const select = await screen.findByRole('combobox', { name: 'Bot' });
    fireEvent.change(select, { target: { value: '12' } });
    await waitFor(() =>
      expect(document.querySelector('.cg-using-model')?.textContent).toBe('GPT-5 nano'),
    );
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'hello' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.turns[0]?.command).toMatchObject({
      type: 'send',
      bot: { id: '12', name: 'GPT-5 nano' },
    });
  });

  it('the answer label names the bot that answered', () => {
    const answer = message({ role: 'assistant', seq: 1, site: SITE, bot: 'GPT-5 nano' });
    expect(answerLabel(t, answer)).toBe('Answered by GPT-5 nano.');
    const fallback = message({
      role: 'assistant',
      seq: 2,
      site: 'https://b.example',
      bot: 'Gemini',
      fallback: { from: SITE, kind: 'network' },
    });
    expect(answerLabel(t, fallback)).toBe(
      'Answered by Gemini · b.example: chatgptt.me could not be reached.',
    );
    expect(answerLabel(t, message({ role: 'assistant', seq: 3, site: SITE }))).toBeUndefined();
  });
});

/**
 * Memory that survives the plugin (protocol §5): the server sanitizes the field, strips every
 * backslash, then json_decodes it. `serverReads` is that pipeline, written from the protocol
 * study, so the tests show which history reaches the model.
 */
import { describe, expect, it } from 'vitest';
import { encodeHistory, encodeHistoryText, historyEntries } from '../../../src/provider/history';
import { splitConversation } from '../../../src/provider/chat-request';
import type { ChatMessage } from '../../../src/provider/types';
import { capturedFields, capturedModelMessages } from './captures';

/** sanitize_textarea_field (the parts that can change a JSON text) + strip all `\` + json_decode. */
function serverReads(field: string): { role: string; content: string }[] {
  let text = field;
  text = text.replace(/<[^>]*>/g, ''); // wp_strip_all_tags (tags)
  text = text.replace(/</g, '&lt;'); // wp_pre_kses_less_than (a lone <)
  while (/%[a-f0-9]{2}/i.test(text)) text = text.replace(/%[a-f0-9]{2}/i, ''); // octets
  text = text.trim().replace(/\\/g, '');
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(decoded)) return [];
  return decoded.flatMap((entry: unknown) => {
    const value = typeof entry === 'string' ? entry : (entry as { text?: unknown } | null)?.text;
    if (typeof value !== 'string') return [];
    if (value.startsWith('Human: ')) return [{ role: 'user', content: value.slice(7).trim() }];
    const content = value.replaceAll('AI: ', '').trim();
    return content === '' ? [] : [{ role: 'assistant', content }];
  });
}

/** What a reader of the text sees: the look-alikes turned back. */
function readable(text: string): string {
  return text
    .replace(/\u2028/g, '\n')
    .replace(/\uFF02/g, '"')
    .replace(/\u29F5/g, '\\')
    .replace(/\uFF1C/g, '<')
    .replace(/\uFF05/g, '%')
    .replace(/AI\u2236 /g, 'AI: ');
}

const HARD: ChatMessage[] = [
  { role: 'user', content: 'Say "hi" and show C:\\path\\file' },
  {
    role: 'assistant',
    content: 'He said "hi"\nthen: C:\\path\\file 🎉\n\tindented <b>bold</b> 100%25 AI: done',
  },
  { role: 'user', content: 'Second "turn" with \\n literal and 😀' },
  { role: 'assistant', content: 'Line one\r\nLine two "quoted" \\ end' },
];

describe('history encoding', () => {
  it('the capture a-04 pipeline check: a raw quote loses the whole history', () => {
    const field =
      capturedFields('a-04-shortcode-sse-history-with-quote').get('wpaicg_chat_history') ?? '';
    expect(serverReads(field)).toEqual([]);
    // ...and the real plugin agreed: the model got only the preamble and the message.
    expect(capturedModelMessages('a-04-shortcode-sse-history-with-quote')).toHaveLength(2);
  });

  it('the capture a-03 pipeline check: plain entries reach the model', () => {
    const field = capturedFields('a-03-shortcode-sse-history').get('wpaicg_chat_history') ?? '';
    const model = capturedModelMessages('a-03-shortcode-sse-history').slice(1, -1);
    expect(serverReads(field)).toEqual(model);
  });

  it('never needs a backslash, whatever the texts hold', () => {
    const field = encodeHistory(historyEntries(HARD, 100));
    expect(field).not.toContain('\\');
  });

  it('every entry survives the server, in order, with the right roles', () => {
    const read = serverReads(encodeHistory(historyEntries(HARD, 100)));
    expect(read.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(read.map((m) => readable(m.content))).toEqual(
      HARD.map((m) => m.content.replace(/\r\n/g, '\n').replace(/\t/g, '  ').trim()),
    );
  });

  it('keeps the newest entries within the limit', () => {
    expect(historyEntries(HARD, 2).map((e) => e.text.slice(0, 6))).toEqual(['Human:', 'AI: Li']);
    expect(historyEntries(HARD, 0)).toEqual([]);
  });

  it('lone surrogates become U+FFFD instead of a \\u escape', () => {
    expect(encodeHistoryText('a\uD800b')).toBe('a\uFFFDb');
    expect(encodeHistory([{ id: '', text: encodeHistoryText('x\uDC00') }])).not.toContain('\\');
  });
});

describe('splitting a conversation', () => {
  it('current message = the last user message; history = the turns before it', () => {
    const turn = splitConversation([...HARD, { role: 'user', content: 'now' }], 'plugin');
    expect(turn.message).toBe('now');
    expect(turn.previous).toEqual(HARD);
  });

  it('the system message goes in front of the current message, not in the history', () => {
    const turn = splitConversation(
      [{ role: 'system', content: 'Be brief.' }, ...HARD, { role: 'user', content: 'now' }],
      'plugin',
    );
    expect(turn.message).toBe('System instructions: Be brief.\n\nnow');
    expect(turn.previous.some((m) => m.role === 'system')).toBe(false);
  });

  it('single-prompt mode sends the transcript through formatPrompt with empty history', () => {
    const turn = splitConversation(
      [
        { role: 'system', content: 'S' },
        { role: 'user', content: 'U' },
      ],
      'single-prompt',
    );
    expect(turn).toEqual({ message: 'System: S\nUser: U\nAssistant:', previous: [] });
  });
});

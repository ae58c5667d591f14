/** The sidebar page's token handling (src/sidebar/pending.ts). */
import { describe, expect, it } from 'vitest';
import { takePending, tokenFromHash } from '../../../src/sidebar/pending';
import { fakeBrowser } from '../browser-module';

fakeBrowser.runtime.sendMessage.mockResolvedValue({
  ok: true,
  value: { pending: { prompt: 'from the worker' } },
});
const sent = () => fakeBrowser.runtime.sendMessage.mock.calls.map(([message]) => message);

describe('the sidebar page token', () => {
  it('reads only a well-formed token from the hash', () => {
    const token = 'ab'.repeat(16);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash('#token=short')).toBeNull();
    expect(tokenFromHash('#token=<script>')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('asks the worker only when there is a token', async () => {
    expect(await takePending(null)).toBeNull();
    expect(sent()).toEqual([]);
    expect(await takePending('ab'.repeat(16))).toEqual({ prompt: 'from the worker' });
    expect(sent()).toEqual([{ type: 'sidebar/takePending', payload: { token: 'ab'.repeat(16) } }]);
  });
});

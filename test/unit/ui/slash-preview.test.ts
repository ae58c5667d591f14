/** The "/" menu's hint of each action names the answer language as it will be sent. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/shared/i18n';
import { promptPreview } from '../../../src/ui/SlashMenu';

const english = translator('en').languageName();
const russian = translator('ru').languageName();

describe('promptPreview', () => {
  it('names the language and shows the selection as …', () => {
    expect(promptPreview('Translate into {{language}}:\n\n{{selection}}', english)).toBe(
      'Translate into English:',
    );
    expect(promptPreview('Explain {{selection}}', english)).toBe('Explain …');
  });

  it('in Russian names the language in Russian', () => {
    expect(promptPreview('Переведи на {{language}}:', russian)).not.toContain('…');
    expect(promptPreview('Переведи на {{language}}:', russian)).toMatch(/[А-Яа-я]+:$/);
  });

  it('cuts a long first line at 60 characters', () => {
    expect(promptPreview('x'.repeat(80), english)).toBe(`${'x'.repeat(60)}…`);
  });
});

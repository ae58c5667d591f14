/** The "/" menu's hint of each action names the answer language as it will be sent. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/shared/i18n';
import { promptPreview } from '../../../src/ui/SlashMenu';

afterEach(() => setLanguage('en'));

describe('promptPreview', () => {
  it('names the language and shows the selection as …', () => {
    expect(promptPreview('Translate into {{language}}:\n\n{{selection}}')).toBe(
      'Translate into English:',
    );
    expect(promptPreview('Explain {{selection}}')).toBe('Explain …');
  });

  it('in Russian names the language in Russian', () => {
    setLanguage('ru');
    expect(promptPreview('Переведи на {{language}}:')).not.toContain('…');
    expect(promptPreview('Переведи на {{language}}:')).toMatch(/[А-Яа-я]+:$/);
  });

  it('cuts a long first line at 60 characters', () => {
    expect(promptPreview('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`);
  });
});

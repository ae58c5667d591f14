// @vitest-environment happy-dom
/**
 * Issue 22, item 6: links that lie. A link whose text reads like another address shows the
 * host it really opens; a host in look-alike letters (punycode, mixed scripts) is flagged.
 */
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../../src/shared/i18n';
import { Markdown } from '../../../src/ui/markdown/Markdown';
import { linkWarning } from '../../../src/ui/markdown/link-host';
import { inLanguage } from './in-language';

afterEach(() => cleanup());

function md(text: string, language: Language = 'en'): Element {
  return render(inLanguage(language, <Markdown text={text} />)).container;
}

describe('linkWarning', () => {
  it('flags text that names another host than the link opens', () => {
    expect(linkWarning('https://bank.example', 'https://evil.example/login')).toEqual({
      kind: 'mismatch',
      host: 'evil.example',
    });
    expect(linkWarning('bank.example', 'https://bank.example.evil.example/')).toEqual({
      kind: 'mismatch',
      host: 'bank.example.evil.example',
    });
    expect(linkWarning('www.bank.example/login', 'http://10.0.0.1/')).toEqual({
      kind: 'mismatch',
      host: '10.0.0.1',
    });
    expect(linkWarning('support@bank.example', 'mailto:thief@evil.example')).toEqual({
      kind: 'mismatch',
      host: 'thief@evil.example',
    });
  });

  it('leaves honest links alone: same host, www, a subdomain, words, autolinks', () => {
    expect(linkWarning('https://bank.example/a', 'https://bank.example/b')).toBeNull();
    expect(linkWarning('bank.example', 'https://www.bank.example/')).toBeNull();
    expect(linkWarning('example.org', 'https://docs.example.org/x')).toBeNull();
    expect(linkWarning('the documentation', 'https://docs.example.org/x')).toBeNull();
    expect(linkWarning('a@b.example', 'mailto:a@b.example')).toBeNull();
    expect(linkWarning('version 1.2', 'https://example.org/')).toBeNull();
  });

  it('flags punycode and mixed-script hosts', () => {
    // "bаnk" with a Cyrillic а: the URL parser turns it into punycode.
    expect(linkWarning('https://bаnk.example', 'https://bаnk.example/')).toEqual({
      kind: 'lookalike',
      host: 'xn--bnk-6cd.example',
    });
    expect(linkWarning('here', 'https://xn--80ak6aa92e.com/')).toEqual({
      kind: 'lookalike',
      host: 'xn--80ak6aa92e.com',
    });
    // Text in look-alike letters naming the very host it opens is still a mismatch.
    expect(linkWarning('bаnk.example', 'https://bank.example/')?.kind).toBe('mismatch');
  });
});

describe('Links in answers', () => {
  it('shows the real host next to a link whose text names another', () => {
    const el = md('Log in at [https://bank.example](https://evil.example/login).');
    const link = el.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://evil.example/login');
    const host = el.querySelector('.md-link-host');
    expect(host?.textContent).toBe('opens evil.example');
    expect(host?.getAttribute('data-warning')).toBe('mismatch');
    // Right after the link, so it reads as part of it.
    expect(link?.nextElementSibling).toBe(host);
  });

  it('sees through emphasis in the link text', () => {
    const el = md('[**bank.example**](https://evil.example/)');
    expect(el.querySelector('.md-link-host')?.textContent).toBe('opens evil.example');
  });

  it('flags a look-alike host even when the text matches it', () => {
    // Cyrillic "раураl": the text names exactly the host it opens, and still deceives.
    const el = md('See [раураl.com](https://раураl.com/) now');
    const host = el.querySelector('.md-link-host');
    expect(host?.getAttribute('data-warning')).toBe('lookalike');
    expect(host?.textContent).toMatch(/^look-alike letters: xn--/);
  });

  it('adds nothing to honest links', () => {
    const el = md('[the docs](https://docs.example.org/) and <https://bank.example/>');
    expect(el.querySelectorAll('a')).toHaveLength(2);
    expect(el.querySelector('.md-link-host')).toBeNull();
  });

  it('says it in Russian', () => {
    const el = md('[https://bank.example](https://evil.example/)', 'ru');
    expect(el.querySelector('.md-link-host')?.textContent).toBe('ведёт на evil.example');
  });
});

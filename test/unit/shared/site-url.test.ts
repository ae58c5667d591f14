import { describe, expect, it } from 'vitest';
import { ChatError } from '../../../src/provider/errors';
import { normalizeSite, sameSite, siteName } from '../../../src/shared/site-url';

// The rules that were three or four copies before one home; the copies disagreed at the edges.
describe('site addresses', () => {
  it('counts a trailing slash, host case and the default port as the same site', () => {
    expect(sameSite('https://example.com/chat/', 'https://example.com/chat')).toBe(true);
    expect(sameSite('https://Example.COM/', 'https://example.com')).toBe(true);
    expect(sameSite('https://example.com:443/', 'https://example.com/')).toBe(true);
    expect(sameSite('https://example.com/a', 'https://example.com/b')).toBe(false);
    expect(sameSite('http://example.com/', 'https://example.com/')).toBe(false);
  });

  it('refuses every address that is no web page with a not-a-chat-site error', () => {
    expect(normalizeSite(' example.org/chat#x ')).toBe('https://example.org/chat');
    for (const bad of ['', 'ftp://example.org/', 'javascript:alert(1)', 'mailto:a@example.org']) {
      let caught: unknown;
      try {
        normalizeSite(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(ChatError);
      expect((caught as ChatError).kind, bad).toBe('not-a-chat-site');
    }
  });
});

describe('a site’s shown name', () => {
  it('is the host, and the whole URL where there is no host (a local file)', () => {
    expect(siteName('https://chatgptt.me/chat/')).toBe('chatgptt.me');
    expect(siteName('http://127.0.0.1:8080/')).toBe('127.0.0.1:8080');
    expect(siteName('file:///home/me/a.pdf')).toBe('file:///home/me/a.pdf');
    expect(siteName('not a url')).toBe('not a url');
    expect(siteName(undefined)).toBe('');
  });
});

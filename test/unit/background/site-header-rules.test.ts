import { describe, expect, it } from 'vitest';
import { siteHeaderRules, sitePages } from '../../../src/background/site-header-rules';

describe('the chat sites’ header rules', () => {
  it('one origin per site, its first page as Referer; malformed and non-web URLs skipped', () => {
    expect(
      sitePages([
        'https://chatgptt.me',
        'https://chatgptt.me/other/',
        'http://127.0.0.1:8080/chat/#top',
        'not a url',
        'ftp://example.org/',
      ]),
    ).toEqual([
      { origin: 'https://chatgptt.me', host: 'chatgptt.me', page: 'https://chatgptt.me/' },
      { origin: 'http://127.0.0.1:8080', host: '127.0.0.1', page: 'http://127.0.0.1:8080/chat/' },
    ]);
  });

  it('POSTs carry the site’s Origin, GETs none; both the page as Referer; only our worker’s requests', () => {
    const rules = siteHeaderRules(['http://127.0.0.1:8080/chat/'], 'abcdefgh');
    expect(rules).toEqual([
      {
        id: 1,
        condition: {
          urlFilter: '|http://127.0.0.1:8080/',
          requestDomains: ['127.0.0.1'],
          initiatorDomains: ['abcdefgh'],
          tabIds: [-1],
          resourceTypes: ['xmlhttprequest'],
          excludedRequestMethods: ['get', 'head'],
        },
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            { header: 'origin', operation: 'set', value: 'http://127.0.0.1:8080' },
            { header: 'referer', operation: 'set', value: 'http://127.0.0.1:8080/chat/' },
          ],
        },
      },
      {
        id: 2,
        condition: {
          urlFilter: '|http://127.0.0.1:8080/',
          requestDomains: ['127.0.0.1'],
          initiatorDomains: ['abcdefgh'],
          tabIds: [-1],
          resourceTypes: ['xmlhttprequest'],
          requestMethods: ['get', 'head'],
        },
        action: {
          type: 'modifyHeaders',
          requestHeaders: [
            { header: 'origin', operation: 'remove' },
            { header: 'referer', operation: 'set', value: 'http://127.0.0.1:8080/chat/' },
          ],
        },
      },
    ]);
  });

  it('ids are unique across sites; an IPv6 site is pinned by its urlFilter alone', () => {
    const rules = siteHeaderRules(
      ['https://a.example/', 'http://[::1]:9000/', 'https://b.example'],
      'x',
    );
    expect(rules.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rules[2]?.condition).not.toHaveProperty('requestDomains');
    expect(rules[2]?.condition.urlFilter).toBe('|http://[::1]:9000/');
  });

  it('no sites, no rules', () => {
    expect(siteHeaderRules([], 'x')).toEqual([]);
  });
});

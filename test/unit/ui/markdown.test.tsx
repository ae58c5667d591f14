// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';
import { safeHref } from '../../../src/ui/markdown/safe-url';
import { decodeEntities } from '../../../src/provider/entities';
import { XSS_VECTORS } from '../../hostile/xss-vectors';

afterEach(cleanup);

function md(text: string, streaming = false): Element {
  return render(<Markdown text={text} streaming={streaming} />).container;
}

describe('Markdown rendering', () => {
  it('renders CommonMark and GFM: headings, emphasis, lists, tables, task lists, strikethrough', () => {
    const el = md(
      [
        '# Title',
        'Some **bold**, *em*, `code` and ~~gone~~ text.',
        '',
        '1. one',
        '2. two',
        '',
        '- [ ] todo',
        '- [x] done',
        '',
        '| a | b |',
        '|:--|--:|',
        '| 1 | 2 |',
        '',
        '> quoted',
        '',
        '---',
      ].join('\n'),
    );
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('em');
    expect(el.querySelector('p code')?.textContent).toBe('code');
    expect(el.querySelector('del')?.textContent).toBe('gone');
    expect(el.querySelectorAll('ol li')).toHaveLength(2);
    const boxes = el.querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    expect([...boxes].map((b) => b.checked)).toEqual([false, true]);
    expect([...boxes].every((b) => b.disabled)).toBe(true);
    expect(el.querySelectorAll('table th')).toHaveLength(2);
    expect(el.querySelector('td:last-child')?.getAttribute('style')).toContain('right');
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(el.querySelector('hr')).not.toBeNull();
  });

  it('decodes character references as text', () => {
    expect(md('Tom &amp; Jerry &lt;3 &#128512;').textContent).toContain('Tom & Jerry <3 😀');
    expect(decodeEntities('&bogus; &#x41;')).toBe('&bogus; A');
  });

  it('renders a fenced code block with its language and a Copy code button', () => {
    const el = md('```python\nprint("hi")\n```');
    expect(el.querySelector('pre code')?.textContent).toBe('print("hi")');
    expect(el.querySelector('.md-code-lang')?.textContent).toBe('python');
    expect(el.querySelector('button')?.getAttribute('aria-label')).toBe('Copy code');
  });

  it('makes only http(s) and mailto links clickable, in a new tab without opener', () => {
    const el = md(
      '[web](https://example.com/a) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [rel](/x)',
    );
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'mailto:a@b.c',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(el.textContent).toContain('bad');
  });

  it('never loads images: an image becomes a link to it', () => {
    const el = md('![a cat](https://example.com/cat.png)');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('a')?.getAttribute('href')).toBe('https://example.com/cat.png');
    expect(el.textContent).toContain('a cat');
  });

  it('shows raw HTML as text', () => {
    const el = md('<b onclick="x()">hi</b>\n\n<div>block</div>');
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('.md div')).toBeNull();
    expect(el.textContent).toContain('<b onclick="x()">');
  });
});

describe('safeHref', () => {
  it.each([
    ['https://a.b/c', true],
    ['http://a.b', true],
    ['mailto:x@y.z', true],
    ['javascript:alert(1)', false],
    [' JaVaScRiPt:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['data:text/html,<script>', false],
    ['vbscript:x', false],
    ['/relative', false],
    ['//evil.com', false],
  ])('%s → %s', (href, ok) => {
    expect(safeHref(href) !== null).toBe(ok);
  });
});

describe('XSS vectors render inert', () => {
  const DANGEROUS =
    'script, iframe, object, embed, img, svg, math, style, link, meta, form, base, video, audio, source, input:not([type=checkbox])';
  it.each(XSS_VECTORS.map((v) => [v.id, v.category, v.markdown] as const))(
    'vector %i (%s)',
    (_id, _category, markdown) => {
      const el = md(markdown);
      expect(el.querySelectorAll(DANGEROUS)).toHaveLength(0);
      for (const node of el.querySelectorAll('*')) {
        for (const attr of node.getAttributeNames()) {
          expect(attr.startsWith('on'), `${node.tagName} has ${attr}`).toBe(false);
        }
        expect([
          'A',
          'SPAN',
          'P',
          'DIV',
          'CODE',
          'PRE',
          'STRONG',
          'EM',
          'DEL',
          'BR',
          'UL',
          'OL',
          'LI',
          'TABLE',
          'THEAD',
          'TBODY',
          'TR',
          'TH',
          'TD',
          'BLOCKQUOTE',
          'HR',
          'H1',
          'H2',
          'H3',
          'H4',
          'H5',
          'H6',
          'BUTTON',
          'INPUT',
        ]).toContain(node.tagName);
      }
      for (const a of el.querySelectorAll('a')) {
        expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
      }
    },
  );
});

// @vitest-environment happy-dom
/**
 * Every example of the CommonMark spec (the commonmark-spec package, 0.31.2) and a set of GFM
 * extension examples written for this test (tables, task lists, strikethrough, autolinks, the
 * disallowed raw HTML, footnotes, alerts; after the sections of the GFM spec) render under the
 * DOM audit of the fuzz: nothing outside the allow-list, no handler, no foreign link, no throw.
 * This checks safety, not HTML equality: answers are rendered our way (images as links, raw
 * HTML as text).
 */
import { cleanup, render } from '@testing-library/preact';
import { tests as commonmark } from 'commonmark-spec';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';
import { violations } from './dom-audit';

afterEach(cleanup);

const GFM: Array<{ section: string; markdown: string }> = [
  { section: 'Tables', markdown: '| foo | bar |\n| --- | --- |\n| baz | bim |\n' },
  { section: 'Tables', markdown: '| abc | defghi |\n:-: | -----------:\nbar | baz\n' },
  { section: 'Tables', markdown: '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n' },
  { section: 'Tables', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n' },
  { section: 'Tables', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n' },
  { section: 'Tables', markdown: '| abc | def |\n| --- |\n| bar |\n' },
  { section: 'Tables', markdown: '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n' },
  { section: 'Tables', markdown: '| abc | def |\n| --- | --- |\n' },
  { section: 'Task lists', markdown: '- [ ] foo\n- [x] bar\n' },
  { section: 'Task lists', markdown: '- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n' },
  { section: 'Strikethrough', markdown: '~~Hi~~ Hello, ~there~ world!\n' },
  { section: 'Strikethrough', markdown: 'This ~~has a\n\nnew paragraph~~.\n' },
  { section: 'Strikethrough', markdown: 'This will ~~~not~~~ strike.\n' },
  { section: 'Autolinks', markdown: 'www.commonmark.org\n' },
  { section: 'Autolinks', markdown: 'Visit www.commonmark.org/help for more information.\n' },
  {
    section: 'Autolinks',
    markdown: 'Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n',
  },
  { section: 'Autolinks', markdown: 'www.google.com/search?q=(business))+ok\n' },
  {
    section: 'Autolinks',
    markdown:
      'www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n',
  },
  { section: 'Autolinks', markdown: 'www.commonmark.org/he<lp\n' },
  {
    section: 'Autolinks',
    markdown:
      'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n',
  },
  {
    section: 'Autolinks',
    markdown: "foo@bar.baz\n\nhello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n",
  },
  {
    section: 'Autolinks',
    markdown:
      'mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz/txt@bin.com\n',
  },
  { section: 'Autolinks', markdown: 'javascript:alert(1) www.example.com/javascript:alert(1)\n' },
  {
    section: 'Disallowed raw HTML',
    markdown:
      '<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n',
  },
  {
    section: 'Disallowed raw HTML',
    markdown:
      '<textarea>x</textarea> <iframe src=x></iframe> <noembed> <noframes> <script> <plaintext>\n',
  },
  {
    section: 'Footnotes',
    markdown:
      'Here is a simple footnote[^1]. With some more[^longnote].\n\n[^1]: My reference.\n[^longnote]: Here is one with multiple paragraphs and code.\n\n    Indent paragraphs to include them in the footnote.\n',
  },
  {
    section: 'Footnotes',
    markdown: 'A[^"><img src=x onerror=alert(1)>]\n\n[^"><img src=x onerror=alert(1)>]: x\n',
  },
  {
    section: 'Alerts',
    markdown:
      '> [!NOTE]\n> Useful information.\n\n> [!TIP]\n> Helpful advice.\n\n> [!IMPORTANT]\n> Key information.\n\n> [!WARNING]\n> Urgent info.\n\n> [!CAUTION]\n> Risks.\n',
  },
];

function audit(markdown: string): void {
  const { container, unmount } = render(<Markdown text={markdown} />);
  const found = violations(container);
  unmount();
  expect(found, markdown.slice(0, 200)).toEqual([]);
}

describe('spec examples under the DOM audit', () => {
  it(`all ${commonmark.length} CommonMark spec examples`, () => {
    expect(commonmark.length).toBeGreaterThan(600);
    for (const example of commonmark) audit(example.markdown);
  });

  it('the GFM extension examples', () => {
    for (const example of GFM) audit(example.markdown);
  });

  it('the same examples streamed in pieces', () => {
    for (const example of [...commonmark, ...GFM].filter((_, i) => i % 7 === 0)) {
      const { container, rerender, unmount } = render(<Markdown text="" streaming />);
      for (let end = 1; end <= example.markdown.length; end += 9) {
        rerender(<Markdown text={example.markdown.slice(0, end)} streaming />);
        expect(violations(container), example.markdown.slice(0, 200)).toEqual([]);
      }
      unmount();
    }
  });
});

// @vitest-environment happy-dom
/**
 * The page text "Summarize this page" sends, on article pages written for these tests (news,
 * docs, a blog, a wiki page with tables: none copied from a real site) and on pages that are
 * not articles (search results, an app), where Readability finds no article of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReadable } from '../../../src/content/readable/extract';
import { toMarkdown } from '../../../src/content/readable/markdown';

function page(name: string): { title: string; text: string } {
  const html = readFileSync(
    join(import.meta.dirname, '../../fixtures/pages', `${name}.html`),
    'utf8',
  );
  return extractReadable(new DOMParser().parseFromString(html, 'text/html'));
}

function md(html: string): string {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return toMarkdown(doc.body);
}

describe('light Markdown of an article', () => {
  it('keeps headings apart from the paragraphs that follow them (no "OriginsThe history")', () => {
    expect(md('<h2>Section 1: Origins</h2><p>The history…</p>')).toBe(
      '## Section 1: Origins\n\nThe history…',
    );
  });

  it('writes lists, nested lists, quotes, code and links as text', () => {
    expect(
      md(
        '<ul><li>one<ul><li>inner</li></ul></li><li>two</li></ul><ol start="3"><li>three</li></ol>' +
          '<blockquote><p>quoted</p><p>on</p></blockquote><p>call <code>f(x)</code> at ' +
          '<a href="https://x.example/">the docs</a></p><pre><code>a\n  b</code></pre>',
      ),
    ).toBe(
      '- one\n  - inner\n- two\n\n3. three\n\n> quoted\n>\n> on\n\ncall `f(x)` at the docs\n\n```\na\n  b\n```',
    );
  });

  it('keeps table rows, with a header line and escaped pipes', () => {
    expect(
      md(
        '<table><tr><th>a</th><th>b</th></tr><tr><td>1|2</td><td><p>x</p><p>y</p></td></tr></table>',
      ),
    ).toBe('| a | b |\n| --- | --- |\n| 1\\|2 | x y |');
  });

  it('drops scripts, pictures, form controls and what the markup hides', () => {
    expect(
      md(
        '<p>seen<script>bad()</script><img alt="pic"><span hidden>no</span>' +
          '<span style="display: none">no</span><span aria-hidden="true">no</span></p><button>Go</button>',
      ),
    ).toBe('seen');
  });

  it('breaks lines at <br> and collapses the rest of the whitespace', () => {
    expect(md('<p>  one \n two<br>three  </p>')).toBe('one two\nthree');
  });
});

describe('the fixtures', () => {
  it('news: headline sections, list and quote; no navigation, ads or footer', () => {
    const { title, text } = page('news');
    expect(title).toBe('Harbour town votes to rebuild its tidal mill');
    expect(text).toContain('\n\n## A wheel that turned with the sea\n\nA tidal mill stores');
    expect(text).toContain(
      '- restore the stone mill pond and its sluice gate;\n- build a new wheel',
    );
    expect(text).toContain('> We are not building a power station.');
    expect(text).toContain('the point: the mill is a monument that works.');
    for (const chrome of ['Subscribe', 'Advertisement', 'Most read', 'Privacy'])
      expect(text).not.toContain(chrome);
  });

  it('docs: code block, inline code, the options table and the numbered steps', () => {
    const { text } = page('docs');
    expect(text).toContain('```\nfrom tidepool import Client, RetryPolicy\n\nclient = Client(');
    expect(text).toContain('Pass a `RetryPolicy` to the client.');
    expect(text).toContain(
      '| Option | Default | Meaning |\n| --- | --- | --- |\n| `attempts` | 3 |',
    );
    expect(text).toContain(
      '| `retry_on` | 502, 503, 504 | Status codes that count as a failure. |',
    );
    expect(text).toContain('1. Set `attempts=1`.\n2. Or pass `retries=None` to the client.');
    expect(text).not.toContain('Quickstart');
  });

  it('blog: the post with its sub-headings, without comments or archives', () => {
    const { text } = page('blog');
    expect(text).toMatch(/^For three years I stood/);
    expect(text).toContain('\n\n### The stool\n\nSo I built a tall stool');
    expect(text).toContain('3. Ignore anyone selling you a single answer – including me.');
    expect(text).not.toContain('Great post');
    expect(text).not.toContain('Archives');
  });

  it('wiki: both tables keep their rows, the prose its sections', () => {
    const { text } = page('wiki');
    expect(text).toContain('| Kingdom | Animalia |');
    expect(text).toContain('| Genus | Vanellus |');
    expect(text).toContain(
      '| Survey | Year | Breeding pairs |\n| --- | --- | --- |\n| First national count | 1987 | 123,000 |',
    );
    expect(text).toContain('| Third national count | 2009 | 41,000 |');
    expect(text).toMatch(/\n## Population\n\nNumbers have fallen/);
    expect(text).not.toContain('Random article');
  });

  it('search results (not an article): every result, title and snippet apart', () => {
    const { text } = page('search');
    for (const result of ['Lapwing nesting habits', 'Protecting ground nests', 'Northern lapwing'])
      expect(text).toContain(result);
    expect(text).toContain('Mark nests before rolling the field…');
    expect(text).not.toMatch(/field…Northern/);
  });

  it('an app (not an article): every card of the dashboard', () => {
    const { text } = page('app');
    for (const card of [
      'Vans on the road',
      '14',
      'Late deliveries',
      'Van 7, Thursday',
      'scanner app',
    ])
      expect(text).toContain(card);
    expect(text).not.toMatch(/road14/);
  });

  it('a page Readability cannot read at all gives its body text', () => {
    const doc = new DOMParser().parseFromString(
      '<title>Tool</title><body><button>Start</button> <span>Ready</span></body>',
      'text/html',
    );
    expect(extractReadable(doc).text).toContain('Ready');
  });
});

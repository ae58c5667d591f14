// @vitest-environment happy-dom
/**
 * Property-based fuzz of the answer renderer (issue 22, item 2): random mixtures of Markdown,
 * HTML, hostile URLs, depth bombs and emphasis bombs never produce an element or attribute
 * outside the allow-list, never an event handler, never a link other than http(s)/mailto, and
 * never throw. The seed is printed by fast-check on failure, so a counterexample replays.
 */
import { cleanup, render } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';
import { typeset } from '../../../src/ui/markdown/math';
import { violations } from './dom-audit';
import { BOMBS, fill } from '../../hostile/markdown-bombs';
import { XSS_VECTORS } from '../../hostile/xss-vectors';

afterEach(cleanup);

const SCHEMES = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  '//evil.example/x',
  'https://ok.example/a?b=c#d',
  'http://xn--bnk-sna.example/',
  'mailto:a@b.example',
  'blob:https://x/y',
  'chrome-extension://abc/page.html',
];

const HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>*{display:none}</style>',
  '<div onclick="alert(1)">',
  '</p><form action=x><input name=a>',
  '<details open ontoggle=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<!-- comment -->',
  '<base href="https://evil.example/">',
];

const url = fc.constantFrom(...SCHEMES);
const word = fc.stringMatching(/^[a-zA-Zа-яё0-9]{1,8}$/);
const piece: fc.Arbitrary<string> = fc.oneof(
  word,
  fc.constantFrom(' ', '\n', '\n\n', '  \n', '\t'),
  fc.constantFrom('*', '**', '_', '__', '~~', '`', '```', '#', '> ', '- ', '1. ', '|', '---'),
  fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '\\', '&amp;', '&#x3c;', '&lt;'),
  fc.constantFrom(...HTML),
  fc.tuple(word, url).map(([text, href]) => `[${text}](${href})`),
  fc.tuple(url, url).map(([text, href]) => `[${text}](${href} "t")`),
  url.map((href) => `![pic](${href})`),
  url.map((href) => `<${href}>`),
  fc.tuple(word, url).map(([text, href]) => `[${text}]: ${href}\n\n[${text}]`),
  fc.constantFrom('| a | b |\n|---|:-:|\n| 1 | 2 |\n', '- [ ] task\n- [x] done\n'),
  fc.constantFrom('```js\nalert(1)\n```\n', '    indented code\n'),
  // GFM extras and scripts the renderer treats specially (footnotes, alerts, right-to-left).
  fc.constantFrom('[^1]', '[^a"b]', '[^<x>]', '\n\n[^1]: note ', '\n\n[^x onclick=1]: n', '[^'),
  fc.constantFrom('> [!NOTE]\n> ', '> [!WARNING] ', '> [!x]\n', 'שלום ', 'مرحبا ', '\u202e'),
  fc.constantFrom('$x$', '$$\n\\frac{a}{b}\n$$', '\\(a\\)', '\\[b\\]', '$5 and $10'),
  // Bombs: depth and emphasis, small enough to keep a run of the property quick.
  fc.integer({ min: 20, max: 400 }).map((n) => fill('>', n)),
  fc.integer({ min: 20, max: 400 }).map((n) => fill('> - 1. ', n)),
  fc.integer({ min: 20, max: 400 }).map((n) => fill('*_', n) + 'x' + fill('_*', n)),
  fc.integer({ min: 50, max: 1500 }).map((n) => fill('*a_', n)),
  fc.integer({ min: 50, max: 1500 }).map((n) => fill('_*a **b *c ', n)),
  fc.integer({ min: 20, max: 400 }).map((n) => fill('[', n) + 'a' + fill(']', n)),
);
const answer = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

function check(text: string, streaming: boolean): void {
  const { container, unmount } = render(<Markdown text={text} streaming={streaming} />);
  const found = violations(container);
  unmount();
  expect(found, text.slice(0, 300)).toEqual([]);
}

describe('Renderer fuzz', () => {
  it('random Markdown/HTML mixtures with bombs stay inside the allow-list', () => {
    fc.assert(
      fc.property(answer, fc.boolean(), (text, streaming) => check(text, streaming)),
      { numRuns: 300 },
    );
  });

  it('every known XSS vector, wrapped in random Markdown, stays inside the allow-list', () => {
    const vector = fc.constantFrom(...XSS_VECTORS.map((v) => v.markdown));
    fc.assert(
      fc.property(answer, vector, answer, (before, hostile, after) =>
        check(`${before}\n${hostile}\n${after}`, false),
      ),
      { numRuns: 200 },
    );
  });

  it('the full-size bombs stay inside the allow-list', () => {
    for (const make of Object.values(BOMBS)) check(make(), false);
  });

  it('random TeX, hostile commands included, typesets inside the allow-list or fails cleanly', async () => {
    const tex = fc
      .array(
        fc.constantFrom(
          'x',
          '^2',
          '_{i}',
          '\\frac{a}{b}',
          '\\sqrt[3]{x}',
          '{',
          '}',
          '\\',
          '&',
          '\\left(',
          '\\right)',
          '\\begin{pmatrix}',
          '\\end{pmatrix}',
          '\\href{javascript:alert(1)}{x}',
          '\\url{javascript:alert(1)}',
          '\\includegraphics{https://evil.example/a.png}',
          '\\htmlClass{x}{y}',
          '\\htmlStyle{color:red}{y}',
          '\\htmlId{x}{y}',
          '\\htmlData{onclick=alert(1)}{y}',
          '\\color{red}',
          '\\style{x}',
          '\\def\\a{\\a\\a}\\a',
          '\\operatorname{f}',
          '\\mathbb{R}',
          '\\text{<script>}',
          '\\verb|x|',
          '\\rule{9em}{9em}',
          '\\tag{1}',
          '\\label{a}',
          '\\ref{a}',
          '\\cancel{x}',
          '\\overset{a}{b}',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(' '));
    await fc.assert(
      fc.asyncProperty(tex, fc.boolean(), async (source, display) => {
        let vnode;
        try {
          vnode = await typeset(source, display);
        } catch {
          return; // bad TeX: the source is shown as text (markdown-math.test.tsx)
        }
        const { container, unmount } = render(<div class="md">{vnode}</div>);
        const found = violations(container);
        unmount();
        expect(found, source).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the audit itself catches what it must (it is not vacuous)', () => {
    const probe = document.createElement('div');
    probe.innerHTML =
      '<p onclick="x">a</p><img src="x"><a href="javascript:alert(1)">b</a><td style="color:red"></td>';
    expect(violations(probe)).toEqual(
      expect.arrayContaining(['handler p[onclick]', 'element <img>', 'href javascript:alert(1)']),
    );
  });
});

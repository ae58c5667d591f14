// @vitest-environment happy-dom
/** TeX in answers (issue 13): four delimiters, lazy typesetting, source on error, dollars in prose. */
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';

afterEach(cleanup);

function md(text: string, streaming = false): HTMLElement {
  const { container } = render(<Markdown text={text} streaming={streaming} />);
  return container.querySelector('.md') as HTMLElement;
}

describe('math', () => {
  it('typesets $…$ and \\(…\\) inline, $$…$$ and \\[…\\] as display MathML', async () => {
    const root = md(
      'Energy $E = mc^2$ and \\(a_1 + b_2\\) here.\n\n$$\n\\frac{-b \\pm \\sqrt{b^2-4ac}}{2a}\n$$\n\n\\[\\sum_{n=1}^{\\infty} \\frac{1}{n^2}\\]\n',
    );
    await waitFor(() => expect(root.querySelectorAll('math')).toHaveLength(4));
    const [inline1, inline2, display1, display2] = Array.from(root.querySelectorAll('math'));
    expect(inline1?.getAttribute('display')).toBe('inline');
    expect(inline2?.getAttribute('display')).toBe('inline');
    expect(display1?.getAttribute('display')).toBe('block');
    expect(display2?.getAttribute('display')).toBe('block');
    expect(inline1?.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
    expect(display1?.querySelector('mfrac')).not.toBeNull();
    expect(display1?.querySelector('msqrt')).not.toBeNull();
    // The emphasis marked would see in "a_1 + b_2" is not there: the TeX was taken whole.
    expect(root.querySelector('em')).toBeNull();
    expect(root.querySelector('p')?.textContent).toContain('Energy');
  });

  it('a formula of several parts keeps all of them (Temml gives them as a fragment)', async () => {
    const root = md('$E = mc^2$ and $$x = \\frac{-b}{2a}$$\n');
    await waitFor(() => expect(root.querySelectorAll('math')).toHaveLength(2));
    const [inline, display] = Array.from(root.querySelectorAll('math'));
    expect(inline?.textContent?.replace(/\s/g, '')).toBe('E=mc2');
    expect(display?.querySelector('mfrac')).not.toBeNull();
    expect(display?.textContent).toContain('x');
  });

  it('a dollar sign in prose stays text', async () => {
    const root = md('It costs $5 and $10, or US$ 20.\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(root.querySelector('math, .md-math-source')).toBeNull();
    expect(root.textContent).toBe('It costs $5 and $10, or US$ 20.');
  });

  it('a half-typed $$ block is text until it is closed', async () => {
    const { container, rerender } = render(
      <Markdown text={'Here:\n\n$$\n\\frac{a}{b'} streaming />,
    );
    expect(container.querySelector('.md-math, .md-math-source')).toBeNull();
    expect(container.textContent).toContain('$$');
    rerender(<Markdown text={'Here:\n\n$$\n\\frac{a}{b}\n$$\n'} streaming />);
    await waitFor(() => expect(container.querySelector('math mfrac')).not.toBeNull());
  });

  it('bad TeX shows its source with the reason', async () => {
    const root = md('Broken: $\\frac{a$ ok.\n');
    await waitFor(() =>
      expect(root.querySelector('.md-math-source')?.getAttribute('data-error')).toBe('true'),
    );
    const source = root.querySelector('.md-math-source') as HTMLElement;
    expect(source.textContent).toBe('$\\frac{a$');
    expect(source.getAttribute('title')).toMatch(/could not be typeset/);
    expect(root.querySelector('math')).toBeNull();
  });

  it('\\href and friends never become links, styles or HTML', async () => {
    const root = md(
      '$\\href{javascript:alert(1)}{x}$ $\\color{red}{y}$ $\\htmlStyle{color:red}{z}$ $\\includegraphics{https://e.x/a.png}$\n',
    );
    await waitFor(() =>
      expect(root.querySelectorAll('math, .md-math-source[data-error]').length).toBe(4),
    );
    expect(root.querySelector('a, img, [href], [style], [src]')).toBeNull();
  });
});

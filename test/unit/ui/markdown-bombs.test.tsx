// @vitest-environment happy-dom
/**
 * Issue 22, item 2: hostile answers must not crash or freeze the renderer. Nesting is bounded
 * (deeper structure shows as text), inline work is done in bounded segments, long answers are
 * rendered a slice at a time, and a message that still fails shows as text. No timing here:
 * the cost per KB is measured by the bench (bench/sections/markdown.ts).
 */
import { cleanup, render } from '@testing-library/preact';
import { Lexer } from 'marked';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from '../../../src/ui/markdown/Markdown';
import { MAX_RUNS_PER_SEGMENT, MAX_SEGMENT_CHARS } from '../../../src/ui/markdown/bounds';
import { BOMBS, type BombName, fill } from '../../hostile/markdown-bombs';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function depthOf(element: Element): number {
  let deepest = 0;
  for (const child of Array.from(element.children)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** The letters of a text (list numbers become markers, not text), in order: what must survive rendering whatever the structure. */
const words = (text: string): string => text.replace(/[^\p{L}]+/gu, '');

describe('Markdown bombs', () => {
  for (const name of Object.keys(BOMBS) as BombName[]) {
    it(`${name}: renders without throwing, nesting bounded, every letter kept`, () => {
      const text = BOMBS[name]();
      let container: Element | undefined;
      expect(() => {
        container = render(<Markdown text={text} />).container;
      }).not.toThrow();
      const el = container as Element;
      expect(depthOf(el)).toBeLessThanOrEqual(80);
      expect(words(el.textContent ?? '')).toBe(words(text));
    });
  }

  it('a 2 KB nested quote keeps a dozen levels as quotes, the rest as text', () => {
    const el = render(<Markdown text={BOMBS.quotes()} />).container;
    const quotes = el.querySelectorAll('blockquote').length;
    expect(quotes).toBeGreaterThanOrEqual(10);
    expect(quotes).toBeLessThanOrEqual(24);
    expect(el.textContent).toContain('>>>>');
  });

  it('ordinary nesting is untouched', () => {
    const el = render(<Markdown text={'> a\n>> b\n>>> c\n\n- x\n  - y\n    - z'} />).container;
    expect(el.querySelectorAll('blockquote')).toHaveLength(3);
    expect(el.querySelectorAll('ul')).toHaveLength(3);
    expect(el.textContent).not.toContain('\\');
  });

  it('an emphasis bomb is lexed in bounded segments, never as one 10 KB inline pass', () => {
    const calls: string[] = [];
    const original = Lexer.prototype.inlineTokens;
    vi.spyOn(Lexer.prototype, 'inlineTokens').mockImplementation(function (
      this: Lexer,
      src: string,
      tokens?: Parameters<typeof original>[1],
    ) {
      calls.push(src);
      return original.call(this, src, tokens);
    });
    render(<Markdown text={BOMBS.emphasis()} />);
    expect(calls.length).toBeGreaterThan(1);
    for (const src of calls) {
      expect(src.length).toBeLessThanOrEqual(MAX_SEGMENT_CHARS);
      expect(src.match(/[*_~]+/g)?.length ?? 0).toBeLessThanOrEqual(MAX_RUNS_PER_SEGMENT + 1);
    }
  });

  it('a paragraph with ordinary emphasis is one segment and fully formatted', () => {
    const el = render(<Markdown text={'Some **bold**, *em* and ~~gone~~ words.'} />).container;
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('em');
    expect(el.querySelector('del')?.textContent).toBe('gone');
  });

  it('a long stored answer is rendered a slice at a time, then completely', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Each block "costs" 5 ms: a 12 ms slice holds three of them.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 2.5));
    // 60 blocks of 1 KB: past the 16 KB a slice always takes.
    const text = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i} ${fill('with *some* text. ', 1000)}`,
    ).join('\n\n');
    const el = render(<Markdown text={text} />).container;
    const first = el.querySelectorAll('p').length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(60);
    expect(el.querySelector('.md')?.getAttribute('aria-busy')).toBe('true');
    await vi.runAllTimersAsync();
    expect(el.querySelectorAll('p')).toHaveLength(60);
    expect(el.querySelector('.md')?.hasAttribute('aria-busy')).toBe(false);
  });

  it('a short answer is rendered at once however slow the clock says it is', () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    expect(render(<Markdown text={text} />).container.querySelectorAll('p')).toHaveLength(30);
  });

  it('a streaming answer shows every block as it arrives (no slicing while it streams)', () => {
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 100));
    const text = fill('Line of text.\n\n', 600);
    const view = render(<Markdown text={text} streaming />);
    expect(view.container.querySelectorAll('p').length).toBe(text.split('\n\n').length - 1);
    view.rerender(<Markdown text={text} />);
    expect(view.container.querySelectorAll('p').length).toBe(text.split('\n\n').length - 1);
  });
});

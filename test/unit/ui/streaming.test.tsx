// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { Lexer, type Token } from 'marked';
import { afterEach, describe, expect, it } from 'vitest';
import { IncrementalBlocks } from '../../../src/ui/markdown/blocks';
import { Markdown, renderStats } from '../../../src/ui/markdown/Markdown';

afterEach(cleanup);

const ANSWER = [
  '# Plan',
  '',
  'First a paragraph with **bold** words.',
  '',
  '- one',
  '- two',
  '',
  '```js',
  'const x = 1;',
  'console.log(x);',
  '```',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  'The end.',
].join('\n');

/** Cuts the answer into chunks of `size` characters, as a stream would deliver it. */
function prefixes(text: string, size: number): string[] {
  const out: string[] = [];
  for (let end = size; end < text.length + size; end += size)
    out.push(text.slice(0, Math.min(end, text.length)));
  return out;
}

describe('IncrementalBlocks', () => {
  it('ends with the same blocks as lexing the whole answer at once', () => {
    const blocks = new IncrementalBlocks();
    let last = blocks.update('');
    for (const prefix of prefixes(ANSWER, 7)) last = blocks.update(prefix);
    const whole = Lexer.lex(ANSWER).filter((t) => t.type !== 'space');
    expect(last.map((b) => b.token.type)).toEqual(whole.map((t) => t.type));
    expect(last.map((b) => b.token.raw.trim())).toEqual(whole.map((t) => t.raw.trim()));
  });

  it('lexes only the open tail: finished blocks are never lexed again', () => {
    const lexed: string[] = [];
    const blocks = new IncrementalBlocks((source) => {
      lexed.push(source);
      return Lexer.lex(source);
    });
    for (const prefix of prefixes(ANSWER, 5)) blocks.update(prefix);
    const last = lexed[lexed.length - 1] ?? '';
    // The last lex started at the last block, not at the start of the answer.
    expect(last.startsWith('The end')).toBe(true);
    // Total work stays far below re-lexing every prefix in full.
    const total = lexed.reduce((n, s) => n + s.length, 0);
    const quadratic = prefixes(ANSWER, 5).reduce((n, s) => n + s.length, 0);
    expect(total).toBeLessThan(quadratic / 3);
  });

  it('keeps the token object of a finished block across updates', () => {
    const blocks = new IncrementalBlocks();
    const first = blocks.update('Para one.\n\nPara two');
    const second = blocks.update('Para one.\n\nPara two grows\n\nPara three');
    expect(second[0]?.token).toBe(first[0]?.token);
    expect(second[0]?.open).toBe(false);
    expect(second[second.length - 1]?.open).toBe(true);
  });

  it('keeps a list open while it may continue after a blank line', () => {
    const blocks = new IncrementalBlocks();
    blocks.update('- a\n\n');
    const result = blocks.update('- a\n\n- b');
    expect(result).toHaveLength(1);
    expect((result[0]?.token as Token & { items: unknown[] }).items).toHaveLength(2);
  });

  it('starts over when the text is replaced rather than extended', () => {
    const blocks = new IncrementalBlocks();
    blocks.update('Alpha.\n\nBeta.\n\nGamma');
    const result = blocks.update('Other.\n\nText');
    expect(result.map((b) => b.token.raw.trim())).toEqual(['Other.', 'Text']);
  });
});

describe('Markdown while streaming', () => {
  it('does not render finished blocks again when a chunk arrives', () => {
    const head = 'Para one.\n\nPara two.\n\nPara three.\n\n';
    const view = render(<Markdown text={`${head}Tail`} streaming />);
    const before = [...view.container.querySelectorAll('p')];
    expect(before).toHaveLength(4);
    const observer = new MutationObserver(() => undefined);
    observer.observe(before[0] as Node, { subtree: true, characterData: true, childList: true });
    renderStats.blocks = 0;
    view.rerender(<Markdown text={`${head}Tail grows`} streaming />);
    view.rerender(<Markdown text={`${head}Tail grows more`} streaming />);
    // Only the open last block rendered, once per chunk.
    expect(renderStats.blocks).toBe(2);
    const after = [...view.container.querySelectorAll('p')];
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after[3]?.textContent).toBe('Tail grows more');
    expect(observer.takeRecords()).toHaveLength(0);
  });

  it('renders a code block plain while streaming and highlighted once complete', async () => {
    const code = '```js\nconst x = 1;\n';
    const view = render(<Markdown text={code} streaming />);
    expect(view.container.querySelector('code')?.textContent).toBe('const x = 1;');
    expect(view.container.querySelector('code span')).toBeNull();
    view.rerender(<Markdown text={`${code}\`\`\``} streaming={false} />);
    await expect
      .poll(() => view.container.querySelector('code[data-highlighted]'), { timeout: 15_000 })
      .not.toBeNull();
    expect(view.container.querySelector('code span.hljs-keyword')?.textContent).toBe('const');
    expect(view.container.querySelector('code')?.textContent).toBe('const x = 1;');
  });
});

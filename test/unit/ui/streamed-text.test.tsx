// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown, renderStats } from '../../../src/ui/markdown/Markdown';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a streaming answer whose renders are slow', () => {
  it('is rendered at most once per twice the render cost, and whole when the stream ends', async () => {
    vi.useFakeTimers();
    // Every clock read is 10 ms later: each render "costs" 10 ms or more (a hostile paragraph).
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    const pieces = Array.from({ length: 200 }, (_, i) => `word${i} `);
    const { container, rerender } = render(<Markdown text={pieces[0] ?? ''} streaming />);
    renderStats.blocks = 0;
    let text = '';
    for (const piece of pieces) {
      text += piece;
      rerender(<Markdown text={text} streaming />);
    }
    // Without the throttle every piece renders the open block again: 200 renders.
    expect(renderStats.blocks).toBeLessThan(20);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(container.textContent).toContain('word199');
    rerender(<Markdown text={`${text}done`} streaming={false} />);
    expect(container.textContent).toContain('word199 done');
  });

  it('a fast one is shown piece by piece, as it arrives', () => {
    const { container, rerender } = render(<Markdown text="Hello" streaming />);
    rerender(<Markdown text="Hello world" streaming />);
    expect(container.textContent).toBe('Hello world');
  });
});

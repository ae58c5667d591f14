// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftInput, DraftTextArea } from '../../../src/options/DraftFields';

afterEach(cleanup);

describe('draft fields (options)', () => {
  it('keep what is typed through a re-render with the same stored value, and save on leaving', () => {
    const commits: string[] = [];
    const field = (stored: string) => (
      <DraftTextArea id="p" value={stored} onCommit={(text) => void commits.push(text)} />
    );
    const { rerender } = render(field('Explain: {{selection}}'));
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Say it like a pirate' } });
    // Another field's save lands: the page re-renders with this field's stored value unchanged.
    rerender(field('Explain: {{selection}}'));
    expect(box.value).toBe('Say it like a pirate');
    fireEvent.change(box);
    expect(commits).toEqual(['Say it like a pirate']);
  });

  it('show a stored value that really changed', () => {
    const field = (stored: string) => <DraftInput value={stored} onCommit={() => undefined} />;
    const { rerender } = render(field('one'));
    const box = screen.getByRole('textbox') as HTMLInputElement;
    fireEvent.input(box, { target: { value: 'typed' } });
    rerender(field('two'));
    expect(box.value).toBe('two');
  });

  it('go back to the stored value when the save refuses the text', () => {
    render(<DraftInput value="Pirate" onCommit={(text) => text.trim() !== ''} />);
    const box = screen.getByRole('textbox') as HTMLInputElement;
    fireEvent.input(box, { target: { value: '   ' } });
    fireEvent.change(box);
    expect(box.value).toBe('Pirate');
  });

  it('leave text that reached the field without an input event alone when another save re-renders', () => {
    // Puppeteer's fill (and Firefox's form restore) set the value directly and type afterwards;
    // a save of another field landing in that gap used to write the old draft (8080) back.
    const commits: string[] = [];
    const field = (stored: string, other: string) => (
      <DraftInput
        type="number"
        value={stored}
        aria-describedby={other}
        onCommit={(text) => void commits.push(text)}
      />
    );
    const { rerender } = render(field('8080', 'a'));
    const box = screen.getByRole('spinbutton') as HTMLInputElement;
    box.value = '';
    rerender(field('8080', 'b'));
    expect(box.value).toBe('');
    fireEvent.input(box, { target: { value: '41234' } });
    rerender(field('8080', 'c'));
    expect(box.value).toBe('41234');
    fireEvent.change(box);
    expect(commits).toEqual(['41234']);
  });
});

/**
 * Text fields that keep what is being typed. The settings fields save when they are left
 * (`change`); until then the typed text lives here. Each save re-renders the page. Without a
 * draft, a controlled field given its stored value again would wipe whatever was typed after
 * leaving the previous field and before that field's save landed: the first words of a prompt
 * typed straight after its name, for example. The stored value replaces the draft only when that
 * value itself changes.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';

interface DraftProps {
  value: string;
  /** Saves the text. Returning false refuses it, and the field shows the stored value again. */
  onCommit(text: string): boolean | void;
  id?: string;
  class?: string;
  style?: string;
  placeholder?: string;
  'aria-describedby'?: string | undefined;
}

interface InputProps extends DraftProps {
  /** The element itself, for a caller that must read the typed text at a click. */
  inputRef?: Ref<HTMLInputElement>;
  type?: 'text' | 'number';
  min?: number;
  max?: number;
  step?: number;
}

interface TextAreaProps extends DraftProps {
  rows?: number;
}

function useDraft(stored: string): [string, (text: string) => void, () => void] {
  const [draft, setDraft] = useState(stored);
  const [seen, setSeen] = useState(stored);
  if (stored !== seen) {
    // Render-time sync, so the new stored value shows in this very render.
    setSeen(stored);
    setDraft(stored);
  }
  return [draft, setDraft, () => setDraft(stored)];
}

export function DraftInput({
  value,
  onCommit,
  type = 'text',
  min,
  max,
  step,
  inputRef,
  ...rest
}: InputProps) {
  const [draft, setDraft, revert] = useDraft(value);
  const handlers = {
    ref: inputRef,
    value: draft,
    onInput: (event: { currentTarget: HTMLInputElement }) => setDraft(event.currentTarget.value),
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      if (onCommit(event.currentTarget.value) === false) revert();
    },
  };
  // Two literal types: Preact's input typings tell the kinds of input apart by `type`.
  return type === 'number' ? (
    <input {...rest} {...handlers} type="number" min={min} max={max} step={step} />
  ) : (
    <input {...rest} {...handlers} type="text" />
  );
}

export function DraftTextArea({ value, onCommit, ...rest }: TextAreaProps) {
  const [draft, setDraft, revert] = useDraft(value);
  return (
    <textarea
      {...rest}
      value={draft}
      onInput={(event) => setDraft(event.currentTarget.value)}
      onChange={(event) => {
        if (onCommit(event.currentTarget.value) === false) revert();
      }}
    />
  );
}

/**
 * Text fields that keep what is being typed. The settings fields save when they are left
 * (`change`); until then the typed text lives in the field itself, and only there. Each save
 * re-renders the page. A controlled field (a `value` prop, even a draft copy of it) is written
 * back on every render whenever the element's text differs from that copy, and the element can
 * hold text the copy never saw: text set without an input event (Firefox's form restore, a
 * fill that clears the field and then types, seen as the proxy port turning back into 8080
 * when the host's save landed in between). So the element is uncontrolled: the stored value is
 * written into it only when that value itself changes, and on a refused save.
 */
import type { Ref } from 'preact';
import { useCallback, useLayoutEffect, useRef } from 'preact/hooks';

interface DraftProps {
  value: string;
  /** Saves the text. Returning false refuses it, and the field shows the stored value again. */
  onCommit(text: string): boolean | void;
  id?: string;
  class?: string;
  style?: string;
  placeholder?: string;
  'aria-describedby'?: string | undefined;
  'aria-invalid'?: boolean | undefined;
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

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Writes `stored` into the element on mount and whenever it changes; nothing else touches it. */
function useStoredText<T extends Field>(
  stored: string,
  outer?: Ref<T>,
): { ref: (element: T | null) => void; revert(): void } {
  const element = useRef<T | null>(null);
  const storedNow = useRef(stored);
  storedNow.current = stored;
  useLayoutEffect(() => {
    if (element.current && element.current.value !== stored) element.current.value = stored;
  }, [stored]);
  const ref = useCallback(
    (node: T | null) => {
      element.current = node;
      if (typeof outer === 'function') outer(node);
      else if (outer) outer.current = node;
    },
    [outer],
  );
  return {
    ref,
    revert: () => {
      if (element.current) element.current.value = storedNow.current;
    },
  };
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
  const { ref, revert } = useStoredText<HTMLInputElement>(value, inputRef);
  const handlers = {
    ref,
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
  const { ref, revert } = useStoredText<HTMLTextAreaElement>(value);
  return (
    <textarea
      {...rest}
      ref={ref}
      onChange={(event) => {
        if (onCommit(event.currentTarget.value) === false) revert();
      }}
    />
  );
}

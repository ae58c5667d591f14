/**
 * A Markdown answer, rendered incrementally while it streams: finished blocks keep their token
 * object, so their memoized component is skipped; only the open last block is lexed and
 * rendered again for each chunk. A long answer is rendered a slice at a time (each slice within
 * a time budget, the next one after the browser had a turn), so opening a stored answer of any
 * size never freezes the view.
 */
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Token } from 'marked';
import { IncrementalBlocks } from './blocks';
import { ensureInline } from './lex';
import { renderTopBlock } from './render';
import { useStreamedText } from './streamed-text';

/** Counts block renders; tests read it to prove finished blocks are not rendered again. */
export const renderStats = { blocks: 0 };

/** Time one slice of a long render may take before the browser gets a turn. */
const SLICE_MS = 12;
/** Source a slice always takes, whatever the clock says: a short answer is never sliced. */
const SLICE_MIN_CHARS = 16_000;

interface BlockProps {
  token: Token;
  open: boolean;
  /** Prefix of this message's footnote ids. */
  scope: string;
}

let nextScope = 0;

/** A block re-renders only when its token object or openness changes. */
class BlockView extends Component<BlockProps> {
  override shouldComponentUpdate(next: BlockProps): boolean {
    return next.token !== this.props.token || next.open !== this.props.open;
  }

  override render() {
    renderStats.blocks += 1;
    return renderTopBlock(this.props.token, this.props.open, this.props.scope);
  }
}

/**
 * How many blocks from the start fit in one slice of work after `from`: their inline lexing
 * (the costly part) is done here, so rendering them afterwards is cheap. At least one.
 */
function sliceEnd(blocks: readonly { token: Token }[], from: number): number {
  const start = performance.now();
  let end = from;
  let chars = 0;
  while (end < blocks.length) {
    const { token } = blocks[end] as { token: Token };
    ensureInline(token);
    end += 1;
    chars += token.raw.length;
    if (chars > SLICE_MIN_CHARS && performance.now() - start > SLICE_MS) break;
  }
  return end;
}

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // One splitter per mounted message: it remembers which blocks are finished.
  const splitter = useMemo(() => new IncrementalBlocks(), []);
  const scope = useMemo(() => `md${(nextScope += 1).toString(36)}`, []);
  const shownText = useStreamedText(text, streaming);
  const blocks = useMemo(
    () => splitter.update(shownText, !streaming),
    [splitter, shownText, streaming],
  );
  // How many blocks are on screen. While streaming, all of them (they arrive a few at a time,
  // each bounded); a long answer shown at once starts with one slice and adds one per turn.
  const shown = useRef(0);
  const [, rerender] = useState(0);
  if (streaming) shown.current = blocks.length;
  else if (shown.current === 0) shown.current = sliceEnd(blocks, 0);
  const visible = Math.min(blocks.length, shown.current);
  useEffect(() => {
    if (visible >= blocks.length) return;
    const timer = setTimeout(() => {
      shown.current = sliceEnd(blocks, visible);
      rerender((n) => n + 1);
    }, 0);
    return () => clearTimeout(timer);
  }, [blocks, visible]);
  return (
    <div class="md" aria-busy={visible < blocks.length ? 'true' : undefined}>
      {blocks.slice(0, visible).map((block) => (
        <BlockView key={block.key} token={block.token} open={block.open} scope={scope} />
      ))}
    </div>
  );
}

/**
 * A Markdown answer, rendered incrementally while it streams: finished blocks keep their token
 * object, so their memoized component is skipped; only the open last block is lexed and
 * rendered again for each chunk.
 */
import { Component } from 'preact';
import { useMemo } from 'preact/hooks';
import type { Token } from 'marked';
import { IncrementalBlocks } from './blocks';
import { renderBlock } from './render';

/** Counts block renders; tests read it to prove finished blocks are not rendered again. */
export const renderStats = { blocks: 0 };

interface BlockProps {
  token: Token;
  open: boolean;
}

/** A block re-renders only when its token object or openness changes. */
class BlockView extends Component<BlockProps> {
  override shouldComponentUpdate(next: BlockProps): boolean {
    return next.token !== this.props.token || next.open !== this.props.open;
  }

  override render() {
    renderStats.blocks += 1;
    return renderBlock(this.props.token, this.props.open);
  }
}

export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  // One splitter per mounted message: it remembers which blocks are finished.
  const splitter = useMemo(() => new IncrementalBlocks(), []);
  const blocks = useMemo(() => splitter.update(text, !streaming), [splitter, text, streaming]);
  return (
    <div class="md">
      {blocks.map((block) => (
        <BlockView key={block.key} token={block.token} open={block.open} />
      ))}
    </div>
  );
}

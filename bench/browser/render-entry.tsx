/**
 * Bench-only browser bundle (built by bench/sections/render.ts, evaluated in the popup page):
 * streams a Markdown answer chunk by chunk into a container with the UI's own renderer
 * (src/ui/markdown/Markdown.tsx), either as the app does (one mounted <Markdown> whose text
 * grows: finished blocks are skipped) or naively (everything rendered from scratch per chunk).
 * One chunk per task, yielded through a MessageChannel (no timer clamping). The naive side can be
 * sampled (rendered after every n-th chunk): rendering all 2,000 from scratch takes minutes.
 */
import { render } from 'preact';
import { Markdown } from '../../src/ui/markdown/Markdown';

export interface RenderRun {
  mode: 'incremental' | 'naive';
  totalMs: number;
  /** Longest single chunk's render time, measured around render(). */
  longestChunkMs: number;
  /** Tasks over 50 ms reported by the longtask observer, and the longest of them. */
  longTasks: number;
  longestTaskMs: number;
  /** For each long task, the chunk being rendered when it started (-1: between chunks). */
  longTaskChunks: number[];
  nodes: number;
  /** Formulas typeset as MathML at the end (the answer has inline and display TeX). */
  mathNodes: number;
  /** Chunks rendered before the time budget ran out (all of them when it did not). */
  chunksDone: number;
  /** Rendered after every `sampleEvery`-th chunk only (the text still grows by every chunk). */
  sampleEvery: number;
  /** Render + layout time of each chunk. */
  chunkMs: number[];
}

const channel = new MessageChannel();
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

async function stream(
  mode: RenderRun['mode'],
  chunks: string[],
  budgetMs: number,
  sampleEvery = 1,
): Promise<RenderRun> {
  const container = document.createElement('div');
  container.className = 'cg-message cg-assistant';
  container.style.cssText = 'width:360px;height:400px;overflow:auto';
  (document.querySelector('main') ?? document.body).append(container);
  let longestTaskMs = 0;
  let longTasks = 0;
  const taskStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks++;
      longestTaskMs = Math.max(longestTaskMs, entry.duration);
      taskStarts.push(entry.startTime);
    }
  });
  const chunkStarts: Array<{ index: number; at: number }> = [];
  observer.observe({ type: 'longtask', buffered: false });
  let text = '';
  let longestChunkMs = 0;
  const started = performance.now();
  let chunksDone = 0;
  const chunkMs: number[] = [];
  for (const [index, chunk] of chunks.entries()) {
    if (performance.now() - started > budgetMs) break;
    text += chunk;
    const last = index === chunks.length - 1;
    // Sampled runs render at evenly spread positions, so they see short and long texts alike.
    if (!last && (index + 1) % sampleEvery !== 0) continue;
    chunksDone++;
    const t = performance.now();
    chunkStarts.push({ index, at: t });
    if (mode === 'naive') {
      render(null, container);
      render(<Markdown text={text} streaming={!last} />, container);
    } else {
      render(<Markdown text={text} streaming={!last} />, container);
    }
    // Layout is part of the cost the user waits for.
    void container.offsetHeight;
    const spent = performance.now() - t;
    chunkMs.push(spent);
    longestChunkMs = Math.max(longestChunkMs, spent);
    await nextTask();
  }
  const totalMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const nodes = container.querySelectorAll('*').length;
  const mathNodes = container.querySelectorAll('math').length;
  const longTaskChunks = taskStarts.map(
    (start) => chunkStarts.filter((chunk) => chunk.at <= start + 1).pop()?.index ?? -1,
  );
  render(null, container);
  container.remove();
  return {
    mode,
    totalMs,
    longestChunkMs,
    longTasks,
    longestTaskMs,
    longTaskChunks,
    nodes,
    mathNodes,
    chunksDone,
    sampleEvery,
    chunkMs,
  };
}

(globalThis as unknown as { __benchRender: typeof stream }).__benchRender = stream;

/**
 * A Chromium trace of one page load, broken down by phase (issue 18: "measure with a trace").
 * Tracing is started on the page's own CDP session before it navigates; the page's renderer
 * main thread is found by its User Timing marks. Time is split two ways:
 * - the trace's own events on that thread (style, layout, paint, GC, script), self time;
 * - the script time by the sampled JavaScript stack (V8's CPU profiler in the trace), each
 *   sample given to the most specific part of our code on its stack (Markdown lexing, Markdown
 *   to vnodes, highlighting, Preact, the messages from the worker). Function names need the
 *   readable build (`scripts/build.ts --readable`); the shipped build is minified.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown>;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'v8.execute',
  'blink.user_timing',
  'toplevel',
  '__metadata',
];

export async function startTrace(cdp: CDPSession): Promise<void> {
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
}

export async function stopTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (data: { value: object[] }) => {
    events.push(...(data.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

/** Event names on the main thread and the phase their self time counts for. */
const PHASE_OF: Record<string, string> = {
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  Commit: 'paint',
  ParseHTML: 'HTML parse',
  MinorGC: 'GC',
  MajorGC: 'GC',
  'V8.GC_SCAVENGER': 'GC',
  'BlinkGC.AtomicPhase': 'GC',
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.evaluateModule': 'script',
  'v8.compile': 'script',
  'v8.compileModule': 'script',
  RunMicrotasks: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.callFunction': 'script',
};

export interface Breakdown {
  /** Phase → ms of main-thread self time between `from` and `to`. */
  phases: Record<string, number>;
  /** Script time by the part of the code on the sampled stack, ms. */
  script: Record<string, number>;
  /** ms from the trace's navigation start to each `cg:` / `bench:` mark. */
  marks: Record<string, number>;
  /** Main-thread busy time in the window, ms (tasks), and the wall time of the window. */
  busy: number;
  wall: number;
  /** Tasks of LONG_TASK_MS or more in the window, each with its script by sampled stack. */
  longTasks: LongTask[];
}

/** A task this long is a long task (the PerformanceObserver's threshold). */
const LONG_TASK_MS = 50;

export interface LongTask {
  /** ms from navigation. */
  at: number;
  ms: number;
  /** Script by the part of the code on the sampled stack, ms. */
  script: Record<string, number>;
  /** Our functions most often on top of the sampled stack (self time), ms, longest first. */
  top: Array<[string, number]>;
}

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}

/** The part of our code a stack belongs to: the deepest frame that names one, Preact last. */
function partOf(stack: CallFrame[]): string {
  let part: string | null = null;
  for (const frame of stack) {
    const f = frame.functionName;
    const url = frame.url ?? '';
    if (f === '(garbage collector)') return 'GC (sampled)';
    if (
      /lowlight|\/assets\/(?:typescript|javascript|bash|python|css|xml)-/.test(url) ||
      f === 'hastToVnodes'
    )
      part = 'code highlighting';
    else if (/^(lexBlocks|ensureInline|runJob|sliceEnd|capNesting|inlineSegments)$/.test(f))
      part = 'Markdown lexing (marked)';
    else if (
      /^render(TopBlock|Block|Blocks|Inline|InlineToken|List|ListItem|Paragraph|Quote|Table)$/.test(
        f,
      )
    )
      part = 'Markdown → vnodes';
    else if (/^(request|onMessage|load|showLoaded|keepStreamedText|set)$/.test(f) && !part)
      part = 'messages from the worker';
  }
  if (part) return part;
  // Preact comes minified into the shared chunk (one- or two-letter names) even in the readable build.
  const preact = (frame: CallFrame) =>
    /jsxRuntime|preact/.test(frame.url ?? '') ||
    (/\/assets\/core-/.test(frame.url ?? '') &&
      /^[A-Za-z_]{1,2}(\$\d+)?$/.test(frame.functionName));
  if (stack.some(preact)) return 'Preact render/commit';
  if (stack.some((frame) => (frame.url ?? '').startsWith('extensions::')))
    return 'extension messaging';
  const leaf = stack[stack.length - 1];
  if (leaf && (leaf.functionName === '(program)' || leaf.functionName === '(idle)')) return 'other';
  return 'other script';
}

/** One sample of the page's main thread: when, how long it stands for, its stack. */
interface Sample {
  ts: number;
  ms: number;
  stack: CallFrame[];
}

/** Our own frame nearest the top of a stack (not Preact, not the browser's). */
function ownTop(stack: CallFrame[]): string {
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i] as CallFrame;
    const url = frame.url ?? '';
    if (!url.startsWith('chrome-extension://') || /preact|jsxRuntime/.test(url)) continue;
    return `${frame.functionName || '(anonymous)'} ${url.replace(/^.*\//, '')}`;
  }
  return stack[stack.length - 1]?.functionName ?? '?';
}

/**
 * The main thread's long tasks between `from` and `to` (mark names; from navigation, to the
 * end of the trace when not given), each split by sampled stack.
 */
export function breakdown(events: TraceEvent[], to: string, from?: string): Breakdown {
  const marks = events.filter(
    (e) => e.cat.includes('blink.user_timing') && /^(cg|bench):/.test(e.name),
  );
  const main = marks[0];
  if (!main) throw new Error('no cg: marks in the trace');
  const { pid, tid } = main;
  const nav = events.find(
    (e) => e.pid === pid && (e.name === 'navigationStart' || e.name === 'markAsMainFrame'),
  );
  const thread = events.filter((e) => e.pid === pid && e.tid === tid);
  const start = from ? marks.find((e) => e.name === from) : undefined;
  if (from && !start) throw new Error(`mark ${from} not in the trace`);
  const navAt = nav?.ts ?? Math.min(...thread.map((e) => e.ts));
  const begin = start?.ts ?? navAt;
  const end = marks.find((e) => e.name === to);
  if (!end) throw new Error(`mark ${to} not in the trace`);
  const until = end.ts;
  const markTimes: Record<string, number> = {};
  for (const m of marks) markTimes[m.name] ??= (m.ts - navAt) / 1000;

  // Self time per phase: complete events nested by time on one thread.
  const complete = thread
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= begin && e.ts < until)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const phases: Record<string, number> = {};
  let busy = 0;
  const tasks: Array<{ ts: number; dur: number }> = [];
  const open: Array<{ end: number; phase: string | null; child: number; dur: number }> = [];
  const close = (upTo: number) => {
    while (open.length && (open[open.length - 1] as { end: number }).end <= upTo) {
      const done = open.pop() as { phase: string | null; child: number; dur: number };
      if (done.phase)
        phases[done.phase] = (phases[done.phase] ?? 0) + (done.dur - done.child) / 1000;
      const parent = open[open.length - 1];
      if (parent && done.phase) parent.child += done.dur;
      else if (parent) parent.child += done.child;
    }
  };
  for (const e of complete) {
    close(e.ts);
    const dur = e.dur ?? 0;
    if (e.name === 'RunTask' && open.length === 0) {
      busy += Math.min(dur, until - e.ts);
      if (dur >= LONG_TASK_MS * 1000) tasks.push({ ts: e.ts, dur });
    }
    open.push({ end: e.ts + dur, phase: PHASE_OF[e.name] ?? null, child: 0, dur });
  }
  close(Number.POSITIVE_INFINITY);

  // Script by sampled stack.
  const nodes = new Map<number, ProfileNode>();
  const sampled: Sample[] = [];
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  // Node ids are per profile: the worker's (same process, another thread) reuse them.
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile?.id) continue;
    const data = (e.args?.['data'] ?? {}) as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
  }
  let ts = Number((profile?.args?.['data'] as { startTime?: number } | undefined)?.startTime ?? 0);
  // Chunks carry time deltas: they must be read in time order.
  const chunks = events
    .filter((e) => e.name === 'ProfileChunk' && e.pid === pid && e.id === profile?.id)
    .sort((a, b) => a.ts - b.ts);
  for (const e of chunks) {
    const data = (e.args?.['data'] ?? {}) as {
      cpuProfile?: { samples?: number[] };
      timeDeltas?: number[];
    };
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const delta = deltas[i] ?? 0;
      ts += delta;
      if (ts < begin || ts >= until) return;
      const stack: CallFrame[] = [];
      for (let n = nodes.get(id); n; n = n.parent === undefined ? undefined : nodes.get(n.parent))
        stack.unshift(n.callFrame);
      sampled.push({ ts, ms: (deltas[i + 1] ?? delta) / 1000, stack });
    });
  }
  const scriptOf = (within: Sample[]) => {
    const script: Record<string, number> = {};
    for (const sample of within) {
      const part = partOf(sample.stack);
      if (part !== 'other') script[part] = (script[part] ?? 0) + sample.ms;
    }
    return script;
  };
  const longTasks = tasks.map(({ ts: at, dur }): LongTask => {
    const within = sampled.filter((x) => x.ts >= at && x.ts < at + dur);
    const top = new Map<string, number>();
    for (const x of within) {
      if (partOf(x.stack) === 'other') continue;
      const name = ownTop(x.stack);
      top.set(name, (top.get(name) ?? 0) + x.ms);
    }
    return {
      at: (at - navAt) / 1000,
      ms: dur / 1000,
      script: scriptOf(within),
      top: [...top].sort((a, b) => b[1] - a[1]).slice(0, 6),
    };
  });
  return {
    phases,
    script: scriptOf(sampled),
    marks: markTimes,
    busy: busy / 1000,
    wall: (until - begin) / 1000,
    longTasks,
  };
}

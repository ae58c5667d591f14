/**
 * Benchmark 8: the answer renderer's lexing against hostile answers (issue 22, item 2). Time per
 * KB of ours (src/ui/markdown/lex.ts: nesting capped, inline text lexed in bounded segments)
 * against marked's unbounded Lexer.lex (what the renderer did before), for plain prose and for
 * each bomb of test/hostile/markdown-bombs.ts, side by side. Lexing is where the cost was (the
 * vnode pass after it is linear in the tokens); measured in Node from memory. These are
 * measurements, not assertions; the one check is that ours never throws and keeps every letter.
 */
import { Lexer, type Token } from 'marked';
import { ensureInline, lexBlocks } from '../../src/ui/markdown/lex';
import { BOMBS, plainText } from '../../test/hostile/markdown-bombs';
import type { Section } from '../lib/report';
import { now, ratio, summarize } from '../lib/stats';

function ours(text: string): Token[] {
  const tokens = lexBlocks(text);
  for (const token of tokens) ensureInline(token);
  return tokens;
}

/** marked as the renderer used it; a stack overflow counts as "crashed", not as a time. */
function original(text: string): boolean {
  try {
    Lexer.lex(text, { gfm: true, breaks: false });
    return true;
  } catch {
    return false;
  }
}

/** Letters in the tokens' leaves: what a reader gets to see. */
function letters(tokens: readonly Token[]): number {
  let count = 0;
  const visit = (token: Token): void => {
    const children = (token as { tokens?: Token[] }).tokens;
    const items = (token as { items?: Token[] }).items;
    if (children?.length) children.forEach(visit);
    else if (items?.length) items.forEach(visit);
    else if (token.type === 'table') count += (token.raw.match(/\p{L}/gu) ?? []).length;
    else
      count += ((('text' in token ? token.text : token.raw) as string).match(/\p{L}/gu) ?? [])
        .length;
  };
  tokens.forEach(visit);
  return count;
}

function time(run: () => unknown, runs: number): number[] {
  run(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = now();
    run();
    out.push(now() - start);
  }
  return out;
}

export async function markdownBombs(options: { runs: number }): Promise<Section> {
  const section: Section = {
    id: 'markdown',
    title: '8. Rendering hostile answers: lexing time per KB',
    method:
      `ours = lexBlocks + ensureInline (src/ui/markdown/lex.ts); original = marked Lexer.lex, unbounded. ` +
      `Inputs from test/hostile/markdown-bombs.ts; ${options.runs} runs each, ms per KB of answer; ` +
      `"×plain" = ms/KB over ours on 10 KB of plain prose.`,
    rows: [],
    checks: [],
  };
  const inputs: Array<[string, string]> = [
    ['plain prose 10 KB', plainText(10_000)],
    ['plain prose 100 KB', plainText(100_000)],
    ...Object.entries(BOMBS).map(([name, make]): [string, string] => [name, make()]),
  ];
  let plainPerKb = Number.NaN;
  for (const [name, text] of inputs) {
    const kb = text.length / 1000;
    const mine = summarize(time(() => ours(text), options.runs).map((ms) => ms / kb));
    if (name === 'plain prose 10 KB') plainPerKb = mine.median;
    const survives = original(text);
    const theirs = survives
      ? summarize(time(() => original(text), Math.min(options.runs, 3)).map((ms) => ms / kb))
      : null;
    section.rows.push({
      metric: `${name} (${kb.toFixed(1)} KB), ours`,
      value: mine,
      unit: 'ms/KB',
      note: `×plain ${ratio(mine.median, plainPerKb)}`,
    });
    section.rows.push({
      metric: `${name}, original`,
      value: theirs ?? 'crashed (stack overflow)',
      unit: 'ms/KB',
      ...(theirs ? { note: `×plain ${ratio(theirs.median, plainPerKb)}` } : {}),
    });
    const expected = (text.match(/\p{L}/gu) ?? []).length;
    let got = -1;
    try {
      got = letters(ours(text));
    } catch {
      got = -1;
    }
    section.checks?.push({
      name: `${name}: ours lexes without throwing and keeps every letter`,
      ok: got === expected,
      detail: `${got} of ${expected} letters`,
    });
    console.log(
      `    ${name}: ours ${mine.median.toFixed(3)} ms/KB, original ${theirs ? theirs.median.toFixed(3) : 'crashed'}`,
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  return section;
}

/**
 * marked's lexer with bounds: the block pass runs on the whole answer (with nesting capped), the
 * inline pass of each top-level block waits until that block is first rendered (so a long answer
 * can be rendered a slice at a time), and each inline text is lexed in bounded segments. A block
 * whose lexing still fails (a stack overflow from structure we did not foresee) keeps its text.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { MAX_INLINE_CHARS, capNesting, inlineSegments, showAsText } from './bounds';
import { MATH_EXTENSIONS } from './math-syntax';

interface InlineJob {
  src: string;
  tokens: Token[];
}

/** Inline work still owed by a top-level block, done by `ensureInline`. */
const pending = new WeakMap<Token, { lexer: Lexer; jobs: InlineJob[] }>();

/** Top-level block tokens of `source`; their inline tokens are filled in by `ensureInline`. */
export function lexBlocks(source: string): Token[] {
  const lexer = new Lexer({ gfm: true, breaks: false, extensions: MATH_EXTENSIONS });
  let tokens: Token[];
  try {
    tokens = lexer.blockTokens(capNesting(source), []);
  } catch {
    return [plainBlock(source)];
  }
  const queue: InlineJob[] = lexer.inlineQueue;
  lexer.inlineQueue = [];
  // Each queued job fills an array inside one top-level token; the jobs come in token order.
  let next = 0;
  for (const token of tokens) {
    const arrays = new Set<Token[]>();
    collectArrays(token, arrays, 0);
    const jobs: InlineJob[] = [];
    while (next < queue.length && arrays.has((queue[next] as InlineJob).tokens)) {
      jobs.push(queue[next] as InlineJob);
      next += 1;
    }
    if (jobs.length) pending.set(token, { lexer, jobs });
  }
  // Jobs we could not place (never expected): do them now rather than lose text.
  for (; next < queue.length; next += 1) runJob(lexer, queue[next] as InlineJob);
  return tokens;
}

/** Does the inline lexing a top-level block still owes (once; later calls are free). */
export function ensureInline(token: Token): void {
  const owed = pending.get(token);
  if (!owed) return;
  pending.delete(token);
  for (const job of owed.jobs) runJob(owed.lexer, job);
}

function runJob(lexer: Lexer, job: InlineJob): void {
  lexer.state.inRawBlock = false;
  if (job.src.length > MAX_INLINE_CHARS) {
    job.tokens.push(textToken(job.src));
    return;
  }
  for (const segment of inlineSegments(job.src)) {
    if (showAsText(segment)) {
      job.tokens.push(textToken(segment));
      continue;
    }
    try {
      const out = lexer.inlineTokens(segment, []);
      job.tokens.push(...out);
    } catch {
      job.tokens.push(textToken(segment));
    }
  }
}

/** Arrays a token's inline jobs may fill: `tokens` of it and of its descendants. */
function collectArrays(token: Token, into: Set<Token[]>, depth: number): void {
  if (depth > 64) return;
  const withTokens = token as { tokens?: Token[]; items?: Token[] };
  if (Array.isArray(withTokens.tokens)) {
    into.add(withTokens.tokens);
    for (const child of withTokens.tokens) collectArrays(child, into, depth + 1);
  }
  if (Array.isArray(withTokens.items))
    for (const item of withTokens.items) collectArrays(item, into, depth + 1);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of table.header) into.add(cell.tokens);
    for (const row of table.rows) for (const cell of row) into.add(cell.tokens);
  }
}

/** Source text shown as it is, unformatted. */
function textToken(text: string): Tokens.Text {
  return { type: 'text', raw: text, text };
}

function plainBlock(source: string): Tokens.Paragraph {
  return { type: 'paragraph', raw: source, text: source, tokens: [textToken(source)] };
}

/**
 * Answers built to exhaust the renderer (issue 22, item 2): deep nesting that overflows the
 * lexer's or the view's stack, and emphasis whose lexing is quadratic. Shared by the unit
 * tests, the fuzz, the bench and the hostile e2e (the test site serves them as answers).
 */

/** Builds `unit` repeated to `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export const BOMBS = {
  /** 2 KB of `>`: 2000 nested blockquotes. Today marked's lexer overflows the stack. */
  quotes: () => fill('>', 2000) + ' deep',
  /** `> > > …`: the same with spaces. */
  spacedQuotes: () => fill('> ', 2000) + 'deep',
  /** `- - - …`: 1000 nested list items on one line. */
  lists: () => fill('- ', 2000) + 'deep',
  /** `1. 1. …` and mixed `> - ` prefixes. */
  mixed: () => fill('> 1. - ', 2100) + 'deep',
  /** `*_*_…x…_*_*`: emphasis nested 2500 deep. */
  nestedEmphasis: () => fill('*_', 5000) + 'x' + fill('_*', 5000),
  /** `[[[…a…]]]`: nested link brackets. */
  brackets: () => fill('[', 5000) + 'a' + fill(']', 5000),
  /** 10 KB of unmatched emphasis: marked's inline pass is quadratic in it (~1 s here). */
  emphasis: () => fill('*a_', 10_000),
  /** The issue's `*a **b *c …` shape, 10 KB. */
  emphasisWords: () => fill('_*a **b *c ', 10_000),
} as const;

export type BombName = keyof typeof BOMBS;

/** Ordinary prose of the same size, for comparison. */
export function plainText(size: number): string {
  return fill('The quick brown fox jumps over the lazy dog. Some **bold** words here.\n\n', size);
}

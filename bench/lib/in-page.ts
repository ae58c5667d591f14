/**
 * Runs a self-contained function of ours in a page by its source text. Function sources from
 * tsx may call esbuild's `__name` helper (keepNames), which the page does not have: a no-op
 * one is defined first.
 */
import type { Page } from 'playwright-core';

export async function runInPage<A, R>(
  page: Page,
  fn: (arg: A) => R | Promise<R>,
  arg: A,
): Promise<Awaited<R>> {
  const source = `(() => { var __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return (await page.evaluate(source)) as Awaited<R>;
}

/** Like runInPage with a function composed in the page: `outer(inner(arg), extra)`. */
export async function runComposed<A, M, E, R>(
  page: Page,
  outer: (value: M, extra: E) => R | Promise<R>,
  inner: (arg: A) => M,
  arg: A,
  extra: E,
): Promise<Awaited<R>> {
  const source = `(async () => { var __name = (f) => f; const inner = (${inner.toString()}); const outer = (${outer.toString()}); return outer(inner(${JSON.stringify(arg)}), ${JSON.stringify(extra)}); })()`;
  return (await page.evaluate(source)) as Awaited<R>;
}

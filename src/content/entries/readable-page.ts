/**
 * Injected on demand for "Summarize this page": leaves an extractor on our isolated world's
 * global, which the worker calls with a second executeScript (a files injection cannot return a
 * value of its own). Readability works on a clone, so the live page is never modified.
 */
import { extractReadable } from '../readable/extract';

(globalThis as { chatgpttExtractReadable?: typeof extractReadable }).chatgpttExtractReadable =
  extractReadable;

/**
 * Injected on demand for "Summarize this page": leaves a reader on our isolated world's global,
 * which the worker calls with a second executeScript (a files injection cannot return a value of
 * its own; the call's promise is awaited by the browser). Readability works on a clone, so the
 * live page is never modified; on a video page the captions are read instead (youtube.ts), in
 * the first of the given languages the video has.
 */
import { readPage } from '../readable/page';

(
  globalThis as { chatgpttExtractReadable?: (languages?: unknown) => ReturnType<typeof readPage> }
).chatgpttExtractReadable = (languages) =>
  readPage(
    Array.isArray(languages)
      ? languages.filter((code): code is string => typeof code === 'string').slice(0, 5)
      : [],
  );

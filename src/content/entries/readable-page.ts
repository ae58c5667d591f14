/**
 * Injected on demand for "Summarize this page": leaves a reader on our isolated world's global,
 * which the worker calls with a second executeScript (a files injection cannot return a value of
 * its own; the call's promise is awaited by the browser). Readability works on a clone, so the
 * live page is never modified; on a video page the captions are read instead (youtube.ts).
 */
import { readPage } from '../readable/page';

(globalThis as { chatgpttExtractReadable?: typeof readPage }).chatgpttExtractReadable = (
  languages,
) => readPage(languages);

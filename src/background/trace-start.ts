/**
 * Imported first by index.ts: marks when the worker's bundle starts evaluating, so the
 * cold-start bench tells the browser's start of the worker from our modules' evaluation.
 */
import { markOnce } from './trace';

markOnce('bundle');

/**
 * The bounds of an import (issue 21, case 5), shared by the options page (which reads the file
 * and sends it in pieces) and the worker (which checks and stages it).
 */

/** The largest file taken: 256 MiB. A bigger one is refused before a byte of it is read. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** The page sends the file in pieces of about this many characters (one message each). */
export const IMPORT_PIECE_CHARS = 1024 * 1024;

/** The deepest nesting a file may have (an export nests 7 levels; the file's object is 1). */
export const MAX_IMPORT_DEPTH = 20;

/** The largest one conversation's JSON may be: the most the worker holds of the file at once. */
export const MAX_CONVERSATION_CHARS = 32 * 1024 * 1024;

/**
 * After an extension reload or update, the old in-page sidebar and its old content script are
 * cut off from the new worker, so the sidebar's usual close (through the worker) cannot work.
 * The old sidebar page then posts this to its parent window; the old content script accepts it
 * only from its own iframe's window (a web page cannot post as that window) and removes the
 * sidebar. It carries nothing else.
 */
export const ORPHAN_CLOSE = 'chatgptt:orphaned-sidebar-close';

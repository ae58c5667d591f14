/**
 * Whether a turn is running, for the few buttons of every message that wait for it (edit,
 * regenerate, continue, retry, switch version). A context, not a message prop: a prop re-rendered
 * all of a 500-message conversation (its Markdown too) when a question was sent and again when
 * its answer ended, a task of 60-130 ms each (bench 8b); a context re-renders only those buttons.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const BusyContext = createContext(false);

export function useBusy(): boolean {
  return useContext(BusyContext);
}

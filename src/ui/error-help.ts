/**
 * What each provider error kind means for the user and which actions help. The texts are
 * i18n keys `ui_error_<kind>`; the actions are the buttons the notice offers.
 */
import { CHAT_ERROR_KINDS, type ChatErrorKind } from '../provider/types';
import type { MessageStatus, StoredMessage } from '../shared/model';

// Views import the site's shown name with the error help; it lives with the other URL rules.
export { siteName } from '../shared/site-url';

export type ErrorAction = 'retry' | 'continue' | 'open-site' | 'settings';

const ACTIONS: Record<ChatErrorKind, ErrorAction[]> = {
  network: ['retry'],
  timeout: ['retry'],
  nonce: ['retry'],
  challenge: ['open-site', 'retry'],
  'not-a-chat-site': ['settings'],
  'plugin-missing': ['settings', 'retry'],
  quota: ['retry', 'settings'],
  banned: ['retry'],
  upstream: ['retry'],
  server: ['retry'],
  protocol: ['retry'],
  // The partial answer is kept: continuing it is the likely wish.
  cut: ['continue', 'retry'],
  // The same words get the same refusal, but the site's limits may change (a retry is cheap).
  'invalid-message': ['retry'],
  refused: ['settings', 'retry'],
  permission: ['settings', 'retry'],
  // The way out is in the options' data section: export, then delete old conversations.
  'storage-full': ['settings', 'retry'],
  // Retry is offered again once the browser says it is back online (ErrorNotice listens).
  offline: ['retry'],
  aborted: ['continue', 'retry'],
  // Only a refused send is busy, and its notice has no Retry (the words are back in the box,
  // to send when the other view's answer is done); a stored answer never has this kind.
  busy: ['retry'],
};

/** Every kind, in the provider's order (the record above must name each). */
export const ERROR_KINDS: readonly ChatErrorKind[] = CHAT_ERROR_KINDS;

/** The actions for an answer's failure; an interrupted answer can be continued. */
export function errorActions(
  kind: ChatErrorKind | undefined,
  status: MessageStatus,
): ErrorAction[] {
  if (status === 'interrupted') return ['continue', 'retry'];
  return kind ? ACTIONS[kind] : ['retry'];
}

/** The parts of an answer that matter for which actions it offers. */
type AnswerState = Pick<StoredMessage, 'status' | 'text' | 'error'>;

/** Stopped by the user (with or without text): a quiet mark, no error. */
export function isStopped(answer: AnswerState): boolean {
  return answer.status === 'interrupted' && answer.error?.kind === 'aborted';
}

/**
 * An answer that has text but did not finish: stopped, cut mid-stream, or cut off by a worker
 * restart. Its text stands; it is continued or regenerated, never "retried" as a failure.
 */
export function isPartial(answer: AnswerState): boolean {
  if (answer.text.length === 0) return false;
  return (
    answer.status === 'interrupted' || (answer.status === 'error' && answer.error?.kind === 'cut')
  );
}

export function errorMessageKey(kind: ChatErrorKind | undefined, status: MessageStatus): string {
  if (status === 'interrupted' && kind !== 'aborted') return 'ui_error_interrupted';
  return `ui_error_${(kind ?? 'protocol').replace(/-/g, '_')}`;
}

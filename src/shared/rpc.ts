/** The view side of one-off requests: typed, and errors come back as a thrown RequestError. */
import browser from './browser';
import type { RequestEnvelope, RequestOf, RequestType, Reply, ResponseOf } from './messages';
import type { StoredError } from './model';

export class RequestError extends Error {
  override name = 'RequestError';
  readonly error: StoredError;
  constructor(error: StoredError) {
    super(error.message);
    this.error = error;
  }
}

export async function request<K extends RequestType>(
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const envelope: RequestEnvelope<K> = { type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply)
    throw new RequestError({ kind: 'protocol', message: 'The extension did not answer.' });
  if (!reply.ok) throw new RequestError(reply.error);
  return reply.value;
}

/** Service worker entry: wires listeners only. (Foundation placeholder: answers ping.) */
import browser from '../shared/browser';
import type { Reply, RequestEnvelope, ResponseOf } from '../shared/messages';

const bootId = crypto.randomUUID();

browser.runtime.onMessage.addListener(
  (message: unknown): Promise<Reply<ResponseOf<'ping'>>> | undefined => {
    const envelope = message as RequestEnvelope | undefined;
    if (envelope?.type !== 'ping') return undefined;
    return Promise.resolve({
      ok: true,
      value: { bootId, version: browser.runtime.getManifest().version },
    });
  },
);

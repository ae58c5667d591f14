/**
 * The one runtime.onMessage router: checks the envelope, the sender's tier and the payload's
 * shape, then calls the typed handler. Every answer is a Reply (errors as data); anything
 * refused is logged with who asked.
 */
import type { Reply, RequestOf, RequestType, ResponseOf } from '../../shared/messages';
import type { Language } from '../../shared/i18n';
import { toStoredError } from '../errors';
import { classifySender, mayRequest, type Caller, type SenderInfo } from './trust';
import { REQUEST_VALIDATORS, isRecord, isRequestType } from './validate';

export type Handler<K extends RequestType> = (
  payload: RequestOf<K>,
  caller: Caller,
) => Promise<ResponseOf<K>>;

export type Handlers = { [K in RequestType]: Handler<K> };

export interface RouterOptions {
  handlers: Handlers;
  extensionId: string;
  /** `runtime.getURL('')`. */
  origin: string;
  log?: (message: string, detail?: unknown) => void;
  /** The language of the settings, for a refusal's words (default English). */
  language?: () => Promise<Language>;
}

export type Route = (message: unknown, sender: SenderInfo) => Promise<Reply<unknown>>;

function refuse(message: string): Reply<never> {
  return { ok: false, error: { kind: 'protocol', message } };
}

export function createRouter(options: RouterOptions): Route {
  const { handlers, extensionId, origin, log } = options;
  const language = options.language ?? (() => Promise.resolve<Language>('en'));

  async function dispatch<K extends RequestType>(
    type: K,
    payload: unknown,
    caller: Caller,
  ): Promise<Reply<ResponseOf<K>>> {
    const valid = REQUEST_VALIDATORS[type] as (value: unknown) => value is RequestOf<K>;
    if (!valid(payload)) {
      log?.(`refused ${type}: bad payload`, { tier: caller.tier, payload });
      return refuse(`Malformed "${type}" request.`);
    }
    try {
      const handler = handlers[type] as Handler<K>;
      return { ok: true, value: await handler(payload, caller) };
    } catch (error) {
      const stored = toStoredError(error, await language().catch((): Language => 'en'));
      log?.(`${type} failed`, stored);
      return { ok: false, error: stored };
    }
  }

  return async (message, sender) => {
    const caller = classifySender(sender, extensionId, origin);
    if (!isRecord(message) || !isRequestType(message.type) || !('payload' in message)) {
      log?.('refused a malformed message', { tier: caller.tier, url: sender.url, message });
      return refuse('Malformed request.');
    }
    if (!mayRequest(caller.tier, message.type)) {
      log?.(`refused ${message.type} from a ${caller.tier} sender`, { url: sender.url });
      return refuse(`"${message.type}" is not allowed from here.`);
    }
    return dispatch(message.type, message.payload, caller);
  };
}

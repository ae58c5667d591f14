/**
 * A failed connection in plain words. Node's fetch says only "fetch failed" and keeps the reason
 * in `cause` (a system error code, a TLS code, undici's "bad port"); browsers say "Failed to
 * fetch" or "NetworkError …" and keep nothing. Neither text may reach a user as the message:
 * this names the cause when the chain has one, and otherwise says which site could not be
 * reached.
 */
import { ChatError } from './errors';

interface CauseFacts {
  code?: string;
  message: string;
}

/** Every error in the chain (`cause`, and AggregateError's `errors`), outermost first. */
function causeChain(error: unknown): CauseFacts[] {
  const facts: CauseFacts[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value) || facts.length > 20) return;
    seen.add(value);
    const { code, message, cause, errors } = value as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    facts.push({
      ...(typeof code === 'string' ? { code } : {}),
      message: typeof message === 'string' ? message : '',
    });
    if (Array.isArray(errors)) for (const inner of errors) walk(inner);
    walk(cause);
  };
  walk(error);
  return facts;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
]);

/** The reason for one link of the chain, or undefined when it says nothing we can name. */
function reasonOf({ code, message }: CauseFacts, port: string | undefined): string | undefined {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return 'DNS lookup failed — are you offline, or is the address mistyped?';
    case 'ECONNREFUSED':
      return 'it refused the connection — is the site down, or the port wrong?';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was cut off';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return 'no route to it — are you offline?';
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return 'the secure (TLS) connection failed — is it really an https address?';
    case 'CERT_HAS_EXPIRED':
      return 'its TLS certificate has expired';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'its TLS certificate is self-signed, so it cannot be trusted';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'its TLS certificate is for another name';
    default:
      break;
  }
  if (code !== undefined && TLS_CODES.has(code)) return 'its TLS certificate cannot be trusted';
  if (message === 'bad port')
    return `port ${port ?? '?'} is one the fetch standard blocks, like 25 or 6000 — use another port`;
  const proxy = /^Proxy response \((\d+)\)/.exec(message);
  if (proxy) return `the proxy refused to connect to it (HTTP ${proxy[1]})`;
  return undefined;
}

/** Texts that only say "a fetch failed": never shown as a reason or a detail. */
const EMPTY_TEXTS =
  /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|network error|)$/i;

/**
 * The `network` ChatError for a failed fetch of `url`: "Could not connect to chatgptt.me (DNS
 * lookup failed — are you offline, or is the address mistyped?)". `detail` keeps the
 * low-level texts of the chain (never the bare "fetch failed").
 */
export function networkError(cause: unknown, url?: string): ChatError {
  let host = 'the site';
  let port: string | undefined;
  if (url !== undefined) {
    try {
      const parsed = new URL(url);
      host = parsed.host;
      port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
    } catch {
      // Not a URL: keep "the site".
    }
  }
  const chain = causeChain(cause);
  const reason = chain.map((link) => reasonOf(link, port)).find((text) => text !== undefined);
  const details = [
    ...new Set(chain.map((link) => link.message.trim()).filter((text) => !EMPTY_TEXTS.test(text))),
  ];
  const offline =
    reason === undefined &&
    (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
  const why = reason ?? (offline ? 'this device is offline' : details[0]);
  const message = `Could not connect to ${host}${why === undefined ? '.' : ` (${why}).`}`;
  const detail = details.join(': ');
  return new ChatError('network', message, { cause, ...(detail === '' ? {} : { detail }) });
}

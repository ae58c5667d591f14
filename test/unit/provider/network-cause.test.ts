import { afterEach, describe, expect, it, vi } from 'vitest';
import { networkError } from '../../../src/provider/network-cause';

/** Node's fetch failure: "fetch failed" with the reason in `cause`. */
const nodeFailure = (cause: object): Error => new TypeError('fetch failed', { cause });
const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });

afterEach(() => vi.unstubAllGlobals());

describe('networkError', () => {
  it.each([
    [
      withCode('getaddrinfo ENOTFOUND x.example', 'ENOTFOUND'),
      /DNS lookup failed — are you offline/,
    ],
    [withCode('connect ECONNREFUSED 127.0.0.1:9999', 'ECONNREFUSED'), /refused the connection/],
    [withCode('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'), /timed out/],
    [withCode('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), /self-signed/],
    [withCode('certificate has expired', 'CERT_HAS_EXPIRED'), /certificate has expired/],
    [new Error('bad port'), /port 6000 is one the fetch standard blocks/],
    [new Error('Proxy response (407) !== 200 when HTTP Tunneling'), /proxy refused .*HTTP 407/],
  ])('names the cause: %s', (cause, words) => {
    const error = networkError(nodeFailure(cause), 'http://x.example:6000/chat/');
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/^Could not connect to x\.example:6000 \(/);
    expect(error.message).toMatch(words);
    expect(`${error.message} ${error.detail ?? ''}`).not.toMatch(/fetch failed/);
  });

  it('finds the cause inside an AggregateError (IPv4 and IPv6 both refused)', () => {
    const both = new AggregateError([withCode('connect ECONNREFUSED ::1:80', 'ECONNREFUSED')]);
    expect(networkError(nodeFailure(both), 'http://localhost/').message).toBe(
      'Could not connect to localhost (it refused the connection — is the site down, or the port wrong?).',
    );
  });

  it('a browser\'s bare "Failed to fetch" names the site, and the offline state when known', () => {
    const bare = networkError(new TypeError('Failed to fetch'), 'https://chatgptt.me/');
    expect(bare.message).toBe('Could not connect to chatgptt.me.');
    expect(bare.detail).toBeUndefined();
    vi.stubGlobal('navigator', { onLine: false });
    expect(
      networkError(new TypeError('NetworkError when attempting to fetch resource.')).message,
    ).toBe('Could not connect to the site (this device is offline).');
  });

  it('keeps an unknown low-level text as the reason and the detail', () => {
    const error = networkError(nodeFailure(new Error('something odd')), 'https://a.example/');
    expect(error.message).toBe('Could not connect to a.example (something odd).');
    expect(error.detail).toBe('something odd');
  });
});

/**
 * `bytes` random bytes from the CSPRNG as lowercase hex (2 characters a byte): the one maker of
 * the worker's ids and tokens (job ids, panel hand-over ids, the sidebar's page token).
 */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

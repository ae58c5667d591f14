/** The anonymous client identity the plugin's JS keeps in localStorage (docs/protocol.md#client-id). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 10 characters `[A-Za-z0-9]`, like the plugin's `generateRandomString(10)`, from a CSPRNG. */
export function generateClientId(length = 10): string {
  const out: string[] = [];
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out.push(ALPHABET[byte % 62] ?? 'A');
    }
  }
  return out.join('');
}

export function isClientId(value: string): boolean {
  return /^[A-Za-z0-9]{10}$/.test(value);
}

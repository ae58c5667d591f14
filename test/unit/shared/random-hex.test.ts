import { describe, expect, it } from 'vitest';
import { randomHex } from '../../../src/shared/random-hex';

describe('randomHex', () => {
  it('writes two lowercase hex characters a byte', () => {
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps leading zero nibbles (a byte below 16 is still two characters)', () => {
    // 1 000 bytes: a byte below 0x10 turns up with near certainty; none may shorten the string.
    expect(randomHex(1000)).toHaveLength(2000);
  });

  it('gives a new value each call', () => {
    expect(new Set(Array.from({ length: 50 }, () => randomHex(8))).size).toBe(50);
  });
});

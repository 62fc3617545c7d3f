import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/store/digest';

const MASK = (1n << 64n) - 1n;
const K = 0x9e3779b97f4a7c15n;

/** The same steps as src/store/digest.ts, in BigInt arithmetic, with no WebAssembly. */
function reference(bytes: Uint8Array): string {
  const length = bytes.length;
  const whole = length - (length % 32);
  let h = BigInt(length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < whole; at += 8) {
    const x = (h ^ view.getBigUint64(at, true)) & MASK;
    h = ((((x << 29n) | (x >> 35n)) & MASK) * K) & MASK;
  }
  let x = Number(BigInt.asIntN(32, h ^ (h >> 32n)));
  for (let i = whole; i < length; i++) x = Math.imul(x ^ bytes[i]!, 0x9e3779b1);
  x ^= length;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0).toString(16).padStart(8, '0');
}

const random = (length: number, seed: number): Uint8Array => {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) out[i] = (s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 24;
  return out;
};

describe('digest', () => {
  it('is the hash its comment describes, at every length around a turn and a page', () => {
    for (const length of [0, 1, 7, 8, 31, 32, 33, 63, 64, 65535, 65536, 65537, 65568, 200_003])
      expect(digest(random(length, length))).toBe(reference(random(length, length)));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => digest(bytes) === reference(bytes)));
  });

  it('is eight hex digits, and the same for the same bytes wherever they lie in memory', () => {
    const bytes = random(1000, 7);
    const shifted = new Uint8Array(1003);
    shifted.set(bytes, 3);
    expect(digest(bytes)).toMatch(/^[0-9a-f]{8}$/);
    expect(digest(shifted.subarray(3))).toBe(digest(bytes));
    expect(digest(Buffer.from(bytes))).toBe(digest(bytes));
  });

  it('changes with any changed byte, and with any cut', () => {
    // Over more than one page, so that a change in any page, and in the bytes after the last turn, is seen.
    const bytes = random(70_000, 1);
    const base = digest(bytes);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = bytes.slice();
        changed[at]! ^= flip;
        return digest(changed) !== base;
      }),
    );
    fc.assert(fc.property(fc.nat(bytes.length - 1), (cut) => digest(bytes.subarray(0, cut)) !== base));
  });
});

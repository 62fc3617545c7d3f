import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digest } from '../../src/store/digest';

/** The hash as src/store/digest.ts describes it, written plainly: words through a DataView into four lanes, then the bytes left over. */
function described(bytes: Uint8Array): string {
  const step = (h: number, w: number): number => {
    const x = (h ^ w) >>> 0;
    return Math.imul(((x << 13) | (x >>> 19)) >>> 0, 0x9e3779b1);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  const lanes = [n, n + 1, n + 2, n + 3];
  const words = Math.floor(n / 4);
  for (let i = 0; i < words; i++) lanes[i % 4] = step(lanes[i % 4]!, view.getUint32(4 * i, true));
  let h = step(step(step(lanes[0]!, lanes[1]!), lanes[2]!), lanes[3]!);
  for (let at = 4 * words; at < n; at++) h = step(h, bytes[at]!);
  h ^= n;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}

const random = (length: number, seed: number): Uint8Array => {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) out[i] = (s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 24;
  return out;
};

describe('digest', () => {
  it('is the hash its comment describes, from the interpreter and from WebAssembly, at every length around a word, a turn, the switch of engine and a page', () => {
    for (const length of [0, 1, 3, 4, 5, 31, 32, 33, 4095, 4096, 4097, 65535, 65536, 65537, 65568, 200_003]) {
      const bytes = random(length, length);
      for (const engine of ['auto', 'here', 'there'] as const) expect(digest(bytes, engine), `${length} ${engine}`).toBe(described(bytes));
    }
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        (bytes) => digest(bytes, 'here') === described(bytes) && digest(bytes, 'there') === described(bytes),
      ),
    );
  });

  it('is eight hex digits, and the same for the same bytes wherever they lie in memory', () => {
    const bytes = random(20_000, 7);
    const shifted = new Uint8Array(20_003);
    shifted.set(bytes, 3);
    expect(digest(bytes)).toMatch(/^[0-9a-f]{8}$/);
    expect(digest(shifted.subarray(3))).toBe(digest(bytes));
    expect(digest(Buffer.from(bytes))).toBe(digest(bytes));
  });

  it('changes with any changed byte, and with any cut', () => {
    // Over more than one page, so that a change in any page, and in the bytes after the last turn, is seen.
    for (const length of [1000, 70_001]) {
      const bytes = random(length, 1);
      const base = digest(bytes);
      fc.assert(
        fc.property(fc.nat(length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
          const changed = bytes.slice();
          changed[at]! ^= flip;
          return digest(changed) !== base;
        }),
      );
      fc.assert(fc.property(fc.nat(length - 1), (cut) => digest(bytes.subarray(0, cut)) !== base));
    }
  });
});

import type * as Zlib from 'node:zlib';
import type { Problem } from '../source/problem';

/**
 * What everything read back from the store is checked with before it is used: a CRC-32 of
 * the bytes, which finds damage (a flipped byte, a cut, another file's text), and shape
 * checks, which find what a checksum cannot (a file written by hand, or by another version).
 * Nothing kept is a secret or signed, so a checksum is enough, and it is cheaper to start:
 * node:zlib loads in about 1.7 ms, where node:crypto, for SHA-256, took about 4.5 ms of every
 * warm run that read a snapshot. It is loaded for the first digest, not at start: a run that
 * reads only the bundled data's cache (build output, store.ts) never needs it.
 */
let zlib: typeof Zlib | undefined;
export function digest(bytes: Buffer | string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  zlib ??= require('node:zlib') as typeof Zlib;
  return zlib.crc32(bytes).toString(16).padStart(8, '0');
}

/** Hex digits to tell apart two files or tokens of one process: not a secret, so not node:crypto. */
export function uniqueHex(digits: number): string {
  let out = '';
  while (out.length < digits)
    out += Math.floor(Math.random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, digits);
}

const isPosition = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 1;

function isProblem(v: unknown): v is Problem {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.file === 'string' &&
    isPosition(p.line) &&
    isPosition(p.col) &&
    (p.severity === 'error' || p.severity === 'warning') &&
    typeof p.message === 'string' &&
    (p.hint === undefined || typeof p.hint === 'string')
  );
}

export function isProblemList(v: unknown): v is Problem[] {
  return Array.isArray(v) && v.every(isProblem);
}

/** A list of texts (a stored row, a list of ids). A plain loop: stored rows are checked by the ten thousand. */
export function isStrings(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** A JSON object that is not an array (records, maps of entries). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

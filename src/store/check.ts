import type { Problem } from '../source/problem';

/**
 * Shape checks for what is read back from the store, which find what a digest (digest.ts)
 * cannot: a file written by hand, or by another version.
 */

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

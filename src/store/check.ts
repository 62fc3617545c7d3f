import { hash } from 'node:crypto';
import type { Problem } from '../source/problem';

/**
 * What everything read back from the store is checked with before it is used: a digest of
 * the bytes, which finds damage (a flipped byte, a cut, another file's text), and shape
 * checks, which find what a digest cannot (a file written by hand, or by another version).
 * SHA-256 runs at about 1 GB/s here (native code), so a digest costs less than the JSON parse.
 */
export function digest(bytes: Buffer | string): string {
  return hash('sha256', bytes, 'hex').slice(0, 32);
}

const isPosition = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 1;

export function isProblem(v: unknown): v is Problem {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return typeof p.file === 'string' && isPosition(p.line) && isPosition(p.col) && (p.severity === 'error' || p.severity === 'warning') && typeof p.message === 'string';
}

export function isProblemList(v: unknown): v is Problem[] {
  return Array.isArray(v) && v.every(isProblem);
}

/** A JSON object that is not an array (records, maps of entries). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

import type { Stats } from 'node:fs';

/**
 * A file as it was when something was learned from it: path, size, mtime, ctime and inode.
 * ctime is there for the edit that restores its mtime (`touch -r`, some editors and sync
 * tools): the system sets ctime on every change, and nothing can set it back.
 */
export type Stamp = [path: string, size: number, mtimeMs: number, ctimeMs: number, ino: number];

export function stampOf(path: string, stats: Stats): Stamp {
  return [path, stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
}

export function sameStamp(a: Readonly<Stamp>, b: Readonly<Stamp>): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * How long after a change a file's stamp is not trusted: a second edit within the file
 * system's timestamp resolution can keep the same stamp (git's "racily clean" problem), so
 * what is learned from a file changed this recently is not kept, and the file is simply read
 * again next time. A time in the future (a clock set back) counts as recent.
 */
const RACY_MS = 2000;

export function racy(stamp: Readonly<Stamp>, now: number): boolean {
  return now - Math.max(stamp[2], stamp[3]) < RACY_MS;
}

/** Whether a value read back from a store is a Stamp, and so can be compared. */
export function isStamp(v: unknown): v is Stamp {
  return Array.isArray(v) && v.length === 5 && typeof v[0] === 'string' && v.slice(1).every((n) => typeof n === 'number');
}

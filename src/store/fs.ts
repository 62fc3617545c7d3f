import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fsError } from '../source/files';
import { uniqueHex } from './check';
import { OWN_PID, pidAlive } from './pid';

/**
 * The file-system steps everything memories keeps between runs is built on: folders made one
 * level at a time, reads that open only regular files and never read past a cap, and atomic
 * replacement whose temporary files name their process, so that a later run can tell the
 * leftovers of a killed run from a write in progress.
 */

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * Make `dir` and any missing parents, each 0700 as XDG asks, one level at a time from the
 * nearest folder that exists. Node's recursive mkdir spins for ever under /proc; this stops at
 * the first level that cannot be made, and at a parent that is a file (ENOTDIR).
 */
export function ensureFolder(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); ;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (e) {
      const up = dirname(at);
      if (codeOf(e) !== 'ENOENT' || up === at) throw e;
      missing.push(at);
      at = up;
      continue;
    }
    if (!isDir) throw fsError('ENOTDIR', at);
    break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw e;
    }
  }
}

/** The name of a temporary file beside `path`, carrying our pid so that a later run can clean up after us. */
export function tempName(path: string): string {
  return `${path}.tmp-${OWN_PID}-${uniqueHex(8)}`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remove the temporary files beside `path` (its own, and its lock's) left by runs that have
 * died: their pid is in the name. Versions before 0.2 named a cache's `<name>.<pid>.tmp`.
 */
export function removeDeadTemps(path: string): void {
  const temp = new RegExp(`^${escapeRegExp(basename(path))}\\.(?:(?:[\\w.-]+\\.)?tmp-(\\d+)-[0-9a-f]+|(\\d+)\\.tmp)$`);
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const found = temp.exec(name);
    const pid = Number(found?.[1] ?? found?.[2]);
    if (pid > 0 && pid !== OWN_PID && !pidAlive(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

/**
 * Replace `path` with `data` atomically: a temporary file in the same folder, written, flushed
 * and given the old file's mode, then renamed over it, and the folder flushed. A crash at any
 * moment leaves the old file or the new one, never a part of either; the temporary file is
 * removed on failure, and by the next replace if the process was killed. A cache, which can
 * always be made again, passes `durable: false` and skips the flushes.
 */
export function replaceFile(path: string, data: string | Buffer, { durable = true } = {}): void {
  removeDeadTemps(path);
  let mode = 0o600;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file: private to the user, like the folder it is in.
  }
  const temp = tempName(path);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
      fchmodSync(fd, mode);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  if (durable) syncFolder(dirname(path));
}

/** Flush a folder's entries, so that a rename survives a power cut; where that is not possible, carry on. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot flush a folder; the rename itself is still atomic.
  }
}

/**
 * Open a file to read only if it is a regular file reached without a symbolic link: a FIFO,
 * a device or a link (to /dev/zero, say) where a store file should be is refused at once,
 * never read and never waited on. Returns the descriptor and the size.
 */
export function openRegular(path: string): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY);
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw fsError('ENOTREG', path);
  }
  return { fd, size: stats.size };
}

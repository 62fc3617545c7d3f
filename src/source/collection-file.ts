import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { describeFsError } from './files';

/** The collection file could not be read, locked or written: the user can act on the message. */
export class CollectionFileError extends Error {
  override readonly name = 'CollectionFileError';
}

/** How long a second writer waits for the lock before giving up. */
export const LOCK_WAIT_MS = 3000;

/** The file as it was read: its text, and a stamp to tell whether it changed since. */
export interface ReadFile {
  text: string;
  exists: boolean;
  stamp: string;
}

function stampOf(path: string): string {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return 'missing';
  }
}

/** Read the collection file; a missing file reads as empty. */
export function readCollectionText(path: string): ReadFile {
  const stamp = stampOf(path);
  try {
    return { text: readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), exists: true, stamp };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', exists: false, stamp };
    throw new CollectionFileError(`cannot read ${path}: ${describeFsError(e)}`);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run `fn` holding an exclusive lock on `path` (a `.lock` file beside it, created with O_EXCL,
 * holding our pid). A second writer retries for a few seconds, then fails; a lock left by a
 * process that no longer exists is taken over.
 */
export function withLock<T>(path: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const target = resolveLink(path);
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (e) {
    throw new CollectionFileError(`cannot create the folder for ${path}: ${describeFsError(e)}`);
  }
  const lock = `${target}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new CollectionFileError(`cannot lock ${path}: ${describeFsError(e)}`);
      const holder = Number(readFileOr(lock, ''));
      if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new CollectionFileError(`${path} is being written by another memories (process ${holder || 'unknown'}); try again in a moment, or remove ${lock} if no memories is running`);
      }
      sleep(25);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function readFileOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** The real file behind a symbolic link, so that the link stays a link and its target is updated. */
function resolveLink(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Replace the file's contents atomically (write-file-atomic: a temporary file in the same
 * folder, flushed, then renamed over the original; removed again on failure or on a signal),
 * but only if it still is what was read: an edit made meanwhile is never overwritten.
 */
export function writeCollectionText(path: string, text: string, read: ReadFile): void {
  if (stampOf(path) !== read.stamp) {
    throw new CollectionFileError(`${path} changed on disk while memories was updating it; nothing was written. Run the command again`);
  }
  try {
    writeFileAtomic.sync(path, text);
  } catch (e) {
    throw new CollectionFileError(`cannot write ${path}: ${describeFsError(e)}`);
  }
}

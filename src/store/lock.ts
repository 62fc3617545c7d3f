import { linkSync, openSync, closeSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeDeadTemps, tempName } from './fs';
import { uniqueHex } from './check';
import { OWN_PID, pidAlive } from './pid';

/**
 * An exclusive lock on a file, held as `FILE.lock`, which names its holder by a token: the pid
 * and a random part, so that no two holders ever share one.
 *
 * - Taking it: the token is written to a temporary file that is then hard-linked to the lock
 *   name, so the lock appears whole or not at all, and only one contender's link succeeds.
 * - A lock whose holder has died is stale. Only one contender may remove it: the one that
 *   creates `FILE.lock.break-TOKEN.1` exclusively, which then removes the lock only if it still
 *   holds that token. A token is never used twice, so a lock taken meanwhile is never removed.
 *   A contender that died while breaking is itself stale: the next uses generation 2, and so on.
 * - Releasing removes the lock only while it still holds our token.
 */

/** How long a second writer waits for the lock before giving up. */
const LOCK_WAIT_MS = 3000;

/** The lock is held by another process that still runs. */
export class LockBusyError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: number | undefined,
  ) {
    super(`locked by ${holder ?? 'an unknown process'}`);
  }
}

export interface LockOptions {
  waitMs?: number;
  /** Waits between tries; tests pass one that does not really sleep. */
  sleep?: (ms: number) => void;
  now?: () => number;
}

const sleepFor = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

function readToken(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw e;
  }
}

const holderOf = (token: string): number | undefined => {
  const pid = Number(token.split(' ')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

/** A token whose holder is known to be gone; one that names no pid is never judged dead. */
const isDead = (token: string): boolean => {
  const pid = holderOf(token);
  return pid !== undefined && !pidAlive(pid);
};

/** Create `path` holding `token`, all at once; false when it exists already. */
function createWith(path: string, token: string): boolean {
  const temp = tempName(path);
  writeFileSync(temp, token, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false;
    // A file system without hard links: create the lock itself exclusively, then fill it in.
    if (codeOf(e) !== 'EPERM' && codeOf(e) !== 'ENOTSUP' && codeOf(e) !== 'ENOSYS') throw e;
    return createDirectly(path, token);
  } finally {
    rmSync(temp, { force: true });
  }
}

function createDirectly(path: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if (codeOf(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, token);
  } finally {
    closeSync(fd);
  }
  return true;
}

const breakName = (lock: string, stale: string, generation: number): string =>
  `${lock}.break-${stale.replace(/[^0-9A-Za-z]/g, '-')}.${generation}`;

/**
 * Remove the lock if it still holds `stale`, as the one contender allowed to: true when this
 * call made progress (the lock is gone or was never ours to break), false while another live
 * contender is breaking it.
 */
function breakStale(lock: string, stale: string, token: string): boolean {
  for (let generation = 1; ; generation++) {
    const name = breakName(lock, stale, generation);
    if (createWith(name, token)) {
      try {
        if (readToken(lock) === stale) unlinkSync(lock);
      } finally {
        for (let g = 1; g <= generation; g++) rmSync(breakName(lock, stale, g), { force: true });
      }
      return true;
    }
    const breaker = readToken(name);
    if (breaker === undefined) return true;
    if (!isDead(breaker)) return false;
  }
}

/** Remove what dead contenders left beside the lock: their temporary and break files. */
function removeLeftovers(lock: string, token: string): void {
  removeDeadTemps(lock.slice(0, -'.lock'.length));
  const prefix = `${basename(lock)}.break-`;
  let names: string[] = [];
  try {
    names = readdirSync(dirname(lock)).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dirname(lock), name);
    const breaker = readToken(path);
    if (breaker !== undefined && breaker !== token && isDead(breaker)) rmSync(path, { force: true });
  }
}

/** Run `fn` holding the lock of `target`; throws LockBusyError when a live holder keeps it past the wait. */
export function withLock<T>(target: string, fn: () => T, options: LockOptions = {}): T {
  const { waitMs = LOCK_WAIT_MS, sleep = sleepFor, now = Date.now } = options;
  const lock = `${target}.lock`;
  const token = `${OWN_PID} ${uniqueHex(16)}`;
  const deadline = now() + waitMs;
  while (!createWith(lock, token)) {
    const held = readToken(lock);
    if (held === undefined) continue;
    if (isDead(held) && breakStale(lock, held, token)) continue;
    if (now() >= deadline) throw new LockBusyError(lock, holderOf(held));
    sleep(25);
  }
  try {
    removeLeftovers(lock, token);
    return fn();
  } finally {
    if (readToken(lock) === token) rmSync(lock, { force: true });
  }
}

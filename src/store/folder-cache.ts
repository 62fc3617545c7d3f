import { closeSync, readSync } from 'node:fs';
import { relative } from 'node:path';
import type { FoundFile } from '../source/files';
import type { Problem } from '../source/problem';
import { isObject, isProblemList } from './check';
import { digest } from './digest';
import { openRegular, replaceFile } from './fs';
import { isStamp, racy, sameStamp, stampOf } from './stamp';
import type { Stamp } from './stamp';

/** What one file decoded to, and the problems it had, with the stamp it was decoded from. */
interface CacheEntry<T> {
  stamp: Stamp;
  records: T;
  problems: Problem[];
}

interface CacheFile<T> {
  version: number;
  build: string;
  folder: string;
  files: Record<string, CacheEntry<T>>;
}

// Bump when the layout of this file changes. What the entries hold follows the build, which
// is part of the key: a cache written by another build is simply ignored.
const VERSION = 2;

/** The largest cache file read back: a folder at the file cap (10,000 files of 16 MB) is not cached whole. */
const MAX_CACHE_BYTES = 1 << 30;

/** Read a whole file, if it is a regular file reached without a link and no larger than the cap. */
function readWhole(path: string): Buffer {
  const { fd, size } = openRegular(path);
  try {
    if (size > MAX_CACHE_BYTES) throw new Error('too large');
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error('cut short');
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Decoded records of one data folder, saved between runs so that a folder read before is not
 * parsed again. An entry is used only while its file's stamp (size, mtime, ctime, inode) is
 * unchanged and the cache was written by this build, so the cache is never trusted over the
 * files. The file carries a digest of its text, and every entry's shape is checked: one that
 * is missing, stale, damaged or of the wrong shape is rebuilt silently. Problems are stored
 * with their positions, so a warm run reports exactly what a cold one would.
 */
export class FolderCache<T> {
  private entries: Record<string, CacheEntry<T>> = {};
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly folder: string,
    private readonly build: string,
  ) {}

  /**
   * Open the cache of `folder` kept at `path`: nothing is written until save. `check` says
   * whether a stored value is records of the expected kind.
   */
  static open<T>(path: string, folder: string, build: string, check: (records: unknown) => records is T): FolderCache<T> {
    const cache = new FolderCache<T>(path, folder, build);
    try {
      const bytes = readWhole(path);
      const space = bytes.indexOf(32);
      const text = bytes.subarray(space + 1);
      if (space < 0 || bytes.toString('latin1', 0, space) !== digest(text)) return cache;
      const data = JSON.parse(text.toString('utf8')) as Partial<CacheFile<unknown>> | null;
      if (!isObject(data) || data.version !== VERSION || data.build !== build || data.folder !== folder || !isObject(data.files))
        return cache;
      for (const [key, entry] of Object.entries(data.files)) {
        if (isObject(entry) && isStamp(entry.stamp) && isProblemList(entry.problems) && check(entry.records))
          cache.entries[key] = { stamp: entry.stamp, problems: entry.problems, records: entry.records };
      }
    } catch {
      // No cache yet, or one that cannot be used: start empty.
    }
    return cache;
  }

  /** The entry for a file, if it still matches the file on disk. */
  get(file: FoundFile): CacheEntry<T> | undefined {
    const key = relative(this.folder, file.path);
    const entry = Object.hasOwn(this.entries, key) ? this.entries[key] : undefined;
    return entry && sameStamp(entry.stamp, stampOf(key, file.stats)) ? entry : undefined;
  }

  /** Remember what a file decoded to, unless it changed too recently for its stamp to be trusted (stamp.ts). */
  set(file: FoundFile, records: T, problems: Problem[], now: number): void {
    const key = relative(this.folder, file.path);
    const stamp = stampOf(key, file.stats);
    if (racy(stamp, now)) {
      if (Object.hasOwn(this.entries, key)) delete this.entries[key];
    } else this.entries[key] = { stamp, records, problems };
    this.changed = true;
  }

  /** Forget files that are no longer in the folder. */
  keepOnly(files: readonly FoundFile[]): void {
    const present = new Set(files.map((f) => relative(this.folder, f.path)));
    for (const key of Object.keys(this.entries)) {
      if (!present.has(key)) {
        delete this.entries[key];
        this.changed = true;
      }
    }
  }

  /** Whether every one of `files` has an entry that still matches it: the cache answers them all. */
  covers(files: readonly FoundFile[]): boolean {
    return files.every((f) => this.get(f) !== undefined);
  }

  /**
   * Write the cache if anything changed, atomically, where it was read from or at `path`;
   * throws when the location cannot be written.
   */
  save(path: string = this.path): void {
    if (!this.changed) return;
    const text = Buffer.from(
      JSON.stringify({ version: VERSION, build: this.build, folder: this.folder, files: this.entries } satisfies CacheFile<T>),
    );
    replaceFile(path, Buffer.concat([Buffer.from(`${digest(text)} `), text]), { durable: false });
    this.changed = false;
  }
}

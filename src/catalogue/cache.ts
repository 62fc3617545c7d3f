import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { FoundFile } from '../source/files';
import type { Problem } from '../source/problem';
import type { RecordsByKind } from './types';

/** What one file decoded to, and the problems it had, with the stat it was decoded from. */
export interface CacheEntry<T = RecordsByKind> {
  size: number;
  mtimeMs: number;
  ino: number;
  records: T;
  problems: Problem[];
}

interface CacheFile<T> {
  version: number;
  folder: string;
  files: Record<string, CacheEntry<T>>;
}

// Bump when the decoded shape or the messages change, so old caches are simply ignored.
const VERSION = 1;

/**
 * Decoded records of one data folder, saved between runs so that a folder read before is not
 * parsed again. An entry is used only while its file's size, mtime and inode are unchanged,
 * so the cache is never trusted over the files; one that is missing, stale or corrupt is
 * rebuilt silently. Problems are stored with their positions, so a warm run reports exactly
 * what a cold one would.
 */
export class FolderCache<T = RecordsByKind> {
  private entries: Record<string, CacheEntry<T>> = {};
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly folder: string,
  ) {}

  /** Open the cache of `folder` kept at `path` (nothing is read until now, nothing written until save). */
  static open<T = RecordsByKind>(path: string, folder: string): FolderCache<T> {
    const cache = new FolderCache<T>(path, folder);
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile<T>;
      if (data.version === VERSION && data.folder === folder && data.files && typeof data.files === 'object') cache.entries = data.files;
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
    return cache;
  }

  /** The entry for a file, if it still matches the file on disk. */
  get(file: FoundFile): CacheEntry<T> | undefined {
    const entry = this.entries[relative(this.folder, file.path)];
    const s = file.stats;
    return entry && entry.size === s.size && entry.mtimeMs === s.mtimeMs && entry.ino === s.ino ? entry : undefined;
  }

  /**
   * Remember what a file decoded to. A file changed in the last two seconds is not stored: a
   * second edit within the file system's timestamp resolution could keep the same stamp
   * (git's "racily clean" problem), so such a file is simply parsed again next time.
   */
  set(file: FoundFile, records: T, problems: Problem[], now = Date.now()): void {
    const key = relative(this.folder, file.path);
    if (now - file.stats.mtimeMs < 2000) {
      if (key in this.entries) delete this.entries[key];
      this.changed = true;
      return;
    }
    const { size, mtimeMs, ino } = file.stats;
    this.entries[key] = { size, mtimeMs, ino, records, problems };
    this.changed = true;
  }

  /** Forget files that are no longer in the folder. */
  keepOnly(files: FoundFile[]): void {
    const present = new Set(files.map((f) => relative(this.folder, f.path)));
    for (const key of Object.keys(this.entries)) {
      if (!present.has(key)) {
        delete this.entries[key];
        this.changed = true;
      }
    }
  }

  /** Write the cache if anything changed: a temporary file renamed into place, so a reader never sees half of one. */
  save(): void {
    if (!this.changed) return;
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ version: VERSION, folder: this.folder, files: this.entries } satisfies CacheFile<T>));
      renameSync(tmp, this.path);
      this.changed = false;
    } catch {
      // A cache that cannot be written (a read-only location) only costs speed.
      rmSync(tmp, { force: true });
    }
  }
}

/** FNV-1a over UTF-16 units, twice with different offsets: a file name, not a security measure (node:crypto costs start-up time). */
function fnv(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * Where the cache of a folder lives: one file per folder, named by a hash of its path as given
 * and resolved. The file records the folder too, so a collision only means a rebuild.
 */
export function cachePathFor(cacheDir: string, folder: string): string {
  return join(cacheDir, `${hashName(`${resolve(folder)}\0${folder}`)}.json`);
}

/** A file name for any key: 16 hex digits. */
export function hashName(key: string): string {
  return `${fnv(key, 0x811c9dc5)}${fnv(key, 0x01234567)}`;
}

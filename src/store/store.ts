import { dirname, resolve } from 'node:path';
import type { FoundFile } from '../source/files';
import { describeFsError } from '../source/files';
import type { Problem } from '../source/problem';
import { FolderCache } from './folder-cache';
import { ensureFolder } from './fs';
import { folderCacheFile, snapshotFile } from './paths';
import type { SnapshotName } from './paths';
import { encodeSnapshot, readSnapshot, snapshotOf, writeSnapshot } from './snapshot';
import type { Snapshot } from './snapshot';
import { racy, stampOf } from './stamp';
import type { Stamp } from './stamp';

/** What answerFrom found: an answer, no snapshot, or one that could not answer. */
export type Answer<R> = { kind: 'answered'; answer: R } | { kind: 'missing' } | { kind: 'unusable' };

export interface StoreOptions {
  /** The folder for caches and indexes (paths.ts); none, and nothing is kept. */
  dir: string | undefined;
  /** Names the build that is running: everything kept is keyed by it, so an upgrade starts afresh. */
  build: string;
  /**
   * Folders whose cache is first looked for at a fixed file (the bundled data's, written at
   * build time beside the bundle); the user's cache folder holds it when that file is stale and
   * cannot be written (an installed copy whose files are not the user's).
   */
  fixed?: ReadonlyMap<string, string>;
  /** The clock the racy rule (stamp.ts) is judged by. */
  now?: () => number;
  /** Told why the store could not write in a folder, once per folder; the CLI shows it under MEMORIES_DEBUG. */
  debug?: ((line: string) => void) | undefined;
  /** False keeps only the search indexes, no folder caches (tests use it to tell which answered). */
  folderCaches?: boolean;
}

/**
 * Everything memories keeps between runs to go faster: the folder caches and the search
 * indexes. The rules are the same for all of them:
 * - what is kept is keyed by the build and by every file's stamp, and is used only when both
 *   match; a file changed in the last two seconds is never kept (stamp.ts);
 * - what is read back is checked (digests and shapes, check.ts) before use, and anything that
 *   cannot be used is answered from the files and written again;
 * - a location that cannot be used, whatever the reason, costs speed and nothing else: the
 *   first failure in a folder is told to `debug`, and the store writes nothing more there for
 *   the rest of the run.
 */
export class Store {
  /** Folders a write has failed in this run. */
  private readonly broken = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether anything can be kept at all. */
  get enabled(): boolean {
    return this.options.dir !== undefined || (this.options.fixed?.size ?? 0) > 0;
  }

  /** Run a write and say whether it was done; a failure is told once per folder and ends writing there, never thrown. */
  private write(path: string, save: () => void): boolean {
    const folder = dirname(path);
    if (this.broken.has(folder)) return false;
    try {
      ensureFolder(folder);
      save();
      return true;
    } catch (e) {
      this.broken.add(folder);
      const mine = this.options.dir !== undefined && folder === this.options.dir;
      this.options.debug?.(
        `memories: the cache at ${path} cannot be written (${describeFsError(e)}); memories works without it, only slower.${mine ? ' Set XDG_CACHE_HOME to a folder you can write to.' : ''}`,
      );
      return false;
    }
  }

  /** Where the cache of `folder` may be: its fixed file first, if it has one, then the user's cache folder. */
  private cacheFiles(folder: string): string[] {
    if (this.options.folderCaches === false) return [];
    const fixed = this.options.fixed?.get(folder);
    const mine = this.options.dir === undefined ? undefined : folderCacheFile(this.options.dir, folder);
    return [fixed, mine].filter((p) => p !== undefined);
  }

  /**
   * The decoded `files` of `folder`, as far as they are kept: `use` gets a cache to read from
   * and fill, which is saved when it returns. The cache is the first place (cacheFiles) that
   * holds every file as it is now, else the first place, to be filled; it is saved there, or,
   * when that cannot be written, in the next. Without a store location, `use` gets none.
   */
  withFolderCache<T, R>(
    folder: string,
    files: readonly FoundFile[],
    check: (records: unknown) => records is T,
    use: (cache: FolderCache<T> | undefined, now: number) => R,
  ): R {
    const paths = this.cacheFiles(folder);
    const opened: FolderCache<T>[] = [];
    let at = -1;
    for (let i = 0; i < paths.length && at < 0; i++) {
      opened.push(FolderCache.open<T>(paths[i]!, folder, this.options.build, check));
      if (opened[i]!.covers(files)) at = i;
    }
    at = Math.max(at, 0);
    const cache = opened[at];
    const result = use(cache, this.now());
    if (cache) for (const path of paths.slice(at)) if (this.write(path, () => cache.save(path))) break;
    return result;
  }

  /** The stamps of a set of found files, as a snapshot records them. */
  stamps(files: readonly FoundFile[]): Stamp[] {
    return files.map((f) => stampOf(f.path, f.stats));
  }

  /** The snapshot kept for these folders, if it was made by this build from exactly these files. */
  snapshot(name: SnapshotName, folders: readonly string[], stamps: readonly Stamp[]): Snapshot | undefined {
    if (this.options.dir === undefined) return undefined;
    return readSnapshot(snapshotFile(this.options.dir, name, folders), this.key(folders), stamps);
  }

  /**
   * Make a snapshot of these sections and keep it for next time, unless some file changed too
   * recently to be trusted; the snapshot is returned either way, read from memory, so that it
   * answers now as it will answer next time.
   */
  keepSnapshot(
    name: SnapshotName,
    folders: readonly string[],
    stamps: readonly Stamp[],
    problems: Problem[],
    sections: Record<string, unknown>,
  ): Snapshot {
    const bytes = encodeSnapshot(this.key(folders), [...stamps], problems, sections);
    const now = this.now();
    const dir = this.options.dir;
    if (dir !== undefined && !stamps.some((s) => racy(s, now))) {
      const path = snapshotFile(dir, name, folders);
      this.write(path, () => writeSnapshot(path, bytes));
    }
    return snapshotOf(bytes);
  }

  /**
   * Answer from the snapshot kept for these folders: `use` reads it and answers. Missing when
   * there is none. Unusable when reading it failed for any reason but an error of the user's
   * own (`stands` says which ones stand, and those are thrown on): a snapshot is never trusted
   * over the files, so the answer must come from them, and the reason is told to `debug`. The
   * snapshot is closed either way.
   */
  answerFrom<R>(
    name: SnapshotName,
    folders: readonly string[],
    stamps: readonly Stamp[],
    use: (snapshot: Snapshot) => R,
    stands: (e: unknown) => boolean,
  ): Answer<R> {
    const snapshot = this.snapshot(name, folders, stamps);
    if (!snapshot) return { kind: 'missing' };
    try {
      return { kind: 'answered', answer: use(snapshot) };
    } catch (e) {
      if (stands(e)) throw e;
      this.options.debug?.(
        `memories: the ${name} snapshot could not be used, so it is rebuilt: ${e instanceof Error ? e.message : String(e)}`,
      );
      return { kind: 'unusable' };
    } finally {
      snapshot.close();
    }
  }

  private key(folders: readonly string[]): string {
    return JSON.stringify({ build: this.options.build, folders: folders.map((f) => resolve(f)) });
  }
}

import { isAbsolute, join, resolve } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** Where memories keeps things between runs. */
interface StorePaths {
  /** Caches and search indexes: $XDG_CACHE_HOME/memories, else ~/.cache/memories; undefined when no home is known. */
  cacheDir: string | undefined;
  /** The user's collection: MEMORIES_COLLECTION as given, else $XDG_DATA_HOME/memories/collection.yaml. */
  collection: string;
}

/**
 * An XDG base folder: the variable when it holds an absolute path, else the default under
 * home. The XDG spec says a relative value is invalid and must be ignored; used as given it
 * would put the cache wherever the command happened to run.
 */
function xdg(env: Env, name: string, home: string | undefined, fallback: string): string | undefined {
  const value = env[name];
  if (value && isAbsolute(value)) return value;
  return home === undefined ? undefined : join(home, fallback);
}

/** Every location memories uses, decided in one place from the environment and the home folder. */
export function storePaths(env: Env, homedir: () => string): StorePaths {
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : fromSystem(homedir);
  const cache = xdg(env, 'XDG_CACHE_HOME', home, '.cache');
  const data = xdg(env, 'XDG_DATA_HOME', home, join('.local', 'share')) ?? resolve('.local', 'share');
  // The user named this file, so a relative path means the folder they ran memories in.
  const collection = env.MEMORIES_COLLECTION || join(data, 'memories', 'collection.yaml');
  return { cacheDir: cache === undefined ? undefined : join(cache, 'memories'), collection };
}

/** The home folder the system knows of (asked only when HOME is not set), if it is an absolute path. */
function fromSystem(homedir: () => string): string | undefined {
  const home = homedir();
  return isAbsolute(home) ? home : undefined;
}

/** FNV-1a over UTF-16 units, twice with different offsets: a file name, not a security measure. */
function fnv(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A file name for any key: 16 hex digits. The file records its key too, so a collision only means a rebuild. */
function hashName(key: string): string {
  return `${fnv(key, 0x811c9dc5)}${fnv(key, 0x01234567)}`;
}

/** The cache of one data folder (or of the collection file's folder), named by its path as given and resolved. */
export function folderCacheFile(cacheDir: string, folder: string): string {
  return join(cacheDir, `${hashName(`${resolve(folder)}\0${folder}`)}.json`);
}

/** What a set of folders has snapshots of: the search index, and the views that other commands print. */
export type SnapshotName = 'search' | 'views';

/** A snapshot of a set of folders, named by what it holds and by their resolved paths. */
export function snapshotFile(cacheDir: string, name: SnapshotName, folders: readonly string[]): string {
  return join(cacheDir, `${name}-${hashName(JSON.stringify(folders.map((f) => resolve(f))))}.json`);
}

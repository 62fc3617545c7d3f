import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join, parse, sep } from 'node:path';
import { fileStart } from './problem';
import type { Problems } from './problem';

/** A data folder the user asked for does not exist or cannot be listed. */
export class MissingFolderError extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(`data folder ${folder}: ${reason}`);
  }
}

/** Files larger than this are refused before they are read: YAML parses at about 2.5 MB/s. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

const DATA_FILE = /\.ya?ml$/i;

/** A data file found in a folder, with the stat taken when it was found. */
export interface FoundFile {
  path: string;
  stats: Stats;
}

// Bounds on one data folder's walk (docs/data-format.md lists them): a folder shared by
// someone else must not be able to keep a run walking or reading for ever.
/** Folder levels below a data folder. */
const MAX_DEPTH = 32;
/** Data files in one data folder. */
const MAX_FILES = 10_000;
/** Entries (files and folders of any kind) looked at in one data folder. */
const MAX_ENTRIES = 200_000;

const inside = (root: string, real: string): boolean => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * `folder` itself when it is a file; otherwise every *.yaml / *.yml file below it, sorted so
 * that loading is deterministic. Hidden files and folders (".git", ".github") are passed over,
 * as ripgrep does. A symbolic link is followed only when its target lies inside the data
 * folder, each real folder once, so a link loop ends; a link out of it is a warning and is not
 * followed. Anything that is not a regular file (a FIFO, a socket, a device) is reported and
 * never opened, since reading it could block. The walk stops, with one problem, at MAX_DEPTH
 * levels, MAX_FILES files or MAX_ENTRIES entries.
 */
export function listDataFiles(folder: string, problems: Problems): FoundFile[] {
  let root: string;
  try {
    const stats = statSync(folder);
    // A file named on its own is read whatever its name, as editors and linters pass files.
    if (stats.isFile()) return [{ path: folder, stats }];
    if (!stats.isDirectory()) throw new MissingFolderError(folder, 'neither a folder nor a regular file (a FIFO, socket or device?)');
    root = realpathSync.native(folder);
  } catch (e) {
    if (e instanceof MissingFolderError) throw e;
    throw new MissingFolderError(folder, describeFsError(e));
  }
  if (root === parse(root).root)
    throw new MissingFolderError(folder, 'is the root of the file system; give the folder that holds your data files');
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  let entries = 0;
  let stopped = false;
  const stop = (at: string, message: string): void => {
    if (!stopped) problems.error(fileStart(at), message);
    stopped = true;
  };
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      const real = realpathSync.native(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      problems.error(fileStart(dir), `cannot read folder: ${describeFsError(e)}`);
      return;
    }
    for (const name of names) {
      if (stopped) return;
      if (++entries > MAX_ENTRIES)
        return stop(
          dir,
          `more than ${MAX_ENTRIES} entries in this data folder; the rest was not read. Point --data at the folder that holds your data files`,
        );
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      let stats: Stats;
      try {
        if (lstatSync(path).isSymbolicLink()) {
          const target = realpathSync.native(path);
          if (!inside(root, target)) {
            problems.warning(
              fileStart(path),
              `is a link to ${target}, outside the data folder; links are followed only within it, so it was not read`,
            );
            continue;
          }
        }
        stats = statSync(path);
      } catch (e) {
        if (DATA_FILE.test(name)) problems.error(fileStart(path), `cannot read file: ${describeFsError(e)}`);
        continue;
      }
      if (stats.isDirectory()) {
        if (depth >= MAX_DEPTH) stop(path, `folders nested more than ${MAX_DEPTH} levels deep; the rest was not read`);
        else walk(path, depth + 1);
      } else if (!DATA_FILE.test(name)) continue;
      else if (!stats.isFile())
        problems.error(
          fileStart(path),
          'not a regular file (a FIFO, socket or device?); data files must be plain files, so it was not read',
        );
      else if (found.length >= MAX_FILES) stop(path, `more than ${MAX_FILES} data files in this data folder; the rest were not read`);
      else found.push({ path, stats });
    }
  };
  walk(folder, 0);
  return found;
}

/** An error with an errno-style code, for the cases the system itself does not report. */
export function fsError(code: 'ENOTDIR' | 'ENOTREG' | 'EFBIG', path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${path}`), { code, path });
}

/**
 * The bytes of a regular file, at most `cap` of them: anything else (a FIFO, a device, a
 * folder) is refused before it could block, and a file that turns out longer than the cap,
 * whatever stat said (/proc reports 0), is refused once cap + 1 bytes are read.
 */
export function readRegularFile(path: string, cap: number): Buffer {
  const stats = statSync(path);
  if (!stats.isFile()) throw fsError('ENOTREG', path);
  if (stats.size > cap) throw fsError('EFBIG', path);
  // O_NONBLOCK: should the path become a FIFO after the check, the open still returns at once.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    if (!fstatSync(fd).isFile()) throw fsError('ENOTREG', path);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(cap + 1 - total, 1 << 20) || 1);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > cap) throw fsError('EFBIG', path);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A short, human reason for a file-system error (ENOENT -> "no such file or folder"). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop?)';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTREG':
      return 'not a regular file (a FIFO, socket or device?)';
    case 'EFBIG':
      return 'the file is larger than memories reads';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

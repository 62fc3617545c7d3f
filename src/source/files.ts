import { readdirSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Every *.yaml / *.yml file below `folder`, sorted so that loading is deterministic. Hidden
 * files and folders (".git", ".github") are passed over, as ripgrep does. Symbolic links are
 * followed, each real folder once, so a link loop ends; anything that is not a regular file
 * (a FIFO, a socket, a device) is reported and never opened, since reading it could block.
 */
export function listDataFiles(folder: string, problems: Problems): FoundFile[] {
  let top: Stats;
  try {
    top = statSync(folder);
  } catch (e) {
    throw new MissingFolderError(folder, describeFsError(e));
  }
  if (!top.isDirectory()) throw new MissingFolderError(folder, 'not a folder');
  const found: FoundFile[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
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
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (e) {
        if (DATA_FILE.test(name)) problems.error(fileStart(path), `cannot read file: ${describeFsError(e)}`);
        continue;
      }
      if (stats.isDirectory()) walk(path);
      else if (!DATA_FILE.test(name)) continue;
      else if (stats.isFile()) found.push({ path, stats });
      else problems.error(fileStart(path), 'not a regular file (a FIFO, socket or device?); data files must be plain files, so it was not read');
    }
  };
  walk(folder);
  return found;
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

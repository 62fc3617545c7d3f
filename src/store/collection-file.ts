import { lstatSync, readlinkSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeFsError, MAX_FILE_BYTES, readRegularFile } from '../source/files';
import { decodeUtf8 } from '../source/parse';
import type { Problems } from '../source/problem';
import { fileStart } from '../source/problem';
import { ensureFolder, replaceFile } from './fs';
import { LockBusyError, withLock } from './lock';
import type { LockOptions } from './lock';
import { COLLECTION_FILE_ERROR } from '../util/error-codes';

/**
 * The user's collection file on disk: found through any symbolic links, read only when it is
 * a regular file within the size cap, decoded as strict UTF-8, and written back with its byte
 * order mark and line ends as they were.
 */

/** The collection file could not be read, locked or written: the user can act on the message. */
export class CollectionFileError extends Error {
  override readonly name = 'CollectionFileError';
  /** What tells these errors apart across the two bundles, each of which has a copy of this class. */
  readonly code = COLLECTION_FILE_ERROR;
}

/** How the file's bytes were laid out, so that a rewrite keeps them so. */
interface TextFormat {
  bom: boolean;
  crlf: boolean;
}

/** The file as it was read: its text with LF line ends, its format, and a stamp to tell whether it changed since. */
export interface ReadFile {
  text: string;
  exists: boolean;
  stamp: string;
  format: TextFormat;
}

const stampOf = (s: Stats): string => `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;

function currentStamp(path: string): string {
  try {
    return stampOf(statSync(path));
  } catch {
    return 'missing';
  }
}

/**
 * The file a path names once every symbolic link is followed, even a dangling one: a new
 * collection is created where the link points, so that the link stays a link.
 */
function collectionTarget(path: string): string {
  let at = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: boolean;
    try {
      link = lstatSync(at).isSymbolicLink();
    } catch {
      return at;
    }
    if (!link) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw new CollectionFileError(`${path}: too many levels of symbolic links (a link loop?)`);
}

/**
 * Read the collection file; a missing file reads as empty. Bytes that are not UTF-8 and a file
 * over the cap are problems of the file (exit 3), with the position of the first bad byte.
 */
export function readCollectionText(path: string, problems: Problems): ReadFile | undefined {
  const target = collectionTarget(path);
  const empty: ReadFile = { text: '', exists: false, stamp: 'missing', format: { bom: false, crlf: false } };
  let bytes: Buffer;
  let stamp: string;
  try {
    stamp = currentStamp(target);
    bytes = readRegularFile(target, MAX_FILE_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return empty;
    if (code === 'EFBIG') {
      problems.error(
        fileStart(path),
        `the collection file is over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit; is it really a collection file?`,
      );
      return undefined;
    }
    throw new CollectionFileError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  const text = decodeUtf8(path, bytes, problems);
  if (text === undefined) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // CRLF only when every line ends so; a file of mixed ends is edited as it is.
  const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
  return { text: crlf ? text.replaceAll('\r\n', '\n') : text, exists: true, stamp, format: { bom, crlf } };
}

/** The text as it goes to disk, in the format it was read in. */
export function encodeText(text: string, format: TextFormat): string {
  return `${format.bom ? '\uFEFF' : ''}${format.crlf ? text.replaceAll('\n', '\r\n') : text}`;
}

/** Refuse to touch anything but a writable regular file in a writable folder (a missing file is fine). */
function checkWritable(path: string, target: string): void {
  let stats: Stats | undefined;
  try {
    stats = statSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CollectionFileError(`cannot use ${path}: ${describeFsError(e)}`);
  }
  if (stats && !stats.isFile()) {
    throw new CollectionFileError(
      `${path} is not a regular file (a folder, FIFO or device?); memories keeps your collection in a plain file, so point MEMORIES_COLLECTION at one`,
    );
  }
  // Checked by the mode bits, not access(): root may write anything, but a file or folder the
  // user made read-only says "do not change this".
  if (stats && (stats.mode & 0o200) === 0)
    throw new CollectionFileError(`${path} is read-only; make it writable (chmod u+w) if memories should change it. Nothing was written`);
  const folder = dirname(target);
  if ((statSync(folder).mode & 0o200) === 0)
    throw new CollectionFileError(
      `the folder ${folder} is read-only, so ${path} cannot be replaced; make it writable (chmod u+w). Nothing was written`,
    );
}

/**
 * Run `fn` holding the collection's lock, once its folder exists and the file is known to be
 * safe to replace. Every failure is a CollectionFileError naming the path.
 */
export function withCollectionLock<T>(path: string, fn: () => T, options?: LockOptions): T {
  const target = collectionTarget(path);
  try {
    ensureFolder(dirname(target));
  } catch (e) {
    const at = (e as NodeJS.ErrnoException).path ?? dirname(target);
    throw new CollectionFileError(
      `cannot create the folder ${at} for ${path}: ${describeFsError(e)}; set MEMORIES_COLLECTION to a file in a folder you can write`,
    );
  }
  checkWritable(path, target);
  try {
    return withLock(target, fn, options);
  } catch (e) {
    if (e instanceof LockBusyError) {
      throw new CollectionFileError(
        `${path} is being written by another memories (process ${e.holder ?? 'unknown'}); try again in a moment, or remove ${e.lockPath} if no memories is running`,
      );
    }
    if (e instanceof CollectionFileError || !(e instanceof Error) || !('code' in e)) throw e;
    throw new CollectionFileError(`cannot lock ${path}: ${describeFsError(e)}`);
  }
}

/**
 * Replace the file's contents atomically, but only if it still is what was read: an edit made
 * meanwhile is never overwritten.
 */
export function writeCollectionText(path: string, text: string, read: ReadFile): void {
  const target = collectionTarget(path);
  if (currentStamp(target) !== read.stamp) {
    throw new CollectionFileError(`${path} changed on disk while memories was updating it; nothing was written. Run the command again`);
  }
  try {
    replaceFile(target, encodeText(text, read.format));
  } catch (e) {
    throw new CollectionFileError(`cannot write ${path}: ${describeFsError(e)}`);
  }
}

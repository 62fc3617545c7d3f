import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FoundFile } from '../source/files';
import type { Problem } from '../source/problem';

/** A data file as it was when a snapshot was taken: path, size, mtime and inode. */
export type Stamp = [path: string, size: number, mtimeMs: number, ino: number];

export function stampsOf(files: readonly FoundFile[]): Stamp[] {
  return files.map((f) => [f.path, f.stats.size, f.stats.mtimeMs, f.stats.ino]);
}

/** True when some file changed so recently that a second edit could keep its stamp (see FolderCache.set). */
export function racy(stamps: readonly Stamp[], now: number): boolean {
  return stamps.some(([, , mtimeMs]) => now - mtimeMs < 2000);
}

interface Head {
  version: number;
  key: string;
  stamps: Stamp[];
  problems: Problem[];
  /** Byte ranges of the sections, from the end of the head line; a third item marks Lines or Ints. */
  sections: Record<string, [number, number] | [number, number, 'lines' | 'ints']>;
}

// Bump when a section's shape or a message changes, so old snapshots are simply ignored.
const VERSION = 7;

/**
 * A section of many texts of which a reader wants only a few: written one per line (none may
 * contain a newline), with the byte where each starts, and read back as a LinesReader that
 * decodes only the lines asked for, so the others cost no time and no memory.
 */
export class Lines {
  /** `count` lines joined by newlines; writing it fails if the text holds any other newline. */
  constructor(
    readonly text: string,
    readonly count: number,
  ) {}

  static of(lines: readonly string[]): Lines {
    return new Lines(lines.join('\n'), lines.length);
  }
}

export interface LinesReader {
  length: number;
  get(i: number): string;
  /** The lines that contain `text` (which has no newline), in order: found in the whole section at once. */
  containing(text: string): number[];
}

/**
 * A section of whole numbers, written as 32-bit integers in this machine's byte order (a
 * snapshot is a cache of this machine's) and read back as an Int32Array without parsing:
 * JSON.parse took 7 ms over the 140,000 numbers of one column at 10,000 anthologies.
 */
export class Ints {
  constructor(readonly values: readonly number[]) {
    for (const v of values) if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw new Error('an Ints section holds a number that is not a 32-bit integer');
  }
}

export interface Snapshot {
  /** The problems the data had when the snapshot was taken, positions included. */
  problems: Problem[];
  /** One section, parsed on first use (a LinesReader for Lines); throws when it cannot be read, which means the snapshot is damaged. */
  section(name: string): unknown;
  /** Let go of the file. */
  close(): void;
}

/**
 * A snapshot as bytes: one JSON line naming the data files it was made from, their problems
 * and where each section starts, then the sections, each a JSON text, Lines or Ints of its
 * own. A reader parses the head and only the sections it needs.
 */
export function encodeSnapshot(key: string, stamps: Stamp[], problems: Problem[], sections: Record<string, unknown>): Buffer {
  const texts: Buffer[] = [];
  const ranges: Head['sections'] = {};
  let at = 0;
  const add = (name: string, value: unknown): void => {
    const text =
      value instanceof Lines
        ? Buffer.from(value.text)
        : value instanceof Ints
          ? Buffer.from(Int32Array.from(value.values).buffer)
          : Buffer.from(JSON.stringify(value));
    ranges[name] = value instanceof Lines ? [at, at + text.length, 'lines'] : value instanceof Ints ? [at, at + text.length, 'ints'] : [at, at + text.length];
    texts.push(text);
    at += text.length;
    if (value instanceof Lines) add(`${name}@`, new Ints(lineStarts(text, value.count)));
  };
  for (const [name, value] of Object.entries(sections)) add(name, value);
  const head = Buffer.from(`${JSON.stringify({ version: VERSION, key, stamps, problems, sections: ranges } satisfies Head)}\n`);
  return Buffer.concat([head, ...texts]);
}

/**
 * Write a snapshot to a temporary file and rename it into place, so a reader never sees half
 * of one; a location that cannot be written only costs speed.
 */
export function writeSnapshot(path: string, bytes: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** A snapshot just encoded, read from memory. */
export function snapshotOf(bytes: Buffer): Snapshot {
  const start = bytes.indexOf(10) + 1;
  const head = JSON.parse(bytes.toString('utf8', 0, start - 1)) as Head;
  return openSections((from, to) => bytes.subarray(start + from, start + to), 'in memory', head, () => undefined);
}

/**
 * The snapshot at `path` if it was made under `key` from exactly these files, unchanged;
 * otherwise undefined (missing, stale, from another version, or damaged), never an error.
 * The file stays open until close(), so a snapshot renamed into place meanwhile cannot mix
 * with this one, and only the sections used are read.
 */
export function readSnapshot(path: string, key: string, stamps: Stamp[]): Snapshot | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { head, start } = readHead(fd);
    const ends = Object.values(head.sections ?? {}).map(([, end]) => end);
    const fresh = head.version === VERSION && head.key === key && JSON.stringify(head.stamps) === JSON.stringify(stamps);
    if (!fresh || start + Math.max(0, ...ends) !== fstatSync(fd).size) throw new Error('stale');
    const file = fd;
    const read = (from: number, to: number): Buffer => {
      const bytes = Buffer.alloc(to - from);
      if (readSync(file, bytes, 0, bytes.length, start + from) !== bytes.length) throw new Error('cut short');
      return bytes;
    };
    return openSections(read, path, head, () => closeSync(file));
  } catch {
    if (fd !== undefined) closeSync(fd);
    return undefined;
  }
}

/** The head line, read in growing chunks; `start` is where the sections begin. */
function readHead(fd: number): { head: Head; start: number } {
  let bytes = Buffer.alloc(0);
  for (let size = 1 << 16; ; size *= 2) {
    const chunk = Buffer.alloc(size);
    const n = readSync(fd, chunk, 0, size, bytes.length);
    if (n === 0) throw new Error('no head line');
    bytes = Buffer.concat([bytes, chunk.subarray(0, n)]);
    const end = bytes.indexOf(10);
    if (end >= 0) return { head: JSON.parse(bytes.toString('utf8', 0, end)) as Head, start: end + 1 };
  }
}

/** Sections parsed on first use, from `read` (the bytes between two offsets after the head). */
function openSections(read: (from: number, to: number) => Buffer, where: string, head: Head, close: () => void): Snapshot {
  const parsed = new Map<string, unknown>();
  const section = (name: string): unknown => {
    if (!parsed.has(name)) {
      try {
        const range = Object.hasOwn(head.sections, name) ? head.sections[name] : undefined;
        if (!range) throw new Error(`no section ${name}`);
        const bytes = read(range[0], range[1]);
        parsed.set(name, range[2] === 'lines' ? linesReader(bytes, section(`${name}@`)) : range[2] === 'ints' ? ints(bytes) : JSON.parse(bytes.toString('utf8')));
      } catch (e) {
        throw new Error(`snapshot ${where}, section ${name}: ${(e as Error).message}`);
      }
    }
    return parsed.get(name);
  };
  return { problems: head.problems, section, close };
}

/** Where each of `count` lines starts in `bytes`, and where one more would: the offsets a LinesReader reads. */
function lineStarts(bytes: Buffer, count: number): number[] {
  const starts = [0];
  if (count === 0) return starts;
  for (let k = bytes.indexOf(10); k >= 0; k = bytes.indexOf(10, k + 1)) starts.push(k + 1);
  starts.push(bytes.length + 1);
  if (starts.length !== count + 1) throw new Error(`a Lines section of ${count} lines has ${starts.length - 1}: a line contains a newline`);
  return starts;
}

function ints(bytes: Buffer): Int32Array {
  if (bytes.length % 4 !== 0) throw new Error('its length is not a whole number of integers');
  // An Int32Array must start at a multiple of 4 in its memory; a copy of its own starts at 0.
  const own = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  return new Int32Array(own.buffer, own.byteOffset, bytes.length / 4);
}

function linesReader(bytes: Buffer, offsets: unknown): LinesReader {
  const at = offsets as Int32Array;
  const fits = at instanceof Int32Array && at[0] === 0 && (at[at.length - 1] === bytes.length + 1 || (at.length === 1 && bytes.length === 0));
  if (!fits) throw new Error('its line offsets do not fit it');
  const length = at.length - 1;
  return {
    length,
    get: (i) => bytes.toString('utf8', at[i], at[i + 1]! - 1),
    containing(part) {
      if (part === '') return Array.from({ length }, (_, i) => i);
      // UTF-8 is searched as bytes: a character's bytes never match inside another's.
      const wanted = Buffer.from(part);
      const found: number[] = [];
      let line = 0;
      for (let k = bytes.indexOf(wanted); k >= 0 && line < length; k = bytes.indexOf(wanted, at[++line]!)) {
        while (at[line + 1]! <= k) line++;
        found.push(line);
      }
      return found;
    },
  };
}

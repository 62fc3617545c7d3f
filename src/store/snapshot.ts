import { closeSync, readSync } from 'node:fs';
import type { Problem } from '../source/problem';
import { isProblemList } from './check';
import { digest } from './digest';
import { openRegular, replaceFile } from './fs';
import type { Stamp } from './stamp';
import { isStamp, sameStamp } from './stamp';

type SectionKind = 'json' | 'lines' | 'ints';

interface Head {
  version: number;
  key: string;
  stamps: Stamp[];
  problems: Problem[];
  /** Per section: its byte range from the end of the head line, its kind and the digest of its bytes. */
  sections: Record<string, [from: number, to: number, kind: SectionKind, digest: string]>;
}

// Bump when the layout changes, so old snapshots are simply ignored.
const VERSION = 9;

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
    for (const v of values)
      if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31)
        throw new Error('an Ints section holds a number that is not a 32-bit integer');
  }
}

/** A snapshot that cannot be used: damaged, cut short, or not what its reader expects. Always means a rebuild. */
export class SnapshotDamage extends Error {}

export interface Snapshot {
  /** The problems the data had when the snapshot was taken, positions included. */
  problems: Problem[];
  /**
   * One section, checked against its digest and parsed on first use: a LinesReader for Lines,
   * an Int32Array for Ints, else the JSON value. Throws SnapshotDamage when it cannot be used.
   */
  section(name: string): unknown;
  /** A JSON section that must pass `check`. */
  json<T>(name: string, check: (v: unknown) => v is T): T;
  lines(name: string): LinesReader;
  ints(name: string): Int32Array;
  /** Let go of the file. */
  close(): void;
}

/**
 * A snapshot as bytes: one line with the digest of the head and the head itself, a JSON text
 * naming the data files it was made from, their problems and where each section lies with
 * its digest; then the sections, each a JSON text, Lines or Ints of its own. A reader parses
 * the head and only the sections it needs, and checks each against its digest first, so a
 * damaged byte anywhere means a rebuild, never a wrong answer.
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
    ranges[name] = [at, at + text.length, value instanceof Lines ? 'lines' : value instanceof Ints ? 'ints' : 'json', digest(text)];
    texts.push(text);
    at += text.length;
    if (value instanceof Lines) add(`${name}@`, new Ints(lineStarts(text, value.count)));
  };
  for (const [name, value] of Object.entries(sections)) add(name, value);
  const head = Buffer.from(JSON.stringify({ version: VERSION, key, stamps, problems, sections: ranges } satisfies Head));
  return Buffer.concat([Buffer.from(`${digest(head)} `), head, Buffer.from('\n'), ...texts]);
}

/** Write a snapshot atomically (store/fs.ts replaceFile); throws when the location cannot be written. */
export function writeSnapshot(path: string, bytes: Buffer): void {
  replaceFile(path, bytes, { durable: false });
}

/** A snapshot just encoded, read from memory. */
export function snapshotOf(bytes: Buffer): Snapshot {
  const start = bytes.indexOf(10) + 1;
  const head = parseHead(bytes.subarray(0, start - 1));
  return openSections(
    (from, to) => bytes.subarray(start + from, start + to),
    'in memory',
    head,
    () => undefined,
  );
}

/**
 * The snapshot at `path` if it was made under `key` from exactly these files, unchanged;
 * otherwise undefined (missing, stale, from another version, or damaged), never an error.
 * The file stays open until close(), so a snapshot renamed into place meanwhile cannot mix
 * with this one, and only the sections used are read.
 */
export function readSnapshot(path: string, key: string, stamps: readonly Stamp[]): Snapshot | undefined {
  let fd: number | undefined;
  try {
    let size: number;
    ({ fd, size } = openRegular(path));
    const { head, start } = readHead(fd);
    const ends = Object.values(head.sections).map(([, end]) => end);
    const fresh =
      head.version === VERSION &&
      head.key === key &&
      head.stamps.length === stamps.length &&
      head.stamps.every((s, i) => sameStamp(s, stamps[i]!));
    if (!fresh || start + Math.max(0, ...ends) !== size) throw new Error('stale');
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
    if (end >= 0) return { head: parseHead(bytes.subarray(0, end)), start: end + 1 };
  }
}

const isRange = (v: unknown): v is Head['sections'][string] =>
  Array.isArray(v) &&
  v.length === 4 &&
  Number.isInteger(v[0]) &&
  Number.isInteger(v[1]) &&
  v[0] >= 0 &&
  v[1] >= v[0] &&
  typeof v[2] === 'string' &&
  ['json', 'lines', 'ints'].includes(v[2]) &&
  typeof v[3] === 'string';

/** The head, checked against its digest and for its shape: anything else is damage. */
function parseHead(line: Buffer): Head {
  const space = line.indexOf(32);
  const text = line.subarray(space + 1);
  if (space < 0 || line.toString('latin1', 0, space) !== digest(text)) throw new SnapshotDamage('the head does not match its digest');
  const head = JSON.parse(text.toString('utf8')) as Partial<Head> | null;
  const fits =
    head !== null &&
    typeof head === 'object' &&
    typeof head.key === 'string' &&
    Array.isArray(head.stamps) &&
    head.stamps.every(isStamp) &&
    isProblemList(head.problems) &&
    typeof head.sections === 'object' &&
    head.sections !== null &&
    Object.values(head.sections).every(isRange);
  if (!fits) throw new SnapshotDamage('the head is not of the right shape');
  return head as Head;
}

/** Sections parsed on first use, from `read` (the bytes between two offsets after the head). */
function openSections(read: (from: number, to: number) => Buffer, where: string, head: Head, close: () => void): Snapshot {
  const parsed = new Map<string, unknown>();
  const section = (name: string): unknown => {
    if (!parsed.has(name)) {
      try {
        const range = Object.hasOwn(head.sections, name) ? head.sections[name] : undefined;
        if (!range) throw new Error('there is no such section');
        const bytes = read(range[0], range[1]);
        if (digest(bytes) !== range[3]) throw new Error('it does not match its digest');
        parsed.set(
          name,
          range[2] === 'lines'
            ? linesReader(bytes, section(`${name}@`))
            : range[2] === 'ints'
              ? ints(bytes)
              : JSON.parse(bytes.toString('utf8')),
        );
      } catch (e) {
        throw new SnapshotDamage(`snapshot ${where}, section ${name}: ${(e as Error).message}`);
      }
    }
    return parsed.get(name);
  };
  const typed = <T>(name: string, check: (v: unknown) => v is T, what: string): T => {
    const value = section(name);
    if (!check(value)) throw new SnapshotDamage(`snapshot ${where}, section ${name}: not ${what}`);
    return value;
  };
  return {
    problems: head.problems,
    section,
    json: (name, check) => typed(name, check, 'of the right shape'),
    lines: (name) => typed(name, (v): v is LinesReader => v instanceof LinesReaderImpl, 'Lines'),
    ints: (name) => typed(name, (v): v is Int32Array => v instanceof Int32Array, 'Ints'),
    close,
  };
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

/**
 * The offsets are checked where the section starts and ends here, and line by line as the
 * lines are read (get, containing): a section of 50,000 lines of which a run reads ten checked
 * every offset in a loop that V8 then compiled, and each run waited for that as it exited.
 */
function linesReader(bytes: Buffer, offsets: unknown): LinesReader {
  const at = offsets as Int32Array;
  const fits =
    at instanceof Int32Array && at[0] === 0 && (at[at.length - 1] === bytes.length + 1 || (at.length === 1 && bytes.length === 0));
  if (!fits) throw new Error('its line offsets do not fit it');
  return new LinesReaderImpl(bytes, at);
}

class LinesReaderImpl implements LinesReader {
  readonly length: number;

  constructor(
    private readonly bytes: Buffer,
    private readonly at: Int32Array,
  ) {
    this.length = at.length - 1;
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.length)) throw new SnapshotDamage(`line ${i} of ${this.length} asked for`);
    const { bytes, at } = this;
    const from = at[i]!;
    const end = at[i + 1]! - 1;
    // A line starts after a newline (or at 0) and ends at one (or at the end): never outside the section.
    if (!(from <= end && (from === 0 || bytes[from - 1] === 10) && (end === bytes.length || bytes[end] === 10)))
      throw new SnapshotDamage(`line ${i} does not lie between two newlines`);
    return bytes.toString('utf8', from, end);
  }

  containing(part: string): number[] {
    const { bytes, at, length } = this;
    if (part === '') return Array.from({ length }, (_, i) => i);
    // UTF-8 is searched as bytes: a character's bytes never match inside another's.
    const wanted = Buffer.from(part);
    const found: number[] = [];
    let line = 0;
    for (let k = bytes.indexOf(wanted); k >= 0 && line < length; k = bytes.indexOf(wanted, at[++line])) {
      while (at[line + 1]! <= k) line++;
      if (!(at[line]! <= k)) throw new SnapshotDamage(`the line offsets do not fit the section`);
      found.push(line);
    }
    return found;
  }
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSnapshot, Ints, Lines, readSnapshot, snapshotOf, SnapshotDamage, writeSnapshot } from '../../src/store/snapshot';
import type { LinesReader } from '../../src/store/snapshot';
import type { Stamp } from '../../src/store/stamp';

const stamps: Stamp[] = [['/data/a.yaml', 10, 1, 3, 2]];
/** Write the sections and read them back, from the file and from memory: both must agree. */
const roundTrip = (sections: Record<string, unknown>): ((name: string) => unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'memories-snapshot-')), 'index.json');
  const bytes = encodeSnapshot('key', stamps, [], sections);
  writeSnapshot(path, bytes);
  const snapshot = readSnapshot(path, 'key', stamps);
  if (!snapshot) throw new Error('the snapshot did not read back');
  const inMemory = snapshotOf(bytes);
  for (const name of Object.keys(sections)) {
    const [a, b] = [snapshot.section(name), inMemory.section(name)];
    if (a && typeof a === 'object' && 'get' in a)
      expect(Array.from({ length: (a as LinesReader).length }, (_, i) => (a as LinesReader).get(i))).toEqual(
        Array.from({ length: (b as LinesReader).length }, (_, i) => (b as LinesReader).get(i)),
      );
    else expect(b).toEqual(a);
  }
  return snapshot.section;
};

describe('snapshot sections', () => {
  it('read back as written: JSON, Ints and Lines, in any script, empty ones included', () => {
    const line = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\n/g, ' '));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 20 }),
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        fc.jsonValue(),
        (lines, numbers, json) => {
          const section = roundTrip({ lines: Lines.of(lines), numbers: new Ints(numbers), json });
          const reader = section('lines') as LinesReader;
          expect(Array.from({ length: reader.length }, (_, i) => reader.get(i))).toEqual(lines);
          expect([...(section('numbers') as Int32Array)]).toEqual(numbers);
          expect(section('json')).toEqual(JSON.parse(JSON.stringify(json)));
          // containing() finds exactly the lines that hold a text: every line's, and a part of one.
          const parts = [...lines, ...lines.map((l) => [...l].slice(0, Math.ceil([...l].length / 2)).join('')), 'x'];
          for (const part of parts)
            if (part !== '') expect(reader.containing(part)).toEqual(lines.flatMap((l, i) => (l.includes(part) ? [i] : [])));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a line with a newline in it, which would read back as two', () => {
    expect(() => encodeSnapshot('key', stamps, [], { lines: Lines.of(['one', 'two\nthree']) })).toThrow(/contains a newline/);
  });

  it('finds the lines that contain a text, by their UTF-8 bytes', () => {
    const reader = roundTrip({ names: Lines.of(['大友克洋|otomo katsuhiro', 'kanno yoko|菅野よう子', '大友']) })('names') as LinesReader;
    expect(reader.containing('大友')).toEqual([0, 2]);
    expect(reader.containing('yoko')).toEqual([1]);
    expect(reader.containing('|')).toEqual([0, 1]);
    expect(reader.containing('nobody')).toEqual([]);
  });

  it('finds any changed byte: the head and every section carry a digest, and damage is SnapshotDamage or no snapshot', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'memories-snapshot-')), 'index.json');
    const sections = { lines: Lines.of(['one', 'two', 'three']), numbers: new Ints([1, 2, 3]), json: { a: [1, 'x'] } };
    writeSnapshot(path, encodeSnapshot('key', stamps, [{ file: 'f', line: 1, col: 1, severity: 'error', message: 'm' }], sections));
    const clean = readFileSync(path);
    fc.assert(
      fc.property(fc.nat({ max: clean.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = Buffer.from(clean);
        bytes[at]! ^= flip;
        writeFileSync(path, bytes);
        const snapshot = readSnapshot(path, 'key', stamps);
        if (snapshot === undefined) return;
        // The head was intact, so the damage is in a section: reading each must fail, or give what was written.
        let damaged = 0;
        for (const name of Object.keys(sections)) {
          try {
            const value = snapshot.section(name);
            if (name === 'json') expect(value).toEqual(sections.json);
          } catch (e) {
            expect(e).toBeInstanceOf(SnapshotDamage);
            damaged++;
          }
        }
        expect(damaged).toBeGreaterThan(0);
        snapshot.close();
      }),
      { numRuns: 300 },
    );
  });
});

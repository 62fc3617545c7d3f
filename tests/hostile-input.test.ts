import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/catalogue/load';
import { parseFile } from '../src/catalogue/parse-file';
import { MAX_FILE_BYTES } from '../src/source/files';
import { BUNDLED, fixture, run } from './helpers';

const STACK = /\n\s+at /;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'memories-bad-'));

/** Validate one folder of tests/fixtures/bad with the bundled data and return the problem lines, folder stripped. */
async function validate(name: string, dir = fixture(`bad/${name}`)): Promise<{ code: number; lines: string[]; stderr: string }> {
  const { stdout, stderr, code } = await run(['validate', dir]);
  expect(stderr).not.toMatch(STACK);
  expect(stdout).not.toMatch(STACK);
  return {
    code,
    lines: stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(`${dir}/`, '')),
    stderr,
  };
}

describe('bad input: a clear message at file:line:col, exit 3, no stack trace', () => {
  it.each([
    [
      'unclosed-bracket',
      ['data.yaml:3:3: error: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }'],
    ],
    ['tab-indentation', ['data.yaml:3:1: error: tab characters cannot indent YAML; indent with spaces']],
    ['duplicate-keys', ['data.yaml:4:5: error: this key appears twice in the same mapping; remove or rename one of them']],
    [
      'several-documents',
      [
        'data.yaml:3:1: error: this file holds more than one YAML document (a second "---"); keep all records in one document or split the file',
      ],
    ],
    [
      'top-level-scalar',
      [
        'data.yaml:1:1: error: a data file must be a mapping with the keys "anthologies", "staff", "releases", "reviews"; found the text "just some text"',
      ],
    ],
    [
      'top-level-list',
      ['data.yaml:1:1: error: a data file must be a mapping with the keys "anthologies", "staff", "releases", "reviews"; found a list'],
    ],
    ['deep-nesting', ['data.yaml:3:5: error: collections are nested too deeply to read; data files need only a few levels']],
    ['long-key', ['data.yaml:4:5: error: a key longer than 1024 characters; keys are field names and ids']],
    [
      'yaml11-values',
      [
        'data.yaml:7:13: error: "status" cannot be yes; use one of: in-print, out-of-print, announced',
        'data.yaml:8:14: error: "runtime" must be a whole number (minutes); found 1:30',
        'data.yaml:9:26: error: "anamorphic" must be true or false; found NO',
      ],
    ],
    [
      'unquoted-identifiers',
      [
        'data.yaml:7:21: error: "catalog_number" must be a quoted string: YAML reads 00123 as a number; write "00123"',
        'data.yaml:8:14: error: "barcode" must be a quoted string: YAML reads 0x1F as a number; write "0x1F"',
      ],
    ],
    [
      'impossible-dates',
      [
        'data.yaml:2:29: error: "born" is not a real calendar date: 1999-02-29',
        'data.yaml:3:29: error: "born" is not a real calendar date: 2001-04-31',
        'data.yaml:4:29: error: "born" is not a real calendar date: 2001-00',
      ],
    ],
    [
      'non-string-keys',
      [
        'data.yaml:4:5: error: keys must be plain text; found the number 1995',
        'data.yaml:5:7: error: keys must be plain text; found a list',
      ],
    ],
    [
      'unknown-tags',
      [
        'data.yaml:2:34: error: the tag !!js/function is not allowed; data files use plain YAML values, so remove it',
        'data.yaml:3:28: error: the tag !custom is not allowed; data files use plain YAML values, so remove it',
      ],
    ],
    [
      'merge-key',
      [
        'data.yaml:3:5: error: unknown field "<<" in staff record',
        'data.yaml:3:5: error: staff record "b" is missing the required field "name"',
      ],
    ],
    ['prototype-keys', ['data.yaml:4:5: error: unknown field "__proto__" in staff record']],
    ['utf16', ['data.yaml:1:1: error: file is not UTF-8 (it looks like UTF-16); save it as UTF-8']],
    ['shift-jis', ['data.yaml:3:11: error: file is not valid UTF-8 (Shift_JIS or Latin-1?); save it as UTF-8']],
    ['nul-byte', ['data.yaml:3:12: error: file contains a NUL byte, which YAML does not allow; is it a binary file?']],
    [
      'dangling-references',
      [
        'data.yaml:9:13: error: credit names staff "katsuhiro-otomoo", which no staff record has; did you mean "katsuhiro-otomo"? Otherwise, add the person under "staff:" or fix the id',
        'data.yaml:11:5: error: release "nowhere": anthology "memoriez" is not an anthology id; did you mean "memories"?',
        'data.yaml:17:5: error: review "of-nothing": subject "nothing-here" is not an anthology or segment id',
      ],
    ],
  ])('%s', async (name, expected) => {
    const { code, lines } = await validate(name);
    expect(lines).toEqual(expected);
    expect(code).toBe(3);
  });

  it.each(['empty-file', 'comment-only', 'bom-and-crlf', 'huge-review'])('%s is accepted', async (name) => {
    const { code, lines } = await validate(name);
    expect(lines).toEqual([]);
    expect(code).toBe(0);
  });

  it('reads a file with a BOM and CRLF line ends as usual', async () => {
    const { stdout } = await run(['--no-bundled', '--data', fixture('bad/bom-and-crlf'), 'staff']);
    expect(stdout).toBe('a\tA\t\t0\n');
  });

  it('wraps a review of 100,000 characters', async () => {
    const { stdout, code } = await run(['--data', fixture('bad/huge-review'), 'review', 'memories'], { tty: true, width: 80 });
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(100_000);
    expect(Math.max(...stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('stops an alias bomb at the use of each alias, without expanding it', async () => {
    const { code, lines } = await validate('alias-bomb');
    expect(code).toBe(3);
    expect(lines.length).toBeLessThanOrEqual(100);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[0]).toMatch(/^data\.yaml:\d+:\d+: error: "aliases" must be a single value; found a list$/);
  });

  it('caps the number of aliases a file may use', async () => {
    const dir = tmp();
    const uses = Array.from({ length: 1100 }, (_, i) => `  - { id: p${i}, name: *n }`).join('\n');
    writeFileSync(join(dir, 'data.yaml'), `staff:\n  - { id: first, name: &n Name }\n${uses}\n`);
    const { code, lines } = await validate('', dir);
    expect(code).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(
        /^data\.yaml:\d+:5: error: more than 1000 aliases \(\*name\) in this file; write the values out instead\. The rest of the file was not read$/,
      ),
    ]);
  });

  it('loads the good records of a file and skips only the bad one', async () => {
    const { stdout, stderr } = await run(['--no-bundled', '--data', fixture('bad/bad-record-among-good'), 'staff']);
    expect(stdout).toBe('good-one\tGood One\t\t0\ngood-two\tGood Two\t\t0\n');
    expect(stderr).toContain('data.yaml:3:37: error: "born" must be a date written YYYY, YYYY-MM or YYYY-MM-DD; found yesterday');
  });

  it('pollutes no prototype', async () => {
    await run(['--data', fixture('bad/prototype-keys'), 'staff', '--json']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses a file over the size cap before reading it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const { code, lines } = await validate('', dir);
    expect(code).toBe(3);
    expect(lines).toEqual(['big.yaml:1:1: error: file is 16.0 MB, over the 16.0 MB limit; split it into smaller files']);
  });

  it('reads one enormous value within the cap, and refuses one over it with one problem', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'data.yaml'), `staff:\n  - id: big\n    name: Big\n    notes: "${'x'.repeat(900_000)}"\n`);
    expect((await validate('', dir)).code).toBe(0);
    writeFileSync(join(dir, 'data.yaml'), `staff:\n  - id: big\n    name: Big\n    notes: "${'x'.repeat(2_000_000)}"\n`);
    expect((await validate('', dir)).lines).toEqual([
      'data.yaml:4:12: error: "notes" is 2000000 characters long, more than the 1000000 a value may have',
    ]);
  });

  it('never opens a FIFO', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const { code, lines } = await validate('', dir);
    expect(code).toBe(3);
    expect(lines).toEqual([
      'pipe.yaml:1:1: error: not a regular file (a FIFO, socket or device?); data files must be plain files, so it was not read',
    ]);
  });

  it('survives symbolic link loops, of files and of folders', async () => {
    const dir = tmp();
    symlinkSync(join(dir, 'loop.yaml'), join(dir, 'loop.yaml'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'sub', 'back'));
    const { code, lines } = await validate('', dir);
    expect(code).toBe(3);
    expect(lines).toEqual(['loop.yaml:1:1: error: cannot read file: too many levels of symbolic links (a link loop?)']);
  });

  it('reports an unreadable file (as a user; root reads everything)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'secret.yaml'), 'staff: []\n');
    chmodSync(join(dir, 'secret.yaml'), 0);
    const { lines } = await validate('', dir);
    if (process.getuid?.() === 0) expect(lines).toEqual([]);
    else expect(lines).toEqual(['secret.yaml:1:1: error: cannot read file: permission denied']);
  });

  it('exits 4 for a missing --data folder', async () => {
    const { code, stderr } = await run(['--data', '/no/such/place', 'validate']);
    expect(code).toBe(4);
    expect(stderr).toBe(
      'memories: data folder /no/such/place: no such file or folder; check the path (given with --data, MEMORIES_DATA or to validate)\n',
    );
  });

  it('names both places of an id defined in two folders', async () => {
    const { stdout, code } = await run(['--data', fixture('duplicate-ids'), '--data', fixture('duplicate-ids'), 'validate']);
    expect(code).toBe(3);
    expect(stdout).toContain('duplicate staff id "katsuhiro-otomo": already defined at');
  });
});

describe('random damage to a valid file', () => {
  const original = readFileSync(join(BUNDLED, 'memories.yaml'), 'utf8');
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.stringMatching(/^[-:{}[\]&*!|>'"#,?%@` \n\ta-z0-9]{1,8}$/) }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5 }) }),
  );

  function apply(
    text: string,
    d: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; length?: number; text?: string },
  ): string {
    const at = d.at % (text.length + 1);
    if (d.kind === 'delete') return text.slice(0, at) + text.slice(at + d.length!);
    if (d.kind === 'insert') return text.slice(0, at) + d.text! + text.slice(at);
    const lines = text.split('\n');
    const i = d.at % lines.length;
    const j = Math.min(lines.length - 1, i + d.length!);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }

  it('never makes the loader throw, and every problem has a position', () => {
    const dir = tmp();
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 4 }), (damages) => {
        writeFileSync(join(dir, 'memories.yaml'), damages.reduce(apply, original));
        const started = Date.now();
        const { problems } = loadCatalogue([dir], { parse: parseFile });
        // A generous bound on a shared machine: a 15 KB file takes milliseconds.
        expect(Date.now() - started).toBeLessThan(2000);
        for (const p of problems.list) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.message).not.toBe('');
        }
      }),
      { numRuns: 150 },
    );
  });
});

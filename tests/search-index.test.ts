import { cpSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as heavy from '../src/cli/heavy';
import { digest } from '../src/store/digest';
import { BUNDLED, fixture, run } from './helpers';
import type { RunResult } from './helpers';

const LONG_AGO = new Date('2020-01-01T00:00:00Z');

/** Copies of data folders with old mtimes: a file changed in the last two seconds is never indexed. */
function copyFolders(...sources: string[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'memories-index-'));
  return sources.map((source, i) => {
    const dir = join(root, `data-${i}`);
    cpSync(source, dir, { recursive: true });
    for (const name of readdirSync(dir)) utimesSync(join(dir, name), LONG_AGO, LONG_AGO);
    return dir;
  });
}

/** A heavy bundle that counts the data files a run parses. */
function counting(): { heavy: typeof heavy; parsed: () => number } {
  let parsed = 0;
  return {
    heavy: {
      ...heavy,
      parseFile: (...args: Parameters<typeof heavy.parseFile>) => {
        parsed++;
        return heavy.parseFile(...args);
      },
    },
    parsed: () => parsed,
  };
}

const indexFiles = (cacheDir: string): string[] => readdirSync(cacheDir).filter((f) => f.startsWith('search-'));

const COLLECTION = `owned:
  - release: memories-us-dvd-2004
  - release: no-such-release
wanted:
  - release: robot-carnival-discotek-bluray
viewings:
  - { work: magnetic-rose, date: 2024-05-01, rating: 9 }
  - { work: stink-bomb, rating: 6.5 }
  - { work: no-such-work, rating: 3 }
`;

function setup(): { data: string[]; cacheDir: string; env: Record<string, string>; args: string[] } {
  // The bundled data, a folder with problems of every stage (a bad file, dangling references) and a user's release.
  const data = copyFolders(BUNDLED, fixture('broken-file'), fixture('dangling-references'), fixture('user-release'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'memories-index-cache-'));
  const collection = join(cacheDir, 'collection.yaml');
  writeFileSync(collection, COLLECTION);
  return {
    data,
    cacheDir,
    env: { NO_COLOR: '1', MEMORIES_COLLECTION: collection },
    args: ['--no-bundled', ...data.flatMap((d) => ['--data', d])],
  };
}

const QUERIES = [
  ['director:otomo'],
  ['otomo'],
  ['大友克洋'],
  ['Ōtomo Katsuhiro'],
  ['kanno'],
  ['music:kanno', 'year:1990..'],
  ['magnetic', '^director:morimoto'],
  ['title:="Memories"'],
  ['format:dvd,format:blu-ray'],
  ['audio:japanese', 'region:1'],
  ['name:kon'],
  ['role:director', 'born:..1960'],
  ['owned:yes'],
  ['wanted:yes'],
  ['watched:yes'],
  ['rating:6..10'],
  ['studio:4c'],
  ['runtime:..20'],
  ['nothing-matches-this'],
  ['--limit', '2', 'o'],
];

describe('the stored search index', () => {
  const { cacheDir, env, args } = setup();
  const live = (query: string[], tty = false): Promise<RunResult> => run([...args, 'search', ...query], { env, tty });
  const stored = (query: string[], h = heavy, tty = false): Promise<RunResult> =>
    run([...args, 'search', ...query], { env, tty, indexDir: cacheDir, heavy: h });

  it('is written by a search, then answers searches without parsing a file', async () => {
    const cold = await stored(['director:otomo']);
    expect(indexFiles(cacheDir)).toHaveLength(1);
    const c = counting();
    const warm = await stored(['director:otomo'], c.heavy);
    expect(c.parsed()).toBe(0);
    expect(warm).toEqual(cold);
  });

  it.each(QUERIES)('answers %s as the catalogue does, warnings included', async (...query) => {
    await stored(['director:otomo']);
    const c = counting();
    const warm = await stored(query, c.heavy);
    expect(c.parsed()).toBe(0);
    expect(warm).toEqual(await live(query));
    expect(warm.stderr).toContain('no-such-release');
    expect(warm.stderr).toContain('broken.yaml');
  });

  it('answers as the catalogue does in a terminal too', async () => {
    await stored(['director:otomo']);
    expect(await stored(['kanno'], heavy, true)).toEqual(await live(['kanno'], true));
  });

  it('agrees with the catalogue on any query built from the data words and fields', async () => {
    await stored(['director:otomo']);
    const fields = [
      '',
      'title:',
      'director:',
      'music:',
      'staff:',
      'studio:',
      'name:',
      'publisher:',
      'anthology:',
      'format:',
      '^',
      'title:=',
      'year:',
      'owned:',
      'watched:',
    ];
    const words = [
      'memories',
      'otomo',
      'ōtomo',
      '大友',
      'kon',
      'satoshi',
      'robot',
      'carnival',
      'neo',
      'tokyo',
      'short',
      'peace',
      'blu',
      'dvd',
      '1987',
      '1995..',
      'yes',
      'no',
      'a',
      'ｍｅｍｏｒｉｅｓ',
      'カーニバル',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...fields), fc.constantFrom(...words)), { minLength: 1, maxLength: 3 }),
        async (terms) => {
          const query = terms.map(([f, w]) => f + w);
          expect(await stored(query)).toEqual(await live(query));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('follows the collection, which it does not store', async () => {
    await stored(['director:otomo']);
    const collection = env.MEMORIES_COLLECTION!;
    writeFileSync(collection, 'owned:\n  - release: robot-carnival-discotek-bluray\n');
    try {
      const c = counting();
      const warm = await stored(['owned:yes'], c.heavy);
      expect(c.parsed()).toBe(0);
      expect(warm.stdout).toContain('robot-carnival');
      expect(warm.stdout).not.toContain('memories-us-dvd-2004');
      expect(warm).toEqual(await live(['owned:yes']));
    } finally {
      writeFileSync(collection, COLLECTION);
    }
  });
});

describe('a stored index is never trusted over the files', () => {
  it('is rebuilt when a data file changes', async () => {
    const { cacheDir, env, args, data } = setup();
    await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir });
    const file = join(data[3]!, 'my-bluray.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/publisher: .*/, 'publisher: Brand New Label'));
    utimesSync(file, new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'));
    const c = counting();
    const r = await run([...args, 'search', 'publisher:brand'], { env, indexDir: cacheDir, heavy: c.heavy });
    expect(c.parsed()).toBeGreaterThan(0);
    expect(r.stdout).toContain('release');
    expect(r).toEqual(await run([...args, 'search', 'publisher:brand'], { env }));
  });

  it('is not written while a file has just changed, whose stamp a second edit could keep', async () => {
    const { cacheDir, env, args, data } = setup();
    const file = join(data[3]!, 'my-bluray.yaml');
    utimesSync(file, new Date(), new Date());
    await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir, storeNow: Date.now });
    expect(indexFiles(cacheDir)).toEqual([]);
  });

  it('is rebuilt when damaged, and the search still answers right, warning once', async () => {
    const { cacheDir, env, args } = setup();
    const expected = await run([...args, 'search', 'kanno'], { env });
    await run([...args, 'search', 'kanno'], { env, indexDir: cacheDir });
    const [name] = indexFiles(cacheDir);
    const path = join(cacheDir, name!);
    const text = readFileSync(path, 'utf8');
    const head = text.slice(0, text.indexOf('\n') + 1);
    // Same length, so the head still fits the file, but a section is no longer JSON.
    writeFileSync(path, head + text.slice(head.length).replace(/\[/g, '{'));
    expect(await run([...args, 'search', 'kanno'], { env, indexDir: cacheDir })).toEqual(expected);
    expect(readFileSync(path, 'utf8')).toBe(text);
    for (const damage of ['', 'not json\n', head, text.slice(0, text.length - 10)]) {
      writeFileSync(path, damage);
      expect(await run([...args, 'search', 'kanno'], { env, indexDir: cacheDir })).toEqual(expected);
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
  });

  it('keeps cells that hold tabs, newlines, backslashes and escape codes, and prints them escaped', async () => {
    const [dir] = copyFolders(fixture('dangling-references'));
    const title = 'Tab\\there\\\\back\\nline\\e[2J\\x9b1m\\u202eend';
    writeFileSync(
      join(dir!, 'odd.yaml'),
      `anthologies:\n  - { id: odd-cells, title: "${title}", year: 1990, segments: [{ id: odd-1, title: One }] }\n`,
    );
    utimesSync(join(dir!, 'odd.yaml'), LONG_AGO, LONG_AGO);
    const cacheDir = mkdtempSync(join(tmpdir(), 'memories-index-cache-'));
    const args = ['--no-bundled', '--data', dir!, 'search', 'tab'];
    const env = { NO_COLOR: '1' };
    const live = await run(args, { env });
    expect(live.stdout).toContain('work\todd-cells\tTab^Ihere\\back^Jline^[[2J\\u009b1m\\u202eend\t(anthology)\t1990\t');
    await run(args, { env, indexDir: cacheDir });
    expect(indexFiles(cacheDir)).toHaveLength(1);
    expect(await run(args, { env, indexDir: cacheDir })).toEqual(live);
  });

  it('is rebuilt when a section has the wrong shape, even with its checksums made to fit', async () => {
    const { cacheDir, env, args } = setup();
    const expected = await run([...args, 'search', 'otomo'], { env });
    await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir });
    const path = join(cacheDir, indexFiles(cacheDir)[0]!);
    const text = readFileSync(path);
    const start = text.indexOf(10) + 1;
    // The head line is its checksum, a space, and the head, which holds each section's range and checksum.
    const head = JSON.parse(text.subarray(text.indexOf(32) + 1, start).toString()) as {
      sections: Record<string, [number, number, string, string]>;
    };
    /** The damaged bytes with every checksum made to fit them, so that only a shape check can tell. */
    const sealed = (damaged: Buffer): Buffer => {
      for (const range of Object.values(head.sections)) range[3] = digest(damaged.subarray(start + range[0], start + range[1]));
      const line = JSON.stringify(head);
      return Buffer.concat([Buffer.from(`${digest(Buffer.from(line))} ${line}\n`), damaged.subarray(start)]);
    };
    const expectRebuilt = async (damaged: Buffer): Promise<void> => {
      writeFileSync(path, sealed(damaged));
      expect(await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir })).toEqual(expected);
      expect(readFileSync(path).equals(text)).toBe(true);
    };
    // The sealing itself changes nothing: the same file back.
    expect(sealed(Buffer.from(text)).equals(text)).toBe(true);
    // JSON sections, and the binary ones (people columns, line offsets) that give the others their shape.
    for (const name of ['names@', 'names.keys@', 'works.staff', 'works.ids', 'works.rows@', 'works.title.keys@', 'works.title@']) {
      const [from, to] = head.sections[name]!;
      const damaged = Buffer.from(text);
      // Valid JSON of the same length: an empty object where a list or number belongs; in a
      // binary section, numbers that do not fit.
      damaged.write(`{${' '.repeat(to - from - 2)}}`, start + from);
      await expectRebuilt(damaged);
    }
    const [from, to] = head.sections['works.staff']!;
    const int = endianness() === 'LE' ? ('Int32LE' as const) : ('Int32BE' as const);
    // A people column of the right shape that names someone the index does not have.
    const nobody = Buffer.from(text);
    nobody[`write${int}`](1_000_000, start + to - 4);
    await expectRebuilt(nobody);
    // One whose credits are not in item order: the first credit moved to the last item.
    const unordered = Buffer.from(text);
    unordered[`write${int}`](unordered[`read${int}`](start + from + (to - from) / 2 - 4), start + from);
    await expectRebuilt(unordered);
    // A row of one cell fewer: a tab between two cells made a space.
    const [rowsFrom] = head.sections['works.rows']!;
    const merged = Buffer.from(text);
    merged[merged.indexOf(9, start + rowsFrom)] = 32;
    await expectRebuilt(merged);
  });

  it('is neither used nor written when a folder holds a file that cannot be read', async () => {
    const { cacheDir, env, args, data } = setup();
    execFileSync('mkfifo', [join(data[3]!, 'pipe.yaml')]);
    const r = await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir });
    expect(r.stderr).toContain('pipe.yaml');
    expect(indexFiles(cacheDir)).toEqual([]);
  });

  it('reports a missing folder as a cold search does', async () => {
    const { cacheDir, env } = setup();
    const args = ['--no-bundled', '--data', join(cacheDir, 'nowhere'), 'search', 'otomo'];
    const r = await run(args, { env, indexDir: cacheDir });
    expect(r.code).toBe(4);
    expect(r).toEqual(await run(args, { env }));
  });

  it('is rewritten by another build, in the same file', async () => {
    const { cacheDir, env, args } = setup();
    await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir, build: 'one' });
    const c = counting();
    const r = await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir, build: 'two', heavy: c.heavy });
    expect(c.parsed()).toBeGreaterThan(0);
    expect(r).toEqual(await run([...args, 'search', 'otomo'], { env }));
    expect(indexFiles(cacheDir)).toHaveLength(1);
    const again = counting();
    await run([...args, 'search', 'otomo'], { env, indexDir: cacheDir, build: 'two', heavy: again.heavy });
    expect(again.parsed()).toBe(0);
  });

  it('is kept per set of folders', async () => {
    const { cacheDir, env, data } = setup();
    await run(['--no-bundled', '--data', data[0]!, 'search', 'otomo'], { env, indexDir: cacheDir });
    await run(['--no-bundled', '--data', data[0]!, '--data', data[3]!, 'search', 'otomo'], { env, indexDir: cacheDir });
    expect(indexFiles(cacheDir)).toHaveLength(2);
  });
});

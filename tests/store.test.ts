import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as heavy from '../src/cli/heavy';
import { folderCacheFile } from '../src/store/paths';
import { BUNDLED, fixture, run } from './helpers';
import type { RunResult } from './helpers';

// The store (src/store/): whatever its files hold and wherever its folder is, a run answers
// exactly as a run with no cache does.

const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

function dataFolder(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'memories-store-')), 'data');
  cpSync(BUNDLED, join(dir, 'bundled'), { recursive: true });
  cpSync(fixture('dangling-references'), join(dir, 'dangling'), { recursive: true });
  cpSync(fixture('broken-file'), join(dir, 'broken'), { recursive: true });
  for (const sub of readdirSync(dir)) for (const name of readdirSync(join(dir, sub))) utimesSync(join(dir, sub, name), LONG_AGO, LONG_AGO);
  return dir;
}

/** One command of every kind that reads the catalogue. */
const COMMANDS = [
  ['list'],
  ['list', 'director:otomo'],
  ['segments'],
  ['staff'],
  ['releases'],
  ['show', 'memories'],
  ['show', 'magnetic-rose'],
  ['compare', 'memories-us-dvd-2004', 'memories-gb-dvd-2004'],
  ['reviews'],
  ['validate'],
  ['search', 'otomo'],
  ['search', 'music:kanno'],
  ['list', 'owned:yes'],
  // Answered from the stored views when warm (query/views.ts), with the paths they fall back on.
  ['list', '--limit', '2'],
  ['segments', '--csv'],
  ['staff', '--json'],
  ['show', 'otomo'],
  ['show', 'Katsuhiro Otomo', '--json'],
  ['show', 'memories-us-dvd-2004'],
  ['show', 'stink-bomb', '--role', 'director'],
  ['show', 'nothing-called-this'],
  ['show', 'rose'],
  ['compare', 'memories'],
  ['compare', 'stink-bomb', 'nothing-called-this'],
  ['validate', '--json'],
];

function setup(): { args: string[]; env: Record<string, string>; cacheDir: string } {
  const data = dataFolder();
  const root = join(data, '..');
  const collection = join(root, 'collection.yaml');
  writeFileSync(
    collection,
    'owned:\n  - release: memories-us-dvd-2004\n  - release: nothing-like-it\nviewings:\n  - { work: stink-bomb, rating: 7 }\n',
  );
  utimesSync(collection, LONG_AGO, LONG_AGO);
  return { args: ['--no-bundled', '--data', data], env: { NO_COLOR: '1', MEMORIES_COLLECTION: collection }, cacheDir: join(root, 'cache') };
}

const noPager = (command: string[]): string[] => (command[0] === 'show' ? [...command, '--no-pager'] : command);

describe('answers from the store', () => {
  it('equal the answers from the files, for every kind of command, cold and warm', async () => {
    const { args, env, cacheDir } = setup();
    for (const command of COMMANDS) {
      const live = await run([...args, ...noPager(command)], { env });
      expect(live.code, command.join(' ')).not.toBe(1);
      const cold = await run([...args, ...noPager(command)], { env, cacheDir });
      const warm = await run([...args, ...noPager(command)], { env, cacheDir });
      expect(cold, command.join(' ')).toEqual(live);
      expect(warm, command.join(' ')).toEqual(live);
    }
    expect(readdirSync(cacheDir).some((f) => f.startsWith('search-'))).toBe(true);
  });

  it('answer warm tables, show, compare and validate from the views, reading no data file', async () => {
    const { args, env, cacheDir } = setup();
    let parsed = 0;
    const counting = { ...heavy, parseFile: (...a: Parameters<typeof heavy.parseFile>) => (parsed++, heavy.parseFile(...a)) };
    // No folder caches (indexDir alone): a run that loaded the catalogue would parse every file.
    const commands = [
      ['list'],
      ['list', '--limit', '1'],
      ['segments'],
      ['staff'],
      ['releases', '--csv'],
      ['show', 'memories'],
      ['show', 'otomo'],
      ['show', 'memories-gb-dvd-2004', '--json'],
      ['compare', 'memories'],
      ['validate'],
    ];
    await run([...args, 'validate'], { env, indexDir: cacheDir });
    expect(readdirSync(cacheDir).some((f) => f.startsWith('views-'))).toBe(true);
    for (const command of commands) {
      const live = await run([...args, ...noPager(command)], { env });
      parsed = 0;
      expect(await run([...args, ...noPager(command)], { env, indexDir: cacheDir, heavy: counting }), command.join(' ')).toEqual(live);
      expect(parsed, command.join(' ')).toBe(0);
    }
  });

  it('are rebuilt by a new build, which parses every file again', async () => {
    const { args, env, cacheDir } = setup();
    let parsed = 0;
    const counting = { ...heavy, parseFile: (...a: Parameters<typeof heavy.parseFile>) => (parsed++, heavy.parseFile(...a)) };
    await run([...args, 'validate'], { env, cacheDir, build: 'one' });
    await run([...args, 'validate'], { env, cacheDir, build: 'one', heavy: counting });
    expect(parsed).toBe(0);
    await run([...args, 'validate'], { env, cacheDir, build: 'two', heavy: counting });
    expect(parsed).toBeGreaterThan(5);
  });

  it('survive a few hundred random byte flips in every store file, each answered as the files answer', async () => {
    const { args, env, cacheDir } = setup();
    // Commands that print every record, so that a flipped letter anywhere would show.
    const commands = [
      ['search', 'o'],
      ['validate'],
      ['list', '--json'],
      ['staff', '--json'],
      ['releases', '--json'],
      ['reviews', '--json'],
      ['list', 'owned:yes'],
      ['segments'],
      ['show', 'otomo', '--json'],
      ['compare', 'memories', '--json'],
    ];
    const expected = new Map<string, RunResult>();
    for (const command of commands) expected.set(command.join(' '), await run([...args, ...command], { env }));
    for (const command of commands) await run([...args, ...command], { env, cacheDir });
    const files = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    expect(files.filter((f) => /^(search|views)-/.test(f))).toHaveLength(2);
    const clean = new Map(files.map((f) => [f, readFileSync(join(cacheDir, f))]));
    // Half the flips turn a letter into another letter, which leaves JSON valid: only a digest finds those.
    // The digest at the head of each file is left out of the letters, or most of those flips would only hit it.
    const letters = new Map(
      [...clean].map(([f, bytes]) => [
        f,
        [...bytes.keys()].filter((i) => i > bytes.indexOf(0x20) && bytes[i]! >= 0x61 && bytes[i]! <= 0x7a),
      ]),
    );
    // Unbiased: fast-check leans towards small and extreme values, which would keep hitting the first bytes.
    const where = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        where,
        fc.boolean(),
        fc.integer({ min: 1, max: 255 }),
        fc.constantFrom(...commands),
        async (file, at, letter, flip, command) => {
          const bytes = Buffer.from(clean.get(file)!);
          if (letter) {
            const i = letters.get(file)![at % letters.get(file)!.length]!;
            bytes[i] = 0x61 + ((bytes[i]! - 0x61 + 1 + (flip % 25)) % 26);
          } else bytes[at % bytes.length]! ^= flip;
          writeFileSync(join(cacheDir, file), bytes);
          expect(await run([...args, ...command], { env, cacheDir })).toEqual(expected.get(command.join(' ')));
          for (const [name, text] of clean) writeFileSync(join(cacheDir, name), text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The built command, with its cache wherever XDG_CACHE_HOME says. */
function memories(args: string[], env: Record<string, string>): { stdout: string; stderr: string; status: number | null; ms: number } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, ms: Date.now() - started };
}

describe('the built command with a store it cannot use', () => {
  const { args, env } = setup();
  const root = mkdtempSync(join(tmpdir(), 'memories-store-places-'));
  const file = join(root, 'a-file');
  writeFileSync(file, 'not a folder');
  const baseline = memories([...args, 'search', 'otomo'], { ...env, XDG_CACHE_HOME: join(root, 'baseline') });

  it.each([
    ['under a regular file', join(file, 'cache')],
    ['the regular file itself', file],
    ['under /proc', '/proc/memories-cache'],
    ['under /proc/self', '/proc/self/memories-cache'],
    ['relative, which XDG says to ignore', 'relative/cache'],
  ])('%s: answers as with no cache, at once, saying why only under MEMORIES_DEBUG', (_, place) => {
    const r = memories([...args, 'search', 'otomo'], { ...env, XDG_CACHE_HOME: place, HOME: join(root, 'home') });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(baseline.stdout);
    expect(r.stderr).toBe(baseline.stderr);
    // Bounded, not timed: a spin or a hang would take the whole timeout.
    expect(r.ms).toBeLessThan(10_000);
    const debug = memories([...args, 'search', 'otomo'], { ...env, XDG_CACHE_HOME: place, HOME: join(root, 'home'), MEMORIES_DEBUG: '1' });
    expect(debug.status).toBe(0);
    expect(debug.stdout).toBe(baseline.stdout);
    expect(existsSync(join(root, 'relative'))).toBe(false);
  });

  it('never opens a store file that is a FIFO or a link (to /dev/zero), and replaces it', () => {
    const cache = join(root, 'odd');
    memories([...args, 'search', 'otomo'], { ...env, XDG_CACHE_HOME: cache });
    const dir = join(cache, 'memories');
    const names = readdirSync(dir);
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const odd of ['fifo', 'link']) {
      for (const name of names) {
        rmSync(join(dir, name));
        if (odd === 'fifo') spawnSync('mkfifo', [join(dir, name)]);
        else symlinkSync('/dev/zero', join(dir, name));
      }
      const r = memories([...args, 'search', 'otomo'], { ...env, XDG_CACHE_HOME: cache });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(baseline.stdout);
      expect(r.ms).toBeLessThan(10_000);
    }
  });

  it('removes the temporary files that killed runs left beside a cache', () => {
    const cache = join(root, 'temps');
    memories([...args, 'validate'], { ...env, XDG_CACHE_HOME: cache });
    const dir = join(cache, 'memories');
    // The data folder's cache, which the second run rewrites (the collection's cache it would not).
    const name = basename(folderCacheFile(dir, args[2]!));
    expect(existsSync(join(dir, name))).toBe(true);
    // A pid that cannot be running (above the kernel's limit), in this version's form and the old one's.
    const dead = [`${name}.tmp-99999999-0badf00d`, `${name}.99999999.tmp`];
    for (const temp of dead) writeFileSync(join(dir, temp), 'half a cache');
    mkdirSync(join(args[2]!, 'new'));
    writeFileSync(join(args[2]!, 'new', 'one.yaml'), 'staff:\n  - { id: new-person, name: New Person }\n');
    utimesSync(join(args[2]!, 'new', 'one.yaml'), LONG_AGO, LONG_AGO);
    memories([...args, 'validate'], { ...env, XDG_CACHE_HOME: cache });
    for (const temp of dead) expect(existsSync(join(dir, temp))).toBe(false);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as heavy from '../src/cli/heavy';
import { run, SOME_RELEASES } from './helpers';

// Every way the collection file was seen to lose entries or end in "internal error" (issue 12),
// each through the command a user runs.

const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));
const US = 'memories-us-dvd-2004';
const GB = 'memories-gb-dvd-2004';
const JP = 'memories-jp-dvd-1999';

function place(text?: string | Buffer): { dir: string; file: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'memories-safety-'));
  const file = join(dir, 'collection.yaml');
  if (text !== undefined) writeFileSync(file, text);
  return { dir, file, env: { NO_COLOR: '1', MEMORIES_COLLECTION: file } };
}

/** The collection's content without positions, as the decoder reads it. */
function content(file: string): { owned: string[]; wanted: string[]; viewings: string[]; notes: (string | undefined)[] } {
  const { collection, problems } = heavy.loadCollection(file);
  expect(problems.list).toEqual([]);
  return {
    owned: collection.owned.map((o) => o.release),
    wanted: collection.wanted.map((w) => w.release),
    viewings: collection.viewings.map((v) => `${v.work}@${v.date ?? ''}`),
    notes: [...collection.owned, ...collection.wanted, ...collection.viewings].map((e) => e.note),
  };
}

/** A pid that no process has any more. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('any YAML a person writes', () => {
  it('keeps the entries of a flow-style list when adding to it', async () => {
    const { file, env } = place(`owned: [{release: ${US}}]\n`);
    expect((await run(['own', GB], { env })).code).toBe(0);
    expect(content(file).owned).toEqual([US, GB]);
  });

  it('moves a release out of a flow-style wishlist, and removes from a flow-style list', async () => {
    const { file, env } = place(`owned: [{release: ${US}}, {release: ${JP}}]\nwanted: [{release: ${GB}}]\n`);
    const r = await run(['own', GB], { env });
    expect([r.code, r.stderr]).toEqual([0, `added ${GB} to your collection (and took it off your wishlist)\n`]);
    expect((await run(['unown', US], { env })).code).toBe(0);
    expect(content(file)).toMatchObject({ owned: [JP, GB], wanted: [] });
  });

  it('keeps the comment above the next item when removing one', async () => {
    const { file, env } = place(`owned:\n  - release: ${US}\n  # bought in Osaka\n  - release: ${GB}\n`);
    expect((await run(['unown', US], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`owned:\n  # bought in Osaka\n  - release: ${GB}\n`);
  });

  it('stores long and multi-line notes as proper scalars', async () => {
    const { file, env } = place(`owned:\n  - release: ${US}\n`);
    const long = 'A long note about the slipcase, the booklet, the obi and the shop it came from, all of it kept.';
    expect((await run(['own', GB, '--note', long], { env })).code).toBe(0);
    expect((await run(['watched', 'magnetic-rose', '--note', 'a\nb'], { env })).code).toBe(0);
    expect(content(file).notes).toEqual([undefined, long, 'a\nb']);
  });

  it('edits a file that ends with "..." or has no final newline', async () => {
    const dots = place(`---\nowned:\n  - release: ${US}\n...\n`);
    expect((await run(['want', GB], { env: dots.env })).code).toBe(0);
    expect(content(dots.file)).toMatchObject({ owned: [US], wanted: [GB] });
    expect(readFileSync(dots.file, 'utf8')).toMatch(/\n\.\.\.\n$/);
    const bare = place('wanted: ~ # c');
    expect((await run(['want', GB], { env: bare.env })).code).toBe(0);
    expect(readFileSync(bare.file, 'utf8')).toBe(`wanted: # c\n  - release: ${GB}\n    added: 2026-11-21\n`);
  });

  it('refuses, exit 3 and nothing written, an edit that would change other entries', async () => {
    // The wanted list is the same node as the owned one: taking GB off it would take it off both.
    const text = `owned: &both\n  - release: ${GB}\nwanted: *both\n`;
    const { file, env } = place(text);
    const r = await run(['unwant', GB], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot change without changing other entries.*nothing was written/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('bytes kept', () => {
  it('refuses a file that is not UTF-8, with the position of the first bad byte, exit 3', async () => {
    // "note: 名" in Shift_JIS.
    const bytes = Buffer.concat([Buffer.from(`owned:\n  - release: ${US}\n    note: `), Buffer.from([0x96, 0xbc]), Buffer.from('\n')]);
    const { file, env } = place(bytes);
    const r = await run(['own', GB], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:3:11: error: file is not valid UTF-8`);
    expect(r.stderr.match(/not valid UTF-8/g)).toHaveLength(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file over the size cap before reading it, exit 3', async () => {
    const { file, env } = place('');
    truncateSync(file, 17 * 1024 * 1024);
    const r = await run(['own', GB], { env });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      3,
      `${file}:1:1: error: the collection file is over the 16 MB limit; is it really a collection file?`,
    ]);
  });

  it('keeps a byte order mark and CRLF line ends, new lines included', async () => {
    const { file, env } = place(`\uFEFF# mine\r\nowned:\r\n  - release: ${US}\r\n`);
    expect((await run(['own', GB, '--note', 'x'], { env })).code).toBe(0);
    expect((await run(['watched', 'cannon-fodder'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      `\uFEFF# mine\r\nowned:\r\n  - release: ${US}\r\n  - release: ${GB}\r\n    note: x\r\n    added: 2026-11-21\r\nviewings:\r\n  - work: cannon-fodder\r\n    date: 2026-11-21\r\n`,
    );
  });
});

describe('any path', () => {
  it('fails at once, exit 4, for a path under /proc or through a regular file', async () => {
    const { dir, env } = place();
    writeFileSync(join(dir, 'plain'), 'x');
    for (const path of ['/proc/nosuch/collection.yaml', join(dir, 'plain', 'collection.yaml')]) {
      const started = Date.now();
      const r = await run(['own', US], { env: { ...env, MEMORIES_COLLECTION: path } });
      expect([r.code, Date.now() - started < 1000]).toEqual([4, true]);
      expect(r.stderr).toMatch(/^memories: cannot create the folder .* set MEMORIES_COLLECTION to a file in a folder you can write\n$/);
    }
  });

  it('refuses a FIFO, a device, a folder and a read-only file, exit 4, and never touches them', async () => {
    const { dir, env } = place();
    const fifo = join(dir, 'fifo.yaml');
    spawnSync('mkfifo', [fifo]);
    const readOnly = join(dir, 'ro.yaml');
    writeFileSync(readOnly, 'owned: []\n');
    chmodSync(readOnly, 0o444);
    for (const path of [fifo, '/dev/null', dir, readOnly]) {
      const r = await run(['own', US], { env: { ...env, MEMORIES_COLLECTION: path } });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/is not a regular file|is read-only/);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readFileSync(readOnly, 'utf8')).toBe('owned: []\n');
    // Reading commands do not block on the FIFO either: its problem is a warning.
    const list = await run(['list', 'year:1995'], { env: { ...env, MEMORIES_COLLECTION: fifo } });
    expect([list.code, list.stdout.split('\t')[0]]).toEqual([0, 'memories']);
    expect(list.stderr).toContain('not a regular file');
  });

  it('creates the target of a dangling symbolic link, so the link stays a link', async () => {
    const { dir, file, env } = place();
    symlinkSync(join('elsewhere', 'real.yaml'), file);
    expect((await run(['own', US], { env })).code).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(content(join(dir, 'elsewhere', 'real.yaml')).owned).toEqual([US]);
    expect(lstatSync(join(dir, 'elsewhere')).mode & 0o777).toBe(0o700);
  });

  it('removes the temporary file a killed run left, and takes over its lock', async () => {
    const { dir, file, env } = place(`owned:\n  - release: ${US}\n`);
    const dead = deadPid();
    writeFileSync(`${file}.tmp-${dead}-0badc0de`, 'half a file');
    writeFileSync(`${file}.lock`, `${dead} 0123456789abcdef`);
    writeFileSync(`${file}.lock.tmp-${dead}-00ff00ff`, `${dead} 0123456789abcdef`);
    expect((await run(['own', GB], { env })).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['collection.yaml']);
  });
});

describe('complete commands', () => {
  it('own, want, unown and unwant take several ids and "-" for standard input', async () => {
    const { file, env } = place();
    expect((await run(['own', US, GB], { env })).stderr).toBe(`added ${US} to your collection\nadded ${GB} to your collection\n`);
    const piped = await run(['want', '-'], { env, stdin: `${JP}\tMemories\tdvd\n\nrobot-carnival-discotek-uhd\n` });
    expect(piped.code).toBe(0);
    expect(content(file)).toMatchObject({ owned: [US, GB], wanted: [JP, 'robot-carnival-discotek-uhd'] });
    expect((await run(['unwant', JP, 'robot-carnival-discotek-uhd'], { env })).code).toBe(0);
    expect((await run(['unown', '-'], { env, stdin: `${GB}\n` })).code).toBe(0);
    expect(content(file)).toMatchObject({ owned: [US], wanted: [] });
    expect((await run(['unwant', US], { env })).stderr).toBe(`${US} is not on your wishlist\n`);
    expect((await run(['own', '-'], { env, stdin: '' })).code).toBe(2);
  });

  it('own --note changes the note of a release already owned', async () => {
    const { file, env } = place(`owned:\n  - release: ${US}\n    note: old # keep this comment\n    added: 2005-03-01\n`);
    expect((await run(['own', US, '--note', 'new'], { env })).stderr).toBe(`changed the note on ${US}\n`);
    expect(readFileSync(file, 'utf8')).toBe(`owned:\n  - release: ${US}\n    note: new\n    added: 2005-03-01\n`);
    expect((await run(['own', US, '--note', 'new'], { env })).stderr).toBe(`${US} is already in your collection\n`);
  });

  it('unwatch removes the latest viewing, or the one on a date', async () => {
    const { file, env } = place(
      'viewings:\n  - { work: magnetic-rose, date: 2026-03-01 }\n  - { work: magnetic-rose, date: 2026-05-01 }\n  - { work: magnetic-rose }\n  - { work: stink-bomb, date: 2026-06-01 }\n',
    );
    expect((await run(['unwatch', 'magnetic-rose'], { env })).stderr).toBe('removed the viewing of magnetic-rose on 2026-05-01\n');
    expect((await run(['unwatch', 'magnetic-rose', '--date', '2026-03-01'], { env })).code).toBe(0);
    expect(content(file).viewings).toEqual(['magnetic-rose@', 'stink-bomb@2026-06-01']);
    const none = await run(['unwatch', 'cannon-fodder'], { env });
    expect([none.code, none.stderr]).toEqual([0, 'no viewing of cannon-fodder is logged\n']);
  });

  it.each([
    [['watched', 'magnetic-rose', '--date', '2026-02-30'], 'memories: --date 2026-02-30 is not a real calendar date\n'],
    [['watched', 'magnetic-rose', '--date', '2026-13-01'], 'memories: --date 2026-13-01 is not a real calendar date\n'],
    [['watched', 'magnetic-rose', '--date', 'yesterday'], 'memories: --date must be YYYY, YYYY-MM or YYYY-MM-DD, not "yesterday"\n'],
    [['watched', 'magnetic-rose', '--rating', ''], 'memories: --rating must be from 0 to 10 in half points (7, 8.5), not ""\n'],
    [['watched', 'magnetic-rose', '--rating', '0x8'], 'memories: --rating must be from 0 to 10 in half points (7, 8.5), not "0x8"\n'],
    [['watched', 'magnetic-rose', '--rating', '1e1'], 'memories: --rating must be from 0 to 10 in half points (7, 8.5), not "1e1"\n'],
    [['list', '--limit', ''], 'memories: --limit takes a whole number, not ""\n'],
    [['list', '--limit', '0x8'], 'memories: --limit takes a whole number, not "0x8"\n'],
    [['list', '--limit', '1e1'], 'memories: --limit takes a whole number, not "1e1"\n'],
    [['own', US, '--note', ''], 'memories: --note needs some text\n'],
  ])('%j is a usage error that writes nothing', async (args, message) => {
    const { file, env } = place('owned: []\n');
    const r = await run(args, { env });
    expect([r.code, r.stderr]).toEqual([2, message]);
    expect(readFileSync(file, 'utf8')).toBe('owned: []\n');
  });
});

describe('honest reports', () => {
  it('collection and log print a broken file\'s problems, exit 3, and never say "empty"', async () => {
    const { file, env } = place('owned: [\n');
    for (const command of ['collection', 'log']) {
      const r = await run([command], { env });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(new RegExp(`^${file}:2:1: error: YAML syntax`));
      expect(r.stderr).not.toContain('empty');
    }
  });

  it('lists entries that the loaded catalogue does not have, and warns once under --no-bundled', async () => {
    const { env } = place(`owned:\n  - release: ${US}\n  - release: ${GB}\nviewings:\n  - { work: magnetic-rose, date: 2026-01-01 }\n`);
    const r = await run(['--no-bundled', 'collection'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`missing\towned\t${US}\t\t\nmissing\towned\t${GB}\t\t\n`);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('3 entries name releases or works that are not in the loaded catalogue');
    expect((await run(['--no-bundled', 'log'], { env })).stdout).toBe('missing\tviewing\tmagnetic-rose\t2026-01-01\t\n');
    const tty = await run(['--no-bundled', 'collection'], { env, tty: true, width: 80 });
    expect(tty.stdout).toContain('Not in the loaded catalogue (2)');
  });
});

describe('a stale lock and many writers', () => {
  const IDS = [
    ...SOME_RELEASES,
    'robot-carnival-discotek-uhd',
    'robot-carnival-discotek-bluray',
    'neo-tokyo-jp-dvd',
    'memories-discotek-bluray',
    'memories-jp-laserdisc',
    'short-peace-us-sentai-dvd',
  ];

  it('lose no write that reports success, over many trials', { timeout: 120_000 }, async () => {
    const releases = new Set((await run(['releases'])).stdout.split('\n').map((l) => l.split('\t')[0]));
    const ids = IDS.filter((id) => releases.has(id));
    expect(ids.length).toBeGreaterThanOrEqual(14);
    const cache = mkdtempSync(join(tmpdir(), 'memories-xdg-'));
    for (let trial = 0; trial < 6; trial++) {
      const { dir, file } = place();
      writeFileSync(`${file}.lock`, `${deadPid()} ${'ab'.repeat(8)}`);
      const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', MEMORIES_COLLECTION: file, XDG_CACHE_HOME: cache };
      const results = await Promise.all(
        ids.map(
          (id) =>
            new Promise<{ id: string; code: number | null; stderr: string }>((resolve) => {
              const child = spawn(process.execPath, [BIN, 'own', id], { env, stdio: ['ignore', 'ignore', 'pipe'] });
              let stderr = '';
              child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
              child.on('close', (code) => resolve({ id, code, stderr }));
            }),
        ),
      );
      const owned = content(file).owned;
      for (const r of results) {
        if (r.code === 0) expect(owned).toContain(r.id);
        else expect([r.code, r.stderr]).toEqual([4, expect.stringContaining('is being written by another memories')]);
      }
      expect(owned.length).toBe(results.filter((r) => r.code === 0).length);
      expect(readdirSync(dir)).toEqual(['collection.yaml']);
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
  });
});

import { spawn } from 'node:child_process';
import fs, { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as heavy from '../src/cli/heavy';
import { editDocument, editText } from '../src/source/collection-edit';
import { replaceFile } from '../src/store/fs';
import { run, SOME_RELEASES } from './helpers';

const BIN = fileURLToPath(new URL('../bin/memories.js', import.meta.url));

function place(text?: string): { dir: string; file: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'memories-collection-'));
  const file = join(dir, 'collection.yaml');
  if (text !== undefined) writeFileSync(file, text);
  return { dir, file, env: { NO_COLOR: '1', MEMORIES_COLLECTION: file } };
}

const COMMENTED = `# My anime shelf. Keep this comment!

owned:
  # the first one I bought
  - release: memories-us-dvd-2004
    note: "from a shop in Leeds"   # trailing comment
    added: 2005-03-01

# things to find
wanted:
  - release: robot-carnival-discotek-uhd

viewings: []
`;

describe('own, unown, want, watched', () => {
  it('creates the folder and the file on first use', async () => {
    const { dir, env } = place();
    const file = join(dir, 'deeper', 'collection.yaml');
    const r = await run(['own', 'memories-us-dvd-2004'], { env: { ...env, MEMORIES_COLLECTION: file } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('added memories-us-dvd-2004 to your collection\n');
    expect(readFileSync(file, 'utf8')).toContain('owned:\n  - release: memories-us-dvd-2004\n    added: 2026-11-21\n');
  });

  it('keeps every comment and changes only the lines it must', async () => {
    const { file, env } = place(COMMENTED);
    expect((await run(['own', 'memories-gb-dvd-2004', '--note', 'yes'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      COMMENTED.replace(
        '    added: 2005-03-01\n',
        '    added: 2005-03-01\n  - release: memories-gb-dvd-2004\n    note: yes\n    added: 2026-11-21\n',
      ),
    );
    expect((await run(['watched', 'cannon-fodder', '--rating', '8.5', '--date', '2026-11-20'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('viewings:\n  - work: cannon-fodder\n    date: 2026-11-20\n    rating: 8.5\n');
    expect((await run(['unown', 'memories-gb-dvd-2004'], { env })).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(
      COMMENTED.replace('viewings: []\n', 'viewings:\n  - work: cannon-fodder\n    date: 2026-11-20\n    rating: 8.5\n'),
    );
  });

  it('moves a wanted release to owned when you buy it', async () => {
    const { file, env } = place(COMMENTED);
    const r = await run(['own', 'robot-carnival-discotek-uhd'], { env });
    expect(r.stderr).toBe('added robot-carnival-discotek-uhd to your collection (and took it off your wishlist)\n');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# things to find\nwanted:\n\nviewings: []');
    expect(text).toContain('  - release: robot-carnival-discotek-uhd\n    added: 2026-11-21\n');
  });

  it('says so, and writes nothing, when there is nothing to change', async () => {
    const { file, env } = place(COMMENTED);
    const r = await run(['own', 'memories-us-dvd-2004'], { env });
    expect([r.code, r.stderr]).toEqual([0, 'memories-us-dvd-2004 is already in your collection\n']);
    expect(readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('takes only releases for own, works for watched, and checks ratings', async () => {
    const { env } = place();
    // Only releases are candidates: the anthology "memories" is not one, so its editions are listed.
    expect((await run(['own', 'memories'], { env })).stderr).toMatch(
      /^memories: "memories" matches more than one record; use one of these ids:\n {2}memories-jp-laserdisc {2}\(release/,
    );
    expect((await run(['own', 'magnetic-rose'], { env })).stderr).toBe(
      'memories: "magnetic-rose" is a segment, not a release; run memories releases to see release ids\n',
    );
    expect((await run(['watched', 'memories-us-dvd-2004'], { env })).code).toBe(2);
    const bad = await run(['watched', 'memories', '--rating', '8.3'], { env });
    expect([bad.code, bad.stderr]).toEqual([2, 'memories: --rating must be from 0 to 10 in half points (7, 8.5), not "8.3"\n']);
  });

  it('follows a symbolic link and keeps it a link', async () => {
    const { dir, file, env } = place(COMMENTED);
    const link = join(dir, 'link.yaml');
    symlinkSync(file, link);
    expect((await run(['want', 'memories-jp-4k-2025'], { env: { ...env, MEMORIES_COLLECTION: link } })).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('release: memories-jp-4k-2025');
  });
});

describe('a collection file that is not safe to write', () => {
  it('refuses to write a file with errors, naming them, exit 3', async () => {
    const { file, env } = place('owned:\n  - release: memories-us-dvd-2004\n    raiting: 3\n');
    const r = await run(['own', 'memories-gb-dvd-2004'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:3:5: error: unknown field "raiting" in owned release`);
    expect(r.stderr).toContain('has errors (above); fix them and run the command again. Nothing was written');
    expect(readFileSync(file, 'utf8')).toBe('owned:\n  - release: memories-us-dvd-2004\n    raiting: 3\n');
  });

  it('is checked by memories validate, with the data', async () => {
    const { file, env } = place('viewings:\n  - { work: magnetic-rose, rating: 11 }\n');
    const r = await run(['validate'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe(`${file}:2:36: error: "rating" must be from 0 to 10; found 11\n`);
    expect(r.stderr).toMatch(/^15 files checked: 1 error, 0 warnings\n$/);
  });

  it('reports references the catalogue does not have, with their position', async () => {
    const { file, env } = place('owned:\n  - release: memories-us-dvd-2005\n');
    const r = await run(['collection'], { env });
    expect(r.stderr).toContain(
      `${file}:2:5: warning: owned release "memories-us-dvd-2005" is not in the catalogue (did you mean "memories-us-dvd-2004"?)`,
    );
  });

  it('gives a clear error, exit 4, for a location it cannot write', async () => {
    const { dir, env } = place();
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const r = await run(['own', 'memories-us-dvd-2004'], { env: { ...env, MEMORIES_COLLECTION: join(blocked, 'collection.yaml') } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /^memories: cannot create the folder .*blocked for .*blocked\/collection\.yaml: not a folder; set MEMORIES_COLLECTION/,
    );
  });

  it('waits for a lock held by a live process, then fails with exit 4', async () => {
    const { file, env } = place(COMMENTED);
    writeFileSync(`${file}.lock`, String(process.pid));
    const r = await run(['own', 'memories-gb-dvd-2004'], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`is being written by another memories (process ${process.pid}); try again in a moment`);
    expect(readFileSync(file, 'utf8')).toBe(COMMENTED);
  });

  it('takes over a lock left by a process that has gone', async () => {
    const { file, env } = place(COMMENTED);
    writeFileSync(`${file}.lock`, '999999999');
    expect((await run(['own', 'memories-gb-dvd-2004'], { env })).code).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('atomic writes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('leaves the old file and no temporary file when the rename fails', () => {
    const { dir } = place();
    // A folder in the file's place makes the last step, the rename, fail for real.
    const target = join(dir, 'target');
    fs.mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => replaceFile(target, 'new text')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('refuses to overwrite a change made on disk since it was read', async () => {
    const { file } = place(COMMENTED);
    const heavy = await import('../src/cli/heavy');
    // Another editor saves the file while memories is between reading and writing it.
    const attempt = (): unknown =>
      heavy.updateCollection(file, () => {
        writeFileSync(file, `${readFileSync(file, 'utf8')}# edited elsewhere\n`);
        return { edits: [{ op: 'remove', list: 'owned', index: 0 }], messages: ['edited'] };
      });
    expect(attempt).toThrow(heavy.CollectionFileError);
    expect(attempt).toThrow(/changed on disk while memories was updating it; nothing was written/);
    expect(readFileSync(file, 'utf8')).toBe(`${COMMENTED}# edited elsewhere\n# edited elsewhere\n`);
  });
});

describe('concurrent writers', () => {
  it('lose no update', async () => {
    const { file } = place();
    const ids = SOME_RELEASES;
    const env = {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      MEMORIES_COLLECTION: file,
      XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'memories-xdg-')),
    };
    const codes = await Promise.all(
      ids.map(
        (id) =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [BIN, 'own', id], { env, stdio: 'ignore' });
            child.on('close', resolve);
          }),
      ),
    );
    expect(codes).toEqual(ids.map(() => 0));
    const text = readFileSync(file, 'utf8');
    for (const id of ids) expect(text).toContain(`release: ${id}\n`);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['collection.yaml']);
  });
});

describe('queries, marks and comparisons', () => {
  it('filters by owned, wanted, watched and rating', async () => {
    const { env } = place(
      `${COMMENTED.replace('viewings: []', 'viewings:\n  - { work: magnetic-rose, date: 2026-01-01, rating: 9.5 }\n  - { work: stink-bomb, date: 2026-01-02 }')}`,
    );
    expect((await run(['releases', 'owned:yes'], { env })).stdout.split('\n')[0]).toMatch(/^memories-us-dvd-2004\t/);
    expect((await run(['releases', 'wanted:yes'], { env })).stdout).toMatch(/^robot-carnival-discotek-uhd\t/);
    expect((await run(['segments', 'rating:9..'], { env })).stdout).toMatch(/^magnetic-rose\t[^\n]*\n$/);
    expect(
      (await run(['segments', 'watched:yes'], { env })).stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]),
    ).toEqual(['magnetic-rose', 'stink-bomb']);
    expect((await run(['list', 'owned:yes'], { env })).stdout).toMatch(/^memories\t/);
  });

  it('marks owned releases and rated works in a terminal, never in a pipe', async () => {
    const { env } = place(`${COMMENTED.replace('viewings: []', 'viewings:\n  - { work: magnetic-rose, rating: 9.5 }')}`);
    expect((await run(['releases', 'anthology:memories'], { env, tty: true })).stdout).toMatch(/\n● +memories-us-dvd-2004 /);
    expect((await run(['segments', 'anthology:memories'], { env, tty: true })).stdout).toMatch(/\n★9\.5 +magnetic-rose /);
    expect((await run(['releases', 'anthology:memories'], { env })).stdout).not.toContain('●');
  });

  it('compares the bundled Memories editions and marks what differs', async () => {
    const { env } = place();
    const { stdout, code } = await run(['compare', 'memories'], { env });
    expect(code).toBe(0);
    const rows = new Map(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => [l.split('\t')[0], l.split('\t')]),
    );
    // By date, the undated ones last.
    expect(rows.get('Release')?.slice(1, 4)).toEqual(['memories-jp-dvd-1999', 'memories-us-dvd-2004', 'memories-gb-dvd-2004']);
    expect(rows.get('Aspect ratio')).toEqual(['Aspect ratio', '1.85:1', '1.85:1', '1.85:1', '', '', '1.85:1', '', 'differs']);
    expect(rows.get('Anthology')?.at(-1)).toBe('');
    expect(rows.get('Publisher')?.slice(1, 3)).toEqual(['Bandai Visual', 'Columbia TriStar Home Entertainment']);
    const two = await run(['compare', 'memories-us-dvd-2004', 'memories-gb-dvd-2004', '--json'], { env });
    const data = JSON.parse(two.stdout) as { releases: string[]; specs: { label: string; values: string[]; differs: boolean }[] };
    expect(data.releases).toEqual(['memories-us-dvd-2004', 'memories-gb-dvd-2004']);
    expect(data.specs.find((s) => s.label === 'Subtitles')).toEqual({
      label: 'Subtitles',
      values: ['English; French; Spanish; Portuguese', 'English'],
      differs: true,
    });
    expect(data.specs.find((s) => s.label === 'Price')).toEqual({ label: 'Price', values: ['$26.96', '£19.99'], differs: true });
  });

  it('needs two releases to compare', async () => {
    const { env } = place();
    const r = await run(['compare', 'memories-us-dvd-2004'], { env });
    expect([r.code, r.stderr]).toEqual([2, 'memories: compare needs at least two releases; only memories-us-dvd-2004 was named\n']);
  });

  it('lists the collection and the viewing log', async () => {
    const { env } = place(
      `${COMMENTED.replace('viewings: []', 'viewings:\n  - { work: magnetic-rose, date: 2026-01-01, rating: 9.5 }\n  - { work: stink-bomb, date: 2026-02-02 }')}`,
    );
    expect((await run(['collection'], { env })).stdout).toBe(
      'owned\tmemories-us-dvd-2004\tMemories\tdvd\tUS/1\tColumbia TriStar Home Entertainment\t2005-03-01\tfrom a shop in Leeds\nwanted\trobot-carnival-discotek-uhd\tRobot Carnival\tuhd-blu-ray\tUS\tDiscotek Media\t\t\n',
    );
    expect((await run(['log'], { env })).stdout).toBe(
      '2026-02-02\tstink-bomb\tStink Bomb (Memories)\t\t\n2026-01-01\tmagnetic-rose\tMagnetic Rose (Memories)\t9.5/10\t\n',
    );
  });
});

describe('collection edits on the text', () => {
  const add = (text: string, entry: Record<string, string>, list = 'owned'): string | undefined =>
    editText(text, [{ op: 'add', list, entry }]);
  it('appends to a list, an empty key and a missing key', () => {
    expect(add('owned:\n  - release: a\n', { release: 'b' })).toBe('owned:\n  - release: a\n  - release: b\n');
    expect(add('owned:\n- release: a\n', { release: 'b' })).toBe('owned:\n- release: a\n- release: b\n');
    expect(add('owned: []\n', { release: 'b' })).toBe('owned:\n  - release: b\n');
    expect(add('owned:\nwanted: []\n', { release: 'b' })).toBe('owned:\n  - release: b\nwanted: []\n');
    expect(add('wanted: ~ # c', { release: 'b' }, 'wanted')).toBe('wanted: # c\n  - release: b\n');
    expect(add('# only a comment', { release: 'b', note: 'a: b' })).toBe('# only a comment\nowned:\n  - release: b\n    note: "a: b"\n');
  });

  it('leaves flow lists and a document end marker to the Document API', () => {
    expect(add('owned: [{release: a}]\n', { release: 'b' })).toBeUndefined();
    expect(add('owned:\n  - release: a\n...\n', { release: 'b' }, 'wanted')).toBeUndefined();
    expect(editDocument('owned: [{release: a}]\n', [{ op: 'add', list: 'owned', entry: { release: 'b' } }])).toBe(
      'owned: [ { release: a }, { release: b } ]\n',
    );
    expect(editDocument('owned:\n  - release: a\n...\n', [{ op: 'add', list: 'wanted', entry: { release: 'b' } }])).toBe(
      'owned:\n  - release: a\nwanted:\n  - release: b\n...\n',
    );
  });

  it('writes a long or multi-line note as one scalar at the right indent', () => {
    const long = 'a'.repeat(90) + ' b';
    expect(add('owned:\n  - release: a\n', { release: 'b', note: long })).toBe(
      `owned:\n  - release: a\n  - release: b\n    note: ${long}\n`,
    );
    expect(add('owned:\n  - release: a\n', { release: 'b', note: 'one\ntwo' })).toBe(
      'owned:\n  - release: a\n  - release: b\n    note: |-\n      one\n      two\n',
    );
  });

  it('removes an item with its own lines, keeping the comment above the next one', () => {
    const text = 'owned:\n  - release: a\n    note: x\n  # about b\n  - release: b\n  - release: c\n';
    expect(editText(text, [{ op: 'remove', list: 'owned', index: 0 }])).toBe('owned:\n  # about b\n  - release: b\n  - release: c\n');
    expect(editText(text, [{ op: 'remove', list: 'owned', index: 2 }])).toBe(
      'owned:\n  - release: a\n    note: x\n  # about b\n  - release: b\n',
    );
  });

  it('changes or adds a field of one item', () => {
    const text = 'owned:\n  - release: a\n    note: old # mine\n    added: 2001\n  - release: b\n';
    expect(editText(text, [{ op: 'set', list: 'owned', index: 0, field: 'note', value: 'new' }])).toBe(
      'owned:\n  - release: a\n    note: new\n    added: 2001\n  - release: b\n',
    );
    expect(editText(text, [{ op: 'set', list: 'owned', index: 1, field: 'note', value: 'n' }])).toBe(`${text}    note: n\n`);
  });
});

describe('show', () => {
  it('says when a release is in the collection', async () => {
    const { env } = place(COMMENTED);
    expect((await run(['show', 'memories-us-dvd-2004'], { env })).stdout).toMatch(/\nCollection +you own it\n/);
    expect((await run(['show', 'robot-carnival-discotek-uhd'], { env })).stdout).toMatch(/\nCollection +on your wishlist\n/);
  });
});

describe('the decoded collection is cached like a data file', () => {
  const past = (file: string, when = '2020-01-01T00:00:00Z'): void => fs.utimesSync(file, new Date(when), new Date(when));
  /** The lazily loaded parts, counting how often the collection is parsed. */
  const counting = (): { heavy: typeof heavy; loads: () => number } => {
    let loads = 0;
    return {
      heavy: { ...heavy, loadCollection: (path: string) => (loads++, heavy.loadCollection(path)) },
      loads: () => loads,
    };
  };
  const DANGLING = `${COMMENTED}  - { work: no-such-work, rating: 3 }\n`.replace('viewings: []\n', 'viewings:\n');

  it('is not parsed again while the file is unchanged, and warns the same', async () => {
    const { dir, file, env } = place(DANGLING);
    past(file);
    const cacheDir = join(dir, 'cache');
    const cold = await run(['list', 'owned:yes'], { env, cacheDir });
    expect(cold.stderr).toContain('no-such-work');
    const c = counting();
    const warm = await run(['list', 'owned:yes'], { env, cacheDir, heavy: c.heavy });
    expect(c.loads()).toBe(0);
    expect(warm).toEqual(cold);
  });

  it('is parsed again when the file changes, and while a change is too recent to trust its stamp', async () => {
    const { dir, file, env } = place(COMMENTED);
    past(file);
    const cacheDir = join(dir, 'cache');
    expect((await run(['list', 'owned:yes'], { env, cacheDir })).stdout).toContain('memories');
    writeFileSync(file, COMMENTED.replace('memories-us-dvd-2004', 'robot-carnival-discotek-bluray'));
    const c = counting();
    const fresh = await run(['list', 'owned:yes'], { env, cacheDir, heavy: c.heavy, storeNow: Date.now });
    expect(c.loads()).toBe(1);
    expect(fresh.stdout).toContain('robot-carnival');
    expect(fresh.stdout).not.toContain('memories\t');
    // Written just now: not trusted, so parsed again on the next run too.
    await run(['list', 'owned:yes'], { env, cacheDir, heavy: c.heavy, storeNow: Date.now });
    expect(c.loads()).toBe(2);
  });
});

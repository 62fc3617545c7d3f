import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './helpers';

// Queries and orders as users of beets and gh expect them (issue: find what the user means).

const ids = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!);

describe('queries', () => {
  it('take a bare four-digit year as a year', async () => {
    expect(ids((await run(['list', 'otomo', '1987'])).stdout)).toEqual(['robot-carnival', 'neo-tokyo']);
  });

  it('refuse a value an enumerated field cannot have, with the closest or the list', async () => {
    for (const [term, says] of [
      ['status:oop', 'status cannot be "oop"; it is one of in-print, out-of-print, announced'],
      ['format:dvdd', 'format cannot be "dvdd" (did you mean "dvd"?)'],
    ]) {
      const r = await run(['releases', term!]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(says);
    }
    expect((await run(['staff', 'role:musc'])).stderr).toContain('role cannot be "musc" (did you mean "music"?)');
    expect((await run(['releases', 'format:blu'])).code).toBe(0);
  });

  it('hint at ^ when a term is written as an option', async () => {
    const r = await run(['list', '-otomo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("memories: unknown option '-otomo'\nmemories: to leave out what matches a term, write ^otomo\n");
    // A long option is an option: no hint about terms.
    expect((await run(['list', '--otomo'])).stderr).toBe("memories: unknown option '--otomo'\n");
  });

  it('count a credit on a segment as one on its anthology: staff work:memories has the segment staff', async () => {
    const people = ids((await run(['staff', 'work:memories'])).stdout);
    for (const id of ['yoko-kanno', 'satoshi-kon', 'koji-morimoto', 'tensai-okamura']) expect(people).toContain(id);
    expect(ids((await run(['releases', 'anthology:magnetic-rose'])).stdout)).toContain('memories-us-dvd-2004');
  });

  it('reach the release fields a collector filters on', async () => {
    expect(ids((await run(['releases', 'catalog:BCQA-0023'])).stdout)).toEqual(['memories-jp-4k-2025']);
    expect(ids((await run(['releases', 'discs:2..'])).stdout)).toContain('memories-jp-4k-2025');
    expect((await run(['releases', 'anamorphic:yes'])).stdout).toContain('memories-us-dvd-2004');
  });

  it('sort on what the tables show', async () => {
    expect(ids((await run(['staff', '--sort', 'credits-', '--limit', '1'])).stdout)).toEqual(['katsuhiro-otomo']);
    expect(ids((await run(['list', '--sort', 'segments-', '--limit', '1'])).stdout)).toEqual(['robot-carnival']);
  });

  it('list only the fields and aliases each kind has, also as JSON', async () => {
    expect((await run(['fields', 'releases'])).stdout).not.toContain('composer');
    const json = JSON.parse((await run(['fields', '--json'])).stdout) as Record<string, Record<string, { type: string }>>;
    expect(json.people!.credits!.type).toBe('number');
    expect(json.aliases!.composer).toBe('music');
  });
});

describe('--role', () => {
  it('takes the aliases queries take, and director takes chief director as director: does', async () => {
    const composer = await run(['show', 'yoko-kanno', '--role', 'composer']);
    expect(composer.code).toBe(0);
    expect(composer.stdout).toContain('Magnetic Rose  Music');
    const director = (await run(['show', 'katsuhiro-otomo', '--role', 'director'])).stdout;
    expect(director).toContain('Chief director');
    expect((await run(['show', 'katsuhiro-otomo', '--role', 'directr'])).stderr).toContain('(did you mean "director"?)');
  });
});

describe('order', () => {
  it('keeps a filtered table in its own order, not by how well rows matched', async () => {
    const all = ids((await run(['staff'])).stdout);
    const some = ids((await run(['staff', 'role:music'])).stdout);
    expect(some).toEqual(all.filter((id) => some.includes(id)));
  });

  it('lists releases by date everywhere, undated ones last', async () => {
    const table = ids((await run(['releases', 'anthology:memories'])).stdout);
    const shown = (await run(['show', 'memories', '--json'])).stdout;
    const inShow = (JSON.parse(shown) as { releases: { id: string }[] }).releases.map((r) => r.id);
    const compared = (await run(['compare', 'memories'])).stdout.split('\n')[0]!.split('\t').slice(1, -1);
    expect(inShow).toEqual(table);
    expect(compared).toEqual(table);
    expect(table.slice(-2)).toEqual(['memories-jp-laserdisc', 'memories-jp-bluray-high-spec']);
  });

  it('gives a filmography in the order the works came out', async () => {
    const { stdout } = await run(['show', 'koji-morimoto']);
    expect(stdout.indexOf('Robot Carnival (1987)')).toBeLessThan(stdout.indexOf('Neo Tokyo (1987)'));
  });
});

describe('--json FIELDS', () => {
  it('prints only the fields named, in that order, as gh does', async () => {
    const r = await run(['list', '--json', 'id,year', 'year:1987']);
    expect(JSON.parse(r.stdout)).toEqual([
      { id: 'robot-carnival', year: 1987 },
      { id: 'neo-tokyo', year: 1987 },
    ]);
  });

  it('leaves a query term after a bare --json to the query, and refuses an unknown field with the list', async () => {
    expect((JSON.parse((await run(['list', '--json', 'year:1995'])).stdout) as { id: string }[]).map((a) => a.id)).toEqual(['memories']);
    const bad = await run(['releases', '--json', 'id,catalog']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no field "catalog"');
    expect(bad.stderr).toContain('fields are: id,');
  });

  it('gives staff their credit count', async () => {
    const people = JSON.parse((await run(['staff', '--json', 'id,credits', 'katsuhiro-otomo'])).stdout) as {
      id: string;
      credits: number;
    }[];
    expect(people[0]).toEqual({ id: 'katsuhiro-otomo', credits: 19 });
  });
});

describe('search rows', () => {
  it('name who matched with the field, from the catalogue and from the stored index alike', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'memories-who-'));
    for (const options of [{}, { cacheDir }, { cacheDir }]) {
      const { stdout } = await run(['search', 'director:morimoto'], options);
      expect(stdout).toContain("work\tfrankens-gears\tFranken's Gears\tRobot Carnival\t1987\tdirector: Kōji Morimoto\n");
      expect((await run(['search', 'kanno'], options)).stdout).toContain('\tstaff: Yoko Kanno\n');
    }
  });

  it('name the form of a title or a name that matched, unless it is the one shown', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'memories-form-'));
    for (const options of [{}, { cacheDir }, { cacheDir }]) {
      expect((await run(['search', '迷宮物語'], options)).stdout).toContain(
        'work\tneo-tokyo\tNeo Tokyo\t(anthology)\t1987\ttitle: 迷宮物語\n',
      );
      expect((await run(['search', 'magnetic'], options)).stdout).toContain('work\tmagnetic-rose\tMagnetic Rose\tMemories\t1995\ttitle\n');
      const people = (await run(['search', 'name:大友'], options)).stdout;
      expect(people).toContain('person\tkatsuhiro-otomo\tKatsuhiro Otomo\t大友克洋\t19\tname: 大友克洋\n');
      expect((await run(['search', 'name:otomo katsuhiro'], options)).stdout).toMatch(/\t19\tname\n/);
    }
  });
});

describe('more of what a collector types', () => {
  it('sorts by the column names directors and studios, and checks standard', async () => {
    expect((await run(['list', '--sort', 'directors', '--limit', '1'])).code).toBe(0);
    expect((await run(['list', '--sort', 'studios-', '--limit', '1'])).code).toBe(0);
    const r = await run(['releases', 'standard:secam']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard cannot be "secam"; it is one of NTSC, PAL');
  });
});

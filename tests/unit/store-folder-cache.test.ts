import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load';
import { parseFile } from '../../src/catalogue/parse-file';
import type { ParseFile } from '../../src/catalogue/parse-file';
import { digest } from '../../src/store/digest';
import { folderCacheFile } from '../../src/store/paths';
import { Store } from '../../src/store/store';

const OLD = new Date(Date.now() - 60_000);
/** Ten seconds ahead: files just written count as old enough to keep (see the racy rule in stamp.ts). */
const later = (): number => Date.now() + 10_000;

function setup(files: Record<string, string>): { dir: string; cacheDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'memories-cache-data-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'memories-cache-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), OLD, OLD);
  }
  return { dir, cacheDir };
}

/** Load with a cache (and the folder's fixed cache file, if given), counting how many files had to be parsed. */
function load(
  dir: string,
  cacheDir: string,
  { now = later, build = 'b1', fixed = undefined as string | undefined, debug = (_: string) => {} } = {},
) {
  let parsed = 0;
  const parse: ParseFile = (file, problems) => {
    parsed++;
    return parseFile(file, problems);
  };
  const store = new Store({ dir: cacheDir, build, now, debug, ...(fixed ? { fixed: new Map([[dir, fixed]]) } : {}) });
  const result = loadCatalogue([dir], { parse, store });
  return { ...result, parsed, store };
}

const good = 'staff:\n  - { id: a, name: A }\n';
const bad = 'staff:\n  - { id: b, name: B, born: 1999-02-30 }\n  - { id: c, name: C }\n';

describe('the folder cache', () => {
  it("is read from its fixed file while that holds every file, and kept in the user's cache when it cannot be written there", () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good, 'bad.yaml': bad });
    const shipped = join(mkdtempSync(join(tmpdir(), 'memories-dist-')), 'bundled-cache.json');
    // A build writes the fixed file, and a run of the same files reads it and writes nothing.
    expect(load(dir, cacheDir, { fixed: shipped }).parsed).toBe(2);
    expect(load(dir, cacheDir, { fixed: shipped }).parsed).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([]);
    // An installed copy whose fixed file is stale and cannot be written (here a folder stands in
    // the file's place): the first run parses and keeps the files in the user's cache, and says
    // why the fixed file was not rewritten without blaming XDG_CACHE_HOME; the next run parses nothing.
    const installed = join(mkdtempSync(join(tmpdir(), 'memories-dist-')), 'bundled-cache.json');
    mkdirSync(installed);
    const said: string[] = [];
    const first = load(dir, cacheDir, { fixed: installed, debug: (line) => said.push(line) });
    expect(first.parsed).toBe(2);
    expect(said).toEqual([expect.stringContaining(`the cache at ${installed} cannot be written`)]);
    expect(said[0]).not.toContain('XDG_CACHE_HOME');
    expect(load(dir, cacheDir, { fixed: installed }).parsed).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([basename(folderCacheFile(cacheDir, dir))]);
  });

  it('parses once, then serves the same records and the same problems', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good, 'bad.yaml': bad });
    const cold = load(dir, cacheDir);
    const warm = load(dir, cacheDir);
    expect(cold.parsed).toBe(2);
    expect(warm.parsed).toBe(0);
    expect(warm.problems.list).toEqual(cold.problems.list);
    expect(warm.problems.list).toEqual([
      { file: join(dir, 'bad.yaml'), line: 2, col: 29, severity: 'error', message: '"born" is not a real calendar date: 1999-02-30' },
    ]);
    expect(warm.catalogue.staff.map((s) => s.id)).toEqual(cold.catalogue.staff.map((s) => s.id));
  });

  it('parses a file again when it changes, and forgets a removed one', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good, 'bad.yaml': bad });
    load(dir, cacheDir);
    writeFileSync(join(dir, 'good.yaml'), 'staff:\n  - { id: a, name: Changed }\n');
    utimesSync(join(dir, 'good.yaml'), OLD, new Date(Date.now() - 30_000));
    const after = load(dir, cacheDir);
    expect(after.parsed).toBe(1);
    expect(after.catalogue.staffById.get('a')?.name).toBe('Changed');
  });

  it('sees an edit in place that keeps the size and puts the mtime back (touch -r), by its ctime', async () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good });
    load(dir, cacheDir);
    await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(dir, 'good.yaml'), good.replace('A }', 'Z }'));
    utimesSync(join(dir, 'good.yaml'), OLD, OLD);
    const after = load(dir, cacheDir);
    expect(after.parsed).toBe(1);
    expect(after.catalogue.staffById.get('a')?.name).toBe('Z');
  });

  it('does not keep a file changed (mtime or ctime) in the last two seconds, whose stamp could repeat', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good });
    const changed = statSync(join(dir, 'good.yaml')).ctimeMs;
    load(dir, cacheDir, { now: () => changed + 1000 });
    expect(load(dir, cacheDir, { now: () => changed + 1000 }).parsed).toBe(1);
    load(dir, cacheDir, { now: () => changed + 3000 });
    expect(load(dir, cacheDir, { now: () => changed + 3000 }).parsed).toBe(0);
  });

  it('is not used by another build: an upgrade reads every file again', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good });
    load(dir, cacheDir);
    expect(load(dir, cacheDir).parsed).toBe(0);
    expect(load(dir, cacheDir, { build: 'b2' }).parsed).toBe(1);
    expect(load(dir, cacheDir, { build: 'b2' }).parsed).toBe(0);
  });

  it('rebuilds silently from a cache file cut short, changed by a byte, or of the wrong shape', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good, 'bad.yaml': bad });
    const clean = load(dir, cacheDir);
    const path = folderCacheFile(cacheDir, dir);
    const text = readFileSync(path, 'latin1');
    const damaged = [
      text.slice(0, 20),
      text.replace('"name":"A"', '"name":"B"'),
      // Right digest, wrong shape: what a hand edit that recomputed it, or another version, could leave.
      ...[
        '{"version":2,"build":"b1","folder":' +
          JSON.stringify(dir) +
          ',"files":{"good.yaml":{"stamp":[1,2,3,4,5],"records":null,"problems":[null]}}}',
      ].map((body) => `${digest(Buffer.from(body, 'latin1'))} ${body}`),
      '',
      'null',
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes, 'latin1');
      const r = load(dir, cacheDir);
      expect(r.parsed).toBe(2);
      expect(r.problems.list).toEqual(clean.problems.list);
      expect(r.catalogue.staff).toEqual(clean.catalogue.staff);
      expect(load(dir, cacheDir).parsed).toBe(0);
    }
  });

  it('keeps one cache per folder, never mixing two', () => {
    expect(folderCacheFile('/c', '/data/a')).not.toBe(folderCacheFile('/c', '/data/b'));
    expect(folderCacheFile('/c', '/data/a')).toMatch(/^\/c\/[0-9a-f]{16}\.json$/);
  });
});

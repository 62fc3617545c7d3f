import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachePathFor } from '../../src/catalogue/cache';
import { loadCatalogue } from '../../src/catalogue/load';
import { parseFile } from '../../src/catalogue/parse-file';
import type { ParseFile } from '../../src/catalogue/parse-file';

const OLD = new Date(Date.now() - 60_000);

function setup(files: Record<string, string>): { dir: string; cacheDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'memories-cache-data-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'memories-cache-'));
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), OLD, OLD);
  }
  return { dir, cacheDir };
}

/** Load with a cache, counting how many files had to be parsed. */
function load(dir: string, cacheDir: string) {
  let parsed = 0;
  const parse: ParseFile = (file, problems) => {
    parsed++;
    return parseFile(file, problems);
  };
  const result = loadCatalogue([dir], { parse, cachePath: (folder) => cachePathFor(cacheDir, folder) });
  return { ...result, parsed };
}

const good = 'staff:\n  - { id: a, name: A }\n';
const bad = 'staff:\n  - { id: b, name: B, born: 1999-02-30 }\n  - { id: c, name: C }\n';

describe('the folder cache', () => {
  it('parses once, then serves the same records and the same problems', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good, 'bad.yaml': bad });
    const cold = load(dir, cacheDir);
    const warm = load(dir, cacheDir);
    expect(cold.parsed).toBe(2);
    expect(warm.parsed).toBe(0);
    expect(warm.problems.list).toEqual(cold.problems.list);
    expect(warm.problems.list).toEqual([{ file: join(dir, 'bad.yaml'), line: 2, col: 29, severity: 'error', message: '"born" is not a real calendar date: 1999-02-30' }]);
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

  it('does not store a file changed in the last two seconds, whose stamp could repeat', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good });
    writeFileSync(join(dir, 'fresh.yaml'), 'staff:\n  - { id: f, name: F }\n');
    load(dir, cacheDir);
    expect(load(dir, cacheDir).parsed).toBe(1);
  });

  it('rebuilds silently from a corrupt cache file', () => {
    const { dir, cacheDir } = setup({ 'good.yaml': good });
    load(dir, cacheDir);
    const path = cachePathFor(cacheDir, dir);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 20));
    const r = load(dir, cacheDir);
    expect(r.parsed).toBe(1);
    expect(r.problems.list).toEqual([]);
    expect(load(dir, cacheDir).parsed).toBe(0);
  });

  it('keeps one cache per folder, never mixing two', () => {
    expect(cachePathFor('/c', '/data/a')).not.toBe(cachePathFor('/c', '/data/b'));
    expect(cachePathFor('/c', '/data/a')).toMatch(/^\/c\/[0-9a-f]{16}\.json$/);
  });
});

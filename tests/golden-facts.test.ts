import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../src/catalogue/load';
import { parseFile } from '../src/catalogue/parse-file';
import type { Credit } from '../src/catalogue/types';
import { BUNDLED } from './helpers';

// The credits and specs that matter most, pinned against the fact sheet
// (shared/facts/anthology-facts.yaml), so that a careless edit of data/ fails here.
const { catalogue: cat, problems } = loadCatalogue([BUNDLED], { parse: parseFile });

function credited(workId: string, role: string): string[] {
  const work = cat.works.get(workId);
  if (!work) throw new Error(`no work ${workId}`);
  const credits: Credit[] = (work.kind === 'anthology' ? work.anthology.credits : work.segment.credits) ?? [];
  return credits.filter((c) => c.role === role).map((c) => cat.staffById.get(c.staff)!.name);
}

describe('the bundled catalogue', () => {
  it('loads with no problems', () => {
    expect(problems.list).toEqual([]);
  });

  it('holds the four core anthologies and their segments in running order', () => {
    const segments = (id: string): string[] => cat.anthologies.find((a) => a.id === id)!.segments.map((s) => s.title);
    expect(segments('memories')).toEqual(['Magnetic Rose', 'Stink Bomb', 'Cannon Fodder']);
    expect(segments('robot-carnival')).toEqual(['Opening', "Franken's Gears", 'Deprive', 'Presence', 'Starlight Angel', 'Cloud', 'A Tale of Two Robots', 'Nightmare', 'Ending']);
    expect(segments('neo-tokyo')).toEqual(['Labyrinth Labyrinthos', 'Running Man', 'The Order to Stop Construction']);
    expect(segments('short-peace')).toEqual(['Opening', 'Possessions', 'Combustible', 'Gambo', 'A Farewell to Weapons']);
  });

  it.each([
    ['magnetic-rose', 'director', ['Kōji Morimoto']],
    ['magnetic-rose', 'screenplay', ['Satoshi Kon']],
    ['magnetic-rose', 'music', ['Yoko Kanno']],
    ['stink-bomb', 'director', ['Tensai Okamura']],
    ['stink-bomb', 'screenplay', ['Katsuhiro Otomo']],
    ['stink-bomb', 'music', ['Jun Miyake']],
    ['stink-bomb', 'supervisor', ['Yoshiaki Kawajiri']],
    ['cannon-fodder', 'director', ['Katsuhiro Otomo']],
    ['cannon-fodder', 'screenplay', ['Katsuhiro Otomo']],
    ['cannon-fodder', 'music', ['Hiroyuki Nagashima']],
    ['memories', 'chief-director', ['Katsuhiro Otomo']],
    ['memories', 'executive-producer', ['Katsuhiro Otomo']],
    ['robot-carnival-opening', 'director', ['Katsuhiro Otomo', 'Atsuko Fukushima']],
    ['frankens-gears', 'director', ['Kōji Morimoto']],
    ['deprive', 'director', ['Hidetoshi Ōmori']],
    ['presence', 'director', ['Yasuomi Umetsu']],
    ['starlight-angel', 'director', ['Hiroyuki Kitazume']],
    ['cloud', 'director', ['Mao Lamdo']],
    ['cloud', 'music', ['Isaku Fujita']],
    ['a-tale-of-two-robots', 'director', ['Hiroyuki Kitakubo']],
    ['nightmare', 'director', ['Takashi Nakamura']],
    ['robot-carnival-ending', 'director', ['Katsuhiro Otomo', 'Atsuko Fukushima']],
    ['labyrinth-labyrinthos', 'director', ['Rintaro']],
    ['running-man', 'director', ['Yoshiaki Kawajiri']],
    ['the-order-to-stop-construction', 'director', ['Katsuhiro Otomo']],
    ['neo-tokyo', 'music', ['Mickie Yoshino']],
    ['possessions', 'director', ['Shuhei Morita']],
    ['combustible', 'director', ['Katsuhiro Otomo']],
    ['gambo', 'director', ['Hiroaki Ando']],
    ['a-farewell-to-weapons', 'director', ['Hajime Katoki']],
  ])('%s: %s is %j', (work, role, names) => {
    expect(credited(work, role)).toEqual(names);
  });

  it('records the US DVD of Memories as the fact sheet has it', () => {
    const dvd = cat.releaseById.get('memories-us-dvd-2004')!;
    expect(dvd).toMatchObject({
      anthology: 'memories',
      format: 'dvd',
      country: 'US',
      region: '1',
      publisher: 'Columbia TriStar Home Entertainment',
      released: '2004-02-24',
      price: '$26.96',
      video: { aspect_ratio: '1.85:1', anamorphic: true },
    });
    expect(dvd.catalog_number).toBeUndefined();
  });

  it('keeps the one catalog number the sheet gives, and invents none', () => {
    const numbered = cat.releases.filter((r) => r.catalog_number !== undefined).map((r) => [r.id, r.catalog_number]);
    expect(numbered).toEqual([['memories-jp-4k-2025', 'BCQA-0023']]);
  });

  it('records no birth date where the sources conflict', () => {
    expect(cat.staffById.get('yoko-kanno')!.born).toBeUndefined();
    expect(cat.staffById.get('katsuhiro-otomo')!.born).toBe('1954-04-14');
  });

  it('gives every record its sources', () => {
    const records = [...cat.anthologies, ...cat.anthologies.flatMap((a) => a.segments), ...cat.staff, ...cat.releases, ...cat.reviews];
    const unsourced = records.filter((r) => !r.sources || r.sources.length === 0).map((r) => r.id);
    expect(unsourced).toEqual([]);
  });

  it('has a synopsis for every anthology and segment, and a review of every anthology and Memories segment', () => {
    const works = [...cat.works.values()].map((w) => (w.kind === 'anthology' ? w.anthology : w.segment));
    expect(works.filter((w) => !w.synopsis).map((w) => w.id)).toEqual([]);
    const reviewed = new Set(cat.reviews.map((r) => r.subject));
    for (const id of [...cat.anthologies.map((a) => a.id), 'magnetic-rose', 'stink-bomb', 'cannon-fodder']) expect(reviewed, id).toContain(id);
  });
});

describe('the README', () => {
  it('states the bundled counts truly', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const segments = cat.anthologies.reduce((n, a) => n + a.segments.length, 0);
    expect(readme).toContain(
      `${cat.anthologies.length} anthologies, ${segments} segments, ${cat.staff.length} people, ${cat.releases.length} releases and ${cat.reviews.length} reviews`,
    );
  });
});

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
    expect(segments('robot-carnival')).toEqual([
      'Opening',
      "Franken's Gears",
      'Deprive',
      'Presence',
      'Starlight Angel',
      'Cloud',
      'A Tale of Two Robots',
      'Nightmare',
      'Ending',
    ]);
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

  it('makes every change corrections.md asks for', () => {
    expect(credited('memories', 'producer')).toContain('Hiroaki Inoue');
    expect(credited('stink-bomb', 'producer')).toEqual(['Masao Maruyama']);
    const note = (work: string, staff: string): string | undefined => {
      const w = cat.works.get(work)!;
      return (w.kind === 'anthology' ? w.anthology.credits : w.segment.credits)!.find((c) => c.staff === staff)!.note;
    };
    expect(note('magnetic-rose', 'hiroaki-ando')).toMatch(/^CGI; the exact title/);
    expect(note('labyrinth-labyrinthos', 'mao-lamdo')).toBe('credited as 大橋学');
    expect(credited('robot-carnival', 'music')).toEqual(['Joe Hisaishi', 'Isaku Fujita', 'Masahisa Takeichi']);
    expect(cat.releaseById.get('memories-us-dvd-2004')!.status).toBeUndefined();
    const synopsis = (id: string): string => {
      const w = cat.works.get(id)!;
      return (w.kind === 'anthology' ? w.anthology.synopsis : w.segment.synopsis)!;
    };
    expect(synopsis('memories')).not.toMatch(/different director and studio/);
    expect(synopsis('neo-tokyo')).toMatch(/draws on works by the science-fiction writer Taku Mayumura/);
    expect(synopsis('stink-bomb')).not.toMatch(/experimental weapon/);
    expect(synopsis('stink-bomb')).toMatch(/biological weapons/);
    expect(synopsis('shanghai-dragon')).not.toMatch(/chalk/);
    expect(synopsis('a-tale-of-two-robots')).toMatch(/Western mad scientist/);
    expect(synopsis('short-peace-opening')).toMatch(/rabbit/);
    expect(synopsis('the-animatrix')).toMatch(/eight records/);
    expect(cat.releaseById.get('robot-carnival-us-streamline-vhs')!.notes).not.toMatch(/^Uses Streamline's reordered cut/);
  });

  it.each([
    ['toshiyuki-inoue', 'Toshiyuki Inoue', '井上俊之', 'person-magnetic-rose-animation-director'],
    ['makoto-kubota', 'Makoto Kubota', '久保田麻琴', 'person-combustible-composer'],
    ['reiji-kitazato', 'Reiji Kitazato', '北里玲二', 'person-possessions-composer'],
    ['hikaru-nanase', 'Hikaru Nanase', '七瀬光', 'person-gambo-composer'],
    ['tomohisa-ishikawa', 'Tomohisa Ishikawa', '石川智久', 'person-farewell-to-weapons-composer'],
    ['takamura-mukuo', 'Takamura Mukuo', '椋尾篁', 'person-construction-art-director'],
    ['hidekazu-ohara', 'Hidekazu Ohara', '小原秀一', 'person-cannon-fodder-animation-director'],
  ])('gives %s the sourced romanization, and keeps the old id', (id, name, native, former) => {
    expect(cat.staffById.get(id)).toMatchObject({ name, native_name: native, former_ids: [former] });
  });

  it('keeps Japanese script where no romanization is sourced', () => {
    for (const native of ['串田達也', '渡部隆', '橋本敬史']) expect(cat.staff.find((s) => s.native_name === native)?.name).toBe(native);
  });

  it.each([
    ['memories', 'film'],
    ['robot-carnival', 'direct-to-video'],
    ['neo-tokyo', undefined],
    ['short-peace', 'film'],
    ['the-animatrix', 'direct-to-video'],
  ])('records the medium of %s as %s', (id, medium) => {
    expect(cat.anthologies.find((a) => a.id === id)!.medium).toBe(medium);
  });

  // The new anthologies (shared/facts/more-anthologies.yaml): every segment in running order
  // with its director, and one more credit where the sheet has one.
  const NEW: Record<string, [segment: string, directors: string[], more?: [role: string, names: string[]]][]> = {
    'genius-party-beyond': [
      ['Gala', ['Mahiro Maeda'], ['screenplay', ['Mahiro Maeda']]],
      ['Moondrive', ['Kazuto Nakazawa'], ['screenplay', ['Kazuto Nakazawa']]],
      ['Wanwa the Doggy', ['Shinya Ōhira'], ['screenplay', ['Shinya Ōhira']]],
      ['Toujin Kit', ['Tatsuyuki Tanaka'], ['screenplay', ['Tatsuyuki Tanaka']]],
      ['Dimension Bomb', ['Kōji Morimoto'], ['screenplay', ['Kōji Morimoto']]],
    ],
    'batman-gotham-knight': [
      ['Have I Got a Story for You', ['Shōjirō Nishimi'], ['screenplay', ['Josh Olson']]],
      ['Crossfire', ['Futoshi Higashide'], ['screenplay', ['Greg Rucka']]],
      ['Field Test', ['Hiroshi Morioka'], ['screenplay', ['Jordan Goldberg']]],
      ['In Darkness Dwells', ['Yasuhiro Aoki'], ['screenplay', ['David S. Goyer']]],
      ['Working Through Pain', ['Toshiyuki Kubooka'], ['screenplay', ['Brian Azzarello']]],
      ['Deadshot', ['Jong-Sik Nam'], ['screenplay', ['Alan Burnett']]],
    ],
    'halo-legends': [
      ['Origins', ['Hideki Futamura']],
      ['The Duel', ['Hiroshi Yamazaki']],
      ['Homecoming', ['Koichi Mashimo', 'Koji Sawai']],
      ['Odd One Out', ['Daisuke Nishio']],
      ['Prototype', []],
      ['The Babysitter', []],
      ['The Package', []],
    ],
    'star-wars-visions': [
      ['The Duel', ['Takanobu Mizuno'], ['character-design', ['Takashi Okazaki']]],
      ['Lop and Ochō', ['Yuki Igarashi']],
      ['Tatooine Rhapsody', ['Taku Kimura']],
      ['The Twins', ['Hiroyuki Imaishi']],
      ['The Elder', ['Masahiko Otsuka']],
      ['The Village Bride', ['Hitoshi Haga']],
      ['Akakiri', ['Eunyoung Choi']],
      ['T0-B1', ['Abel Góngora'], ['character-design', ['Takafumi Hori']]],
      ['The Ninth Jedi', ['Kenji Kamiyama']],
    ],
    'digital-juice': [
      ['The Saloon in the Air', ['Kōji Morimoto']],
      ["Chicken's Insurance", ['Hiroaki Ando']],
      ['KEIKAKU', ['Hidekazu Ohara']],
      ['table&fishman', ['Osamu Kobayashi']],
      ['In the Evening of a Moonlight Night', ['Kazuyoshi Yaginuma']],
    ],
  };
  const MUSIC: Record<string, string> = {
    'have-i-got-a-story-for-you': 'Christopher Drake',
    crossfire: 'Kevin Manthei',
    'field-test': 'Robert J. Kral',
    'in-darkness-dwells': 'Christopher Drake',
    'working-through-pain': 'Kevin Manthei',
    deadshot: 'Robert J. Kral',
  };

  it.each(Object.entries(NEW))('holds %s with every segment in order, its director and one more credit', (id, expected) => {
    const a = cat.anthologies.find((x) => x.id === id)!;
    expect(a.segments.map((s) => s.title)).toEqual(expected.map(([title]) => title));
    for (const [i, [, directors, more]] of expected.entries()) {
      const segment = a.segments[i]!;
      expect(credited(segment.id, 'director'), segment.id).toEqual(directors);
      if (more) expect(credited(segment.id, more[0]), segment.id).toEqual(more[1]);
      if (Object.hasOwn(MUSIC, segment.id)) expect(credited(segment.id, 'music')).toEqual([MUSIC[segment.id]]);
    }
  });

  it('respects the conflicts the notes record', () => {
    // Deadshot takes the majority reading; Kawajiri is named in its notes.
    const deadshot = cat.works.get('deadshot')!;
    expect(deadshot.kind === 'segment' ? deadshot.segment.notes : '').toMatch(/Kawajiri/);
    expect(credited('the-duel', 'chief-director')).toEqual(['Junpei Mizusaki']);
    expect(cat.staffById.get('taku-kimura')!.native_name).toBeUndefined();
    expect(cat.anthologies.map((a) => a.id)).not.toContain('winter-days');
    expect(cat.anthologies.find((a) => a.id === 'halo-legends')!.medium).toBe('direct-to-video');
    expect(cat.anthologies.find((a) => a.id === 'star-wars-visions')!.medium).toBe('streaming');
  });

  it('adds the releases the sheet gives, and the Short Peace PS3 bundle', () => {
    const of = (id: string): string[] => (cat.releasesByAnthology.get(id) ?? []).map((r) => r.id);
    expect(of('batman-gotham-knight')).toEqual(['batman-gotham-knight-us-dvd', 'batman-gotham-knight-us-bluray']);
    expect(of('halo-legends')).toEqual(['halo-legends-us-dvd', 'halo-legends-us-bluray']);
    expect(cat.releaseById.get('short-peace-jp-ps3-ranko')).toMatchObject({
      format: 'blu-ray',
      country: 'JP',
      publisher: 'Namco Bandai Games',
      released: '2014-01-16',
    });
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
    for (const id of [...cat.anthologies.map((a) => a.id), 'magnetic-rose', 'stink-bomb', 'cannon-fodder'])
      expect(reviewed, id).toContain(id);
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

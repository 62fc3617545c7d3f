import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/load';
import { parseFile } from '../../src/catalogue/parse-file';
import fc from 'fast-check';
import { matchFolded, matchText, RANK } from '../../src/query/match';
import { foldedFromStore, foldForStore, foldKey, foldKeyAnyOrder, foldWords } from '../../src/query/fold';
import { parseQuery, QueryError, tokenize } from '../../src/query/parse';
import { LIST, queryRows, RELEASES, SEGMENTS, searchCatalogue, STAFF } from '../../src/query/tables';
import type { Library } from '../../src/catalogue/catalogue';
import { indexCollection } from '../../src/catalogue/collection';
import { Problems } from '../../src/source/problem';
import { compareSpecs } from '../../src/query/compare';
import { compareReleases } from '../../src/render/compare';
import { BUNDLED } from '../helpers';

describe('tokenize', () => {
  it.each([
    ['kanno', ['kanno']],
    ['director:otomo year:1995', ['director:otomo', 'year:1995']],
    ['"yoko kanno"', ['yoko kanno']],
    ['title:"magnetic rose"', ['title:magnetic rose']],
    ['kanno , hisaishi', ['kanno', ',', 'hisaishi']],
    ['kanno,hisaishi', ['kanno', ',', 'hisaishi']],
    ["'a,b'", ['a,b']],
  ])('%j -> %j', (input, tokens) => {
    expect(tokenize(input)).toEqual(tokens);
  });
});

describe('parseQuery', () => {
  it.each([
    [['kanno'], [[{ op: 'match', value: 'kanno', negate: false }]]],
    [['director:otomo'], [[{ field: 'director', op: 'match', value: 'otomo' }]]],
    [['composer:kanno'], [[{ field: 'music', op: 'match', value: 'kanno' }]]],
    // An exact term the shell made one argument of ("music:=\"yoko kanno\"") stays whole.
    [['music:=yoko kanno'], [[{ field: 'music', op: 'exact', value: 'yoko kanno' }]]],
    [
      ['music:=yoko', 'kanno'],
      [
        [
          { field: 'music', op: 'exact', value: 'yoko' },
          { op: 'match', value: 'kanno' },
        ],
      ],
    ],
    [['music:="yoko kanno"'], [[{ field: 'music', op: 'exact', value: 'yoko kanno' }]]],
    [['year:1987..1995'], [[{ field: 'year', op: 'range', lo: '1987', hi: '1995' }]]],
    [['runtime:..30'], [[{ field: 'runtime', op: 'range', lo: undefined, hi: '30' }]]],
    [['year:2000..'], [[{ field: 'year', op: 'range', lo: '2000', hi: undefined }]]],
    [['released:2004-02..2004-12'], [[{ field: 'released', op: 'range', lo: '2004-02', hi: '2004-12' }]]],
    [['^stink'], [[{ op: 'match', value: 'stink', negate: true }]]],
    [['^director:otomo'], [[{ field: 'director', negate: true }]]],
    [
      ['kanno', ',', 'hisaishi'],
      [[{ value: 'kanno' }], [{ value: 'hisaishi' }]],
    ],
    [['1.85:1'], [[{ op: 'match', value: '1.85:1' }]]],
    [['aspect:1.85:1'], [[{ field: 'aspect', value: '1.85:1' }]]],
    [['character-design:inoue'], [[{ field: 'character-design', value: 'inoue' }]]],
  ])('%j', (args, groups) => {
    const query = parseQuery(args);
    expect(query.groups).toHaveLength(groups.length);
    groups.forEach((g, i) => g.forEach((t, j) => expect(query.groups[i]![j]).toMatchObject(t)));
  });

  it.each([
    [['directer:otomo'], 'unknown field "directer" (did you mean "director"?); run memories fields to list them'],
    [['compser:kanno'], 'unknown field "compser" (did you mean "composer"?); run memories fields to list them'],
    [['director:'], '"director:" needs a value, as in director:something'],
    [['music:='], '"music:=" needs a value after "=", as in music:=value'],
    [['year:..'], '"year:..": a range needs at least one end, as in year:1987..1995'],
    [['^'], '"^" needs a term after it, as in ^otomo'],
    [['"unclosed'], 'a quote (") is not closed'],
    [['kanno', ','], '"," separates alternatives and needs terms on both sides, as in kanno , hisaishi'],
  ])('%j is an error: %s', (args, message) => {
    let error: unknown;
    try {
      parseQuery(args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toBe(message);
  });
});

describe('matchText', () => {
  it.each([
    ['otomo', 'Katsuhiro Otomo', RANK.prefix],
    ['Ōtomo', 'Katsuhiro Otomo', RANK.prefix],
    ['Ootomo', 'Katsuhiro Otomo', RANK.prefix],
    ['Otomo Katsuhiro', 'Katsuhiro Otomo', RANK.exact],
    ['Kanno Yoko', 'Yoko Kanno', RANK.exact],
    ['Kouji', 'Kōji Morimoto', RANK.prefix],
    ['大友克洋', '大友克洋', RANK.exact],
    ['克洋', '大友克洋', RANK.substring],
    ['STUDIO4℃', 'Studio 4°C', RANK.exact],
    ['ＡＫＩＲＡ', 'Akira', RANK.exact],
    ['tomo', 'Katsuhiro Otomo', RANK.substring],
    ['kanno', 'Hisaishi', undefined],
  ])('%s ~ %s', (q, v, rank) => {
    expect(matchText(q, v, false)).toBe(rank);
  });

  it('matches only whole values when exact', () => {
    expect(matchText('kanno', 'Yoko Kanno', true)).toBeUndefined();
    expect(matchText('kanno yoko', 'Yoko Kanno', true)).toBe(RANK.exact);
  });

  it('ranks as the rule says: on the key, on the words in any order, on word starts, then anywhere in a word', () => {
    // The rule written plainly, over the word lists; matchFolded gets there from the spaced form without splitting.
    const reference = (q: string, v: string, exact: boolean): number | undefined => {
      const [qk, vk, qw, vw] = [foldKey(q), foldKey(v), foldWords(q), foldWords(v)];
      if (qk === '') return undefined;
      if (qk === vk || foldKeyAnyOrder(q) === foldKeyAnyOrder(v)) return RANK.exact;
      if (exact) return undefined;
      if (vk.startsWith(qk) || qw.every((w) => vw.some((x) => x.startsWith(w)))) return RANK.prefix;
      if (vk.includes(qk) || qw.every((w) => vw.some((x) => x.includes(w)))) return RANK.substring;
      return undefined;
    };
    const text = fc
      .array(fc.constantFrom('o', 'to', 'mo', 'ō', 'ou', 'kan', 'no', 'ノ', 'の', ' ', '-', '.', 'A', '1', '大友'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, text, fc.boolean(), (q, v, exact) => {
        expect(matchText(q, v, exact)).toBe(reference(q, v, exact));
        expect(matchFolded(foldedFromStore(foldForStore(q)), foldedFromStore(foldForStore(v)), exact)).toBe(reference(q, v, exact));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('queries on the bundled catalogue', () => {
  const { catalogue } = loadCatalogue([BUNDLED], { parse: parseFile });
  const cat: Library = { catalogue, collection: undefined };
  const ids = <T extends { id: string }>(rows: T[]): string[] => rows.map((r) => r.id);
  const q = (...args: string[]) => ({ query: parseQuery(args) });

  it('finds anthologies by year and range', () => {
    expect(ids(queryRows(LIST, cat, q('year:1987')))).toEqual(['robot-carnival', 'neo-tokyo']);
    expect(ids(queryRows(LIST, cat, q('year:2000..2007')))).toEqual(['digital-juice', 'the-animatrix', 'genius-party']);
  });

  it('finds the segment Yoko Kanno scored, whichever way her name is typed', () => {
    for (const name of ['kanno', 'Yōko Kanno', 'Kanno Yoko', '菅野よう子']) {
      expect(
        queryRows(SEGMENTS, cat, q(`music:${name}`)).map((s) => s.segment.id),
        name,
      ).toEqual(['magnetic-rose']);
    }
  });

  it('finds Otomo in any spelling', () => {
    for (const name of ['otomo', 'Ōtomo', 'Ootomo', 'Ohtomo', 'Outomo', '大友克洋']) {
      expect(ids(queryRows(STAFF, cat, q(name))), name).toEqual(['katsuhiro-otomo']);
    }
  });

  it('ranks exact above prefix above substring', () => {
    const names = queryRows(STAFF, cat, q('name:hiro')).map((s) => s.name);
    expect(names[0]).toMatch(/^Hiro/);
    const exact = queryRows(SEGMENTS, cat, q('title:opening'));
    expect(exact.map((s) => s.segment.id)).toEqual(['robot-carnival-opening', 'short-peace-opening']);
  });

  it('negates, alternates, filters by role and sorts', () => {
    expect(ids(queryRows(LIST, cat, q('director:otomo', '^year:1987')))).toEqual(['memories', 'short-peace']);
    expect(queryRows(SEGMENTS, cat, q('music:kanno', ',', 'music:nagashima')).map((s) => s.segment.id)).toEqual([
      'magnetic-rose',
      'cannon-fodder',
    ]);
    expect(queryRows(SEGMENTS, cat, { ...q('character-design:sadamoto') }).map((s) => s.segment.id)).toEqual([
      'a-tale-of-two-robots',
      'gambo',
    ]);
    expect(ids(queryRows(LIST, cat, { ...q('year:1987..'), sort: 'year-,title', limit: 3 }))).toEqual([
      'star-wars-visions',
      'modest-heroes',
      'short-peace',
    ]);
  });

  it('queries releases by spec', () => {
    expect(ids(queryRows(RELEASES, cat, q('aspect:1.85:1', 'country:JP', ',', 'released:2004-01..2004-12')))).toEqual([
      'neo-tokyo-us-adv-dvd',
      'memories-jp-dvd-1999',
      'memories-us-dvd-2004',
      'memories-gb-dvd-2004',
      'memories-jp-laserdisc',
    ]);
    expect(ids(queryRows(RELEASES, cat, q('subtitles:portuguese')))).toEqual(['memories-us-dvd-2004']);
  });

  it('reads the collection it is given, beside the same catalogue', () => {
    const at = { file: 'collection.yaml', line: 1, col: 1 };
    const mine = indexCollection(
      { owned: [{ release: 'memories-us-dvd-2004', at }], wanted: [], viewings: [{ work: 'magnetic-rose', rating: 9, at }] },
      { releases: catalogue.releaseById, works: catalogue.works },
      new Problems(),
    );
    const withMine: Library = { catalogue, collection: mine };
    expect(ids(queryRows(RELEASES, withMine, q('owned:yes')))).toEqual(['memories-us-dvd-2004']);
    expect(ids(queryRows(RELEASES, cat, q('owned:yes')))).toEqual([]);
    expect(ids(queryRows(LIST, withMine, q('owned:yes')))).toEqual(['memories']);
    expect(queryRows(SEGMENTS, withMine, q('rating:9')).map((s) => s.segment.id)).toEqual(['magnetic-rose']);
    expect(searchCatalogue(withMine, q('watched:yes')).works.map((h) => h.item.kind)).toEqual(['segment']);
    expect(searchCatalogue(cat, q('watched:yes')).works).toEqual([]);
  });

  describe('compareSpecs', () => {
    const release = (id: string) => catalogue.releaseById.get(id)!;
    const us = release('memories-us-dvd-2004');
    const gb = release('memories-gb-dvd-2004');
    const differing = (library: Library, releases: (typeof us)[]) =>
      compareSpecs(library, releases)
        .filter((s) => s.differs)
        .map((s) => s.key);

    it('lists the specs either has, and marks those whose recorded values differ', () => {
      const specs = compareSpecs(cat, [us, gb]);
      expect(specs.map((s) => s.key)).not.toContain('edition');
      expect(specs.find((s) => s.key === 'format')).toEqual({ key: 'format', differs: false });
      expect(differing(cat, [us, gb])).toEqual(
        expect.arrayContaining(['country', 'region', 'publisher', 'released', 'audio', 'subtitles']),
      );
      expect(differing(cat, [us, us])).toEqual([]);
    });

    it('judges audio tracks on their fields, whatever order the YAML gave them in', () => {
      const a = { ...us, id: 'a', audio: [{ language: 'ja', format: 'Dolby Digital 5.1', at: us.at }] };
      const b = { ...us, id: 'b', audio: [{ format: 'Dolby Digital 5.1', language: 'ja', at: us.at }] };
      expect(differing(cat, [a, b])).toEqual([]);
      expect(differing(cat, [a, { ...b, audio: [{ language: 'ja', at: us.at }] }])).toEqual(['audio']);
    });

    it('tells two anthologies apart by id, though their titles print the same', () => {
      const works = new Map(catalogue.works).set('memories-again', catalogue.works.get('memories')!);
      const library: Library = { catalogue: { ...catalogue, works }, collection: undefined };
      const again = { ...gb, anthology: 'memories-again' };
      expect(compareReleases(library, [us, again])[0]).toEqual({ label: 'Anthology', values: ['Memories', 'Memories'], differs: true });
    });

    it('marks a release in the collection against one that is not', () => {
      const at = { file: 'collection.yaml', line: 1, col: 1 };
      const mine = indexCollection(
        { owned: [{ release: us.id, at }], wanted: [], viewings: [] },
        { releases: catalogue.releaseById, works: catalogue.works },
        new Problems(),
      );
      expect(differing({ catalogue, collection: mine }, [us, gb])).toContain('collection');
      expect(differing(cat, [us, gb])).not.toContain('collection');
    });
  });

  it('searches every kind at once', () => {
    const r = searchCatalogue(cat, q('kawajiri'));
    expect(r.people.map((h) => h.item.id)).toEqual(['yoshiaki-kawajiri']);
    expect(r.works.map((h) => h.hit.fields)).toContainEqual(['staff']);
    expect(searchCatalogue(cat, q('format:laserdisc')).releases.map((h) => h.item.id)).toEqual(['memories-jp-laserdisc']);
    expect(searchCatalogue(cat, q('format:laserdisc')).works).toEqual([]);
  });
});

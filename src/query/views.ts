import { buildCatalogue } from '../catalogue/catalogue';
import type { Catalogue } from '../catalogue/catalogue';
import type { KnownIds } from '../catalogue/collection';
import { isRecordsByKind } from '../catalogue/load';
import type { RecordsByKind, Staff } from '../catalogue/types';
import { Problems } from '../source/problem';
import { isObject, isStrings } from '../store/check';
import { Ints, Lines, SnapshotDamage } from '../store/snapshot';
import type { Snapshot } from '../store/snapshot';
import { folded, foldedFromStore, foldForStore } from './fold';
import type { Folded } from './fold';
import { matchRef, namedTargets, REF_KINDS, refKind, withoutArticle } from './resolve';
import type { RefKind, RefSource, Target } from './resolve';

/**
 * The views of a catalogue: what `show`, `compare`, `validate` and the tables print, kept so
 * that a warm run reads only the records it prints (see viewSections). Built from the loaded
 * catalogue and read back as a StoredViews.
 */

/** Each table command's cells, in its default order, by command name. */
type TableCells = Record<string, string[][]>;

/** What the CLI adds to a snapshot of views: the tables as render/ lays them out. */
export interface ViewsSpec {
  tables(cat: Catalogue): TableCells;
}

/** A record a REF named in stored views: its kind and id, and the cluster (work, release) or person (staff) it is kept in. */
export interface StoredTarget {
  kind: Target['kind'];
  id: string;
  at: number;
}

/**
 * The sections of a snapshot of views:
 * - `clusters`: one line per anthology in catalogue order, kept in chunks (see chunks()), each a RecordsByKind holding the
 *   anthology (its credits already resolved), its releases and the reviews of it and of its
 *   segments, each list in catalogue order; `clusters.people` lists, per cluster, the people
 *   it credits, and `people.clusters`, per person, the clusters that credit them;
 * - `people`: one staff record per line, in catalogue order, in chunks;
 * - `refs.ids`, `refs.where`, `refs.codes` and `refs`, one entry per record a REF can name
 *   (resolve.ts's namedTargets, in its order): its id, its kind and where it is kept (Ints, two
 *   per record), the folded keys of its catalog number and barcode,
 *   and its names, folded ahead of time and joined by "|" (`refs`), and the same without
 *   spaces (`refs.keys`), read only for a REF that is not an id, where every name that could
 *   match is found in all of them at once (query/search-index.ts keeps names the same way);
 * - `ids.works`, `ids.releases`: every id, for checking the user's collection against;
 * - `files`: how many data files there were;
 * - `table.NAME`: each table's rows, a JSON list of cells per line.
 * So `show REF` reads the ids, one ref, and the clusters and people it prints; a table reads
 * its rows; validate reads the head, which holds the problems.
 */
export function viewSections(cat: Catalogue, fileCount: number, tables: TableCells): Record<string, unknown> {
  const cluster = new Map<string, number>();
  const person = new Map(cat.staff.map((s, i) => [s.id, i]));
  const parts: RecordsByKind[] = cat.anthologies.map((a, i) => {
    for (const id of [a.id, ...a.segments.map((s) => s.id)]) cluster.set(id, i);
    return { anthologies: [a], staff: [], releases: [], reviews: [] };
  });
  for (const r of cat.releases) parts[cluster.get(r.anthology)!]!.releases.push(r);
  for (const r of cat.reviews) parts[cluster.get(r.subject)!]!.reviews.push(r);
  const clusterPeople = cat.anthologies.map(() => new Set<number>());
  const peopleClusters = cat.staff.map(() => new Set<number>());
  for (const [staff, credits] of cat.creditsByStaff) {
    const p = person.get(staff)!;
    for (const { work } of credits) {
      const c = cluster.get(work.anthology.id)!;
      clusterPeople[c]!.add(p);
      peopleClusters[p]!.add(c);
    }
  }
  const named = namedTargets(cat);
  const where = (t: Target): number =>
    t.kind === 'staff' ? person.get(t.id)! : cluster.get(t.kind === 'work' ? t.work.anthology.id : t.release.anthology)!;
  const sections: Record<string, unknown> = {
    ...chunks(
      'clusters',
      parts.map((p) => JSON.stringify(p)),
    ),
    'clusters.people': listsOf(clusterPeople),
    ...chunks(
      'people',
      cat.staff.map((s) => JSON.stringify(s)),
    ),
    'people.clusters': listsOf(peopleClusters),
    'refs.ids': Lines.of(named.map((n) => n.target.id)),
    'refs.where': new Ints(named.flatMap((n) => [REF_KINDS.indexOf(refKind(n.target)), where(n.target)])),
    ...refNames(named.map((n) => n.names)),
    'refs.codes': Lines.of(named.map((n) => n.codes.map((c) => folded(c).key).join('|'))),
    'ids.works': [...cat.works.keys()],
    'ids.releases': [...cat.releaseById.keys()],
    files: fileCount,
  };
  for (const [name, rows] of Object.entries(tables)) sections[`table.${name}`] = Lines.of(rows.map((r) => JSON.stringify(r)));
  return sections;
}

/** Each record's names, folded and joined as a stored search index joins them, with and without spaces. */
function refNames(names: readonly string[][]): Record<string, Lines> {
  const spaced = Lines.of(names.map((list) => list.map(foldForStore).filter(Boolean).join('|')));
  return { refs: spaced, 'refs.keys': new Lines(spaced.text.replaceAll(' ', ''), spaced.count) };
}

// A record with no names keeps an empty line, which is no name at all.
const unjoin = (stored: string): Folded[] => (stored === '' ? [] : stored.split('|').map(foldedFromStore));

/** Lines per chunk: a section is read and checked whole, so a view reads a chunk, not every record. */
const CHUNK = 64;

/** Lists of whole numbers as one Ints: where each list starts (and where the last ends), then the lists. */
function listsOf(sets: readonly Set<number>[]): Ints {
  const starts: number[] = [];
  const values: number[] = [];
  for (const set of sets) {
    starts.push(sets.length + 1 + values.length);
    values.push(...[...set].sort((a, b) => a - b));
  }
  return new Ints([...starts, sets.length + 1 + values.length, ...values]);
}

/** Read lists kept by listsOf: `count` of them, each of numbers below `bound`, all checked. */
function readLists(ints: Int32Array, count: number, bound: number, what: string): (i: number) => Int32Array {
  let fits = ints.length >= count + 1 && ints[0] === count + 1 && ints[count] === ints.length;
  for (let i = 1; fits && i <= count; i++) fits = ints[i]! >= ints[i - 1]!;
  for (let i = count + 1; fits && i < ints.length; i++) fits = ints[i]! >= 0 && ints[i]! < bound;
  if (!fits) throw new SnapshotDamage(`${what} does not hold ${count} lists of numbers below ${bound}`);
  return (i) => ints.subarray(ints[i], ints[i + 1]);
}

/** Lines kept as `NAME.count` and sections `NAME.0`, `NAME.1`, ..., each of CHUNK lines (the last of fewer). */
function chunks(name: string, lines: string[]): Record<string, unknown> {
  const sections: Record<string, unknown> = { [`${name}.count`]: lines.length };
  for (let k = 0; k * CHUNK < lines.length; k++) sections[`${name}.${k}`] = Lines.of(lines.slice(k * CHUNK, (k + 1) * CHUNK));
  return sections;
}

/** Line `i` of chunked lines, read with the one section that holds it. */
function chunkLine(snapshot: Snapshot, name: string, i: number): string {
  const chunk = snapshot.lines(`${name}.${Math.floor(i / CHUNK)}`);
  if (chunk.length !== Math.min(CHUNK, snapshot.json(`${name}.count`, isCount) - Math.floor(i / CHUNK) * CHUNK))
    throw new SnapshotDamage(`${name} has a chunk of the wrong length`);
  return chunk.get(i % CHUNK);
}

/** Stored views, read on demand; anything that does not fit throws SnapshotDamage, which means an answer from the files. */
export interface StoredViews {
  /** How many data files the catalogue was read from. */
  fileCount(): number;
  /** Every work and release id, to check a collection against. */
  knownIds(): KnownIds;
  /** The one record REF names, or undefined when it names none or several (the files answer those, with their messages). */
  find(ref: string, kinds?: readonly RefKind[]): StoredTarget | undefined;
  /** A catalogue of everything the views of these targets print. */
  catalogueFor(targets: readonly StoredTarget[]): Catalogue;
  /** The target itself, in a catalogue from catalogueFor. */
  target(cat: Catalogue, t: StoredTarget): Target;
  /** The first `limit` rows of a table (all without one). */
  rows(table: string, limit?: number): string[][];
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const TARGET_KIND: Record<RefKind, Target['kind']> = { anthology: 'work', segment: 'work', person: 'staff', release: 'release' };
const isStaff = (v: unknown): v is Staff => isObject(v) && typeof v.id === 'string' && typeof v.name === 'string';

/** Parse one line of a section and check its shape. */
function parsed<T>(text: string, check: (v: unknown) => v is T, what: string): T {
  const value: unknown = JSON.parse(text);
  if (!check(value)) throw new SnapshotDamage(`${what} is not what it should be`);
  return value;
}

export function storedViews(snapshot: Snapshot): StoredViews {
  const where = (i: number): [RefKind, number] => {
    const all = snapshot.ints('refs.where');
    const kind = REF_KINDS[all[2 * i]!];
    if (all.length !== 2 * snapshot.lines('refs.ids').length || kind === undefined || !(all[2 * i + 1]! >= 0))
      throw new SnapshotDamage(`ref ${i} is not what it should be`);
    return [kind, all[2 * i + 1]!];
  };
  const stub = (i: number, id: string): StoredTarget => {
    const [kind, at] = where(i);
    return { kind: TARGET_KIND[kind], id, at };
  };
  return {
    fileCount: () => snapshot.json('files', isCount),
    knownIds() {
      const works = new Set(snapshot.json('ids.works', isStrings));
      const releases = new Set(snapshot.json('ids.releases', isStrings));
      return { works, releases };
    },
    find(ref, kinds = REF_KINDS) {
      const ids = snapshot.lines('refs.ids');
      const allowed = (i: number): boolean => kinds.includes(where(i)[0]);
      // An exact id needs one line read: most REFs are ids, copied from a table.
      const exact = ids.containing(ref).filter((i) => ids.get(i) === ref && allowed(i));
      if (exact.length === 1) return stub(exact[0]!, ref);
      const names = snapshot.lines('refs');
      const keys = snapshot.lines('refs.keys');
      const codes = snapshot.lines('refs.codes');
      if (names.length !== ids.length || keys.length !== ids.length || codes.length !== ids.length)
        throw new SnapshotDamage('the refs sections differ in length');
      // Only these can match: a name that holds the folded REF (tiers two and three) or its
      // first word (two and four), a code that holds it (two), an id that holds it (five).
      const f = folded(ref);
      const key = withoutArticle(f);
      const candidates = [
        ...keys.containing(key),
        ...(f.words.length > 0 ? names.containing(f.words[0]!) : []),
        ...codes.containing(f.key),
        ...(ref === '' ? [] : ids.containing(ref)),
      ];
      const among = [...new Set(candidates)].filter(allowed).sort((a, b) => a - b);
      const source: RefSource<StoredTarget> = {
        target: (i) => stub(i, ids.get(i)),
        kind: (i) => where(i)[0],
        id: (i) => ids.get(i),
        names: (i) => unjoin(names.get(i)),
        codes: (i) => (codes.get(i) === '' ? [] : codes.get(i).split('|')),
      };
      const found = matchRef(source, ref, among);
      return found?.kind === 'found' ? found.target : undefined;
    },
    catalogueFor(targets) {
      const clusters = { length: snapshot.json('clusters.count', isCount), get: (c: number) => chunkLine(snapshot, 'clusters', c) };
      const people = { length: snapshot.json('people.count', isCount), get: (p: number) => chunkLine(snapshot, 'people', p) };
      const clusterPeople = readLists(snapshot.ints('clusters.people'), clusters.length, people.length, 'clusters.people');
      const peopleClusters = readLists(snapshot.ints('people.clusters'), people.length, clusters.length, 'people.clusters');
      const wanted = new Set<number>();
      const who = new Set<number>();
      for (const t of targets) {
        if (t.kind !== 'staff') wanted.add(t.at);
        else if (t.at >= people.length) throw new SnapshotDamage(`person ${t.at} is not there`);
        else {
          who.add(t.at);
          for (const c of peopleClusters(t.at)) wanted.add(c);
        }
      }
      for (const c of wanted) {
        if (c >= clusters.length) throw new SnapshotDamage(`cluster ${c} is not there`);
        for (const p of clusterPeople(c)) who.add(p);
      }
      const order = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
      const parts = order(wanted).map((c) => parsed(clusters.get(c), isRecordsByKind, `cluster ${c}`));
      const staff = order(who).map((p) => parsed(people.get(p), isStaff, `person ${p}`));
      return buildCatalogue([...parts, { anthologies: [], staff, releases: [], reviews: [] }], new Problems());
    },
    target(cat, { kind, id }) {
      const work = kind === 'work' ? cat.works.get(id) : undefined;
      const staff = kind === 'staff' ? cat.staffById.get(id) : undefined;
      const release = kind === 'release' ? cat.releaseById.get(id) : undefined;
      if (work) return { kind: 'work', id, work };
      if (staff) return { kind: 'staff', id, staff };
      if (release) return { kind: 'release', id, release };
      throw new SnapshotDamage(`${kind} "${id}" is not in its cluster`);
    },
    rows(table, limit) {
      const lines = snapshot.lines(`table.${table}`);
      const count = limit === undefined ? lines.length : Math.min(limit, lines.length);
      return Array.from({ length: count }, (_, i) => parsed(lines.get(i), isStrings, `row ${i} of ${table}`));
    },
  };
}

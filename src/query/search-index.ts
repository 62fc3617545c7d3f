import type { Catalogue, Library } from '../catalogue/catalogue';
import type { CollectionIndex } from '../catalogue/collection';
import { isStrings } from '../store/check';
import { Ints, Lines, SnapshotDamage } from '../store/snapshot';
import type { LinesReader, Snapshot } from '../store/snapshot';
import type { Release, Staff, Work } from '../catalogue/types';
import type { FieldDef, SearchKind } from './fields';
import { FIELDS, personNames } from './fields';
import { folded, foldedFromStore, foldForStore } from './fold';
import type { Folded } from './fold';
import type { FieldSource, PeopleColumn } from './match';
import { creditStarts, describeHits, filterItems, liveSource, PeopleBuilder } from './match';
import type { Query } from './parse';
import { joinCells } from '../util/tsv';

/** The items of each kind, in the order search lists them. */
export interface SearchItems {
  works: readonly Work[];
  people: readonly Staff[];
  releases: readonly Release[];
}

/** The row each kind of item is shown as: its cells, as they are (render/ escapes them when it prints). */
export type RowsOf = { [K in SearchKind]: (item: SearchItems[K][number], cat: Catalogue) => string[] };

/** What a search reads of one kind: its items, their field values, and the row each is shown as. */
interface Items<T> {
  items(): readonly T[];
  source: FieldSource<T>;
  /** The item's row, as one line of cells (util/tsv.ts). */
  row(item: T): string;
}

/**
 * What a search of one kind found, read on demand so that a broad search keeps no row longer
 * than it takes to print it: how many, the k-th one's row as one line of cells (util/tsv.ts),
 * and what matched in it (describeHits).
 */
export interface FoundRows {
  count: number;
  row(k: number): string;
  matched(k: number): string;
}

/** A search of one kind, over items of its own (records, or positions in a stored index): their type stays inside. */
type IndexedKind = (query: Query, limit: number | undefined) => FoundRows;

/** Per kind, the search of its items. */
export type SearchIndex = Record<SearchKind, IndexedKind>;

function indexed<T>(kind: SearchKind, of: Items<T>): IndexedKind {
  return (query, limit) => {
    const all = filterItems(() => of.items(), query, kind, of.source);
    const hits = limit === undefined ? all : all.slice(0, limit);
    return { count: hits.length, row: (k) => of.row(hits[k]!.item), matched: describeHits(kind, query, of.source, of.items(), hits) };
  };
}

/** What a command searches: which items of the catalogue, shown as which rows. */
export interface SearchSpec {
  items(cat: Catalogue): SearchItems;
  rows: RowsOf;
}

const KINDS: readonly SearchKind[] = ['works', 'people', 'releases'];

/** A search over the loaded catalogue and the collection beside it. */
export function liveIndex(library: Library, items: SearchItems, rows: RowsOf): SearchIndex {
  const source = liveSource(library);
  const kind = <K extends SearchKind>(k: K): IndexedKind =>
    indexed<SearchItems[K][number]>(k, { items: () => items[k], source, row: (item) => joinCells(rows[k](item, library.catalogue)) });
  return { works: kind('works'), people: kind('people'), releases: kind('releases') };
}

/**
 * What a stored index keeps, as named sections, for each kind: the count of items, their ids,
 * the rows they are shown as (a line of cells each, util/tsv.ts, as Lines, read only for the
 * items found: a broad search prints them as they are), and for each field a column with one
 * entry per item:
 * - a text field: its values folded ahead of time (foldForStore) and joined by "|", which no
 *   folded text contains, as Lines; `.keys` holds the same without spaces, where a query's
 *   words are looked for in every item at once;
 * - a field of people's names: an entry per credit, as two flat lists (Ints): the item's
 *   position, and the person's position in `names` (everyone's names, folded and joined the
 *   same way, as Lines; `names.keys` holds the same without the spaces, and `names.shown` the
 *   name each is shown by);
 * - a field of the user's collection: the keys its values come from;
 * - numbers and dates: the values as they are.
 * Flat lists and strings rather than a small array per item keep reading fast: the garbage
 * collector copies each surviving object, and large flat lists are not copied at all.
 * Every entry comes from the FieldDefs, so a stored search answers as a live one does.
 */
export function indexSections(cat: Catalogue, items: SearchItems, rows: RowsOf): Record<string, unknown> {
  const person = new Map(cat.staff.map((s, i) => [s.id, i]));
  // No collection: a field of it keeps its keys, and the collection of each run gives their values.
  const records: Library = { catalogue: cat, collection: undefined };
  /** A text column and its keys column, from each item's values folded (each distinct string is folded once). */
  const textColumns = <T>(list: readonly T[], values: (item: T) => readonly (string | number)[]): [Lines, Lines] => {
    const spaced = Lines.of(
      list.map((item) =>
        values(item)
          .map((v) => foldForStore(String(v)))
          .join(SEPARATOR),
      ),
    );
    // The keys are the same text without its spaces, line for line.
    return [spaced, new Lines(spaced.text.replaceAll(' ', ''), spaced.count)];
  };
  const [names, nameKeys] = textColumns(cat.staff, personNames);
  const sections: Record<string, unknown> = { names, 'names.keys': nameKeys, 'names.shown': Lines.of(cat.staff.map((s) => s.name)) };
  for (const kind of KINDS) {
    const list = items[kind] as readonly unknown[];
    const fields = FIELDS[kind] as Record<string, FieldDef<unknown>>;
    const row = rows[kind] as (item: unknown, cat: Catalogue) => string[];
    sections[`${kind}.count`] = list.length;
    sections[`${kind}.ids`] = list.map((item) => fields.id!.values(item, records)[0]);
    const shown = list.map((item) => row(item, cat));
    sections[`${kind}.rows`] = Lines.of(shown.map(joinCells));
    sections[`${kind}.cells`] = shown[0]?.length ?? 0;
    Object.assign(sections, peopleColumns(kind, list, fields, person));
    for (const [name, def] of Object.entries(fields)) {
      if (def.people) continue;
      if (def.mine) sections[`${kind}.${name}`] = list.map((item) => def.mine!.keys(item, cat));
      else if (def.kind === 'text')
        [sections[`${kind}.${name}`], sections[`${kind}.${name}.keys`]] = textColumns(list, (item) => def.values(item, records));
      else sections[`${kind}.${name}`] = list.map((item) => def.values(item, records));
      if (def.forms) sections[`${kind}.${name}.forms`] = Lines.of(list.map((item) => JSON.stringify(def.values(item, records))));
    }
  }
  return sections;
}

/**
 * The people columns of a kind, as flat lists. Fields of credited people (FieldDef.credits)
 * are filled in one pass over each item's credits, each credit going to the fields that take
 * its role: the works have one such field per role, and filtering every item's credits once
 * per field was most of the time spent indexing.
 */
function peopleColumns(
  kind: SearchKind,
  list: readonly unknown[],
  fields: Record<string, FieldDef<unknown>>,
  person: Map<string, number>,
): Record<string, Ints> {
  const columns = new Map<string, PeopleBuilder>();
  const byRole = new Map<string, PeopleBuilder[]>();
  const anyRole: PeopleBuilder[] = [];
  let credits: ((item: unknown) => readonly { role: string; staff: string }[]) | undefined;
  const others: [PeopleBuilder, FieldDef<unknown>][] = [];
  for (const [name, def] of Object.entries(fields)) {
    if (!def.people) continue;
    const column = new PeopleBuilder(person.size);
    columns.set(name, column);
    // One pass serves the fields that read the same credits; any other goes item by item.
    if (!def.credits || (credits !== undefined && def.credits.of !== credits)) others.push([column, def]);
    else {
      credits = def.credits.of;
      if (def.credits.roles === undefined) anyRole.push(column);
      for (const role of def.credits.roles ?? []) byRole.set(role, [...(byRole.get(role) ?? []), column]);
    }
  }
  for (const [i, item] of list.entries()) {
    for (const c of credits?.(item) ?? []) {
      const p = person.get(c.staff)!;
      for (const column of byRole.get(c.role) ?? []) column.add(i, p);
      for (const column of anyRole) column.add(i, p);
    }
    for (const [column, def] of others) for (const id of def.people!(item)) column.add(i, person.get(id)!);
  }
  // One section per column: the items, then the people.
  return Object.fromEntries([...columns].map(([name, { items, ids }]) => [`${kind}.${name}`, new Ints([...items, ...ids])]));
}

const SEPARATOR = '|';

function positions(count: number): number[] {
  const all = new Array<number>(count);
  for (let i = 0; i < count; i++) all[i] = i;
  return all;
}

const unjoin = (stored: string): Folded[] => stored.split(SEPARATOR).map(foldedFromStore);

/**
 * The lines of stored keys that hold every one of `words`: the first is found in all of them
 * at once, the others in those lines. No words, no line (an empty query matches nothing).
 */
function withWords(keys: LinesReader, words: readonly string[]): number[] {
  return words.length === 0 ? [] : keys.containing(words[0]!).filter((line) => words.every((w) => keys.get(line).includes(w)));
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isKeyLists = (v: unknown): v is string[][] => Array.isArray(v) && v.every(isStrings);
const isValueLists = (v: unknown): v is (string | number)[][] =>
  Array.isArray(v) && v.every((x) => Array.isArray(x) && x.every((y) => typeof y === 'string' || typeof y === 'number'));

/** Line `i` of a section that keeps a JSON list of texts per line (forms), checked. */
function textsAt(lines: LinesReader, i: number, section: string): string[] {
  let texts: unknown;
  try {
    texts = JSON.parse(lines.get(i));
  } catch {
    throw new SnapshotDamage(`${section} holds a line that is not JSON`);
  }
  if (!isStrings(texts)) throw new SnapshotDamage(`${section} holds a line that is not a list of texts`);
  return texts;
}

/** What a line of `cells` cells (util/tsv.ts) looks like: one test per row read, a regular expression's native loop. */
function cellsShape(cells: number): RegExp {
  return cells === 0 ? /^$/ : new RegExp(`^[^\t]*(?:\t[^\t]*){${cells - 1}}$`);
}

/** The ids a stored index holds for one kind, checked. */
export function storedIds(snapshot: Snapshot, kind: SearchKind): string[] {
  return snapshot.json(`${kind}.ids`, isStrings);
}

/**
 * A search over a stored index (see indexSections), whose items are numbers: positions in
 * each kind's columns. Sections are read and checked on first use (store/snapshot.ts), so a
 * search reads only the columns its query names, and one that does not fit throws
 * SnapshotDamage, which means a rebuild. The collection is the current one, applied to the
 * stored keys.
 */
export function storedIndex(snapshot: Snapshot, collection: CollectionIndex | undefined): SearchIndex {
  const names = (): LinesReader => snapshot.lines('names');
  const kind = (k: SearchKind): Items<number> => {
    let counted: number | undefined;
    const count = (): number => (counted ??= snapshot.json(`${k}.count`, isCount));
    const credits = new Map<string, PeopleColumn>();
    /** A column of one entry per item, checked to have as many as there are items. */
    const column = <V extends readonly unknown[] | LinesReader>(field: string, read: (name: string) => V): V => {
      const stored = read(`${k}.${field}`);
      if (stored.length !== count()) throw new SnapshotDamage(`${k}.${field} has ${stored.length} entries for ${count()} items`);
      return stored;
    };
    const json =
      <V>(check: (v: unknown) => v is V[]) =>
      (name: string): V[] =>
        snapshot.json(name, check);
    const mine = (field: string, def: FieldDef<number>): ((i: number) => (string | number)[]) => {
      const keys = column(field, json(isKeyLists));
      return (i) => def.mine!.values(keys[i]!, collection);
    };
    let rows: { lines: LinesReader; shape: RegExp } | undefined;
    /** Row `i`, checked to be a line of as many cells as every row has. */
    const row = (i: number): string => {
      rows ??= { lines: column('rows', (name) => snapshot.lines(name)), shape: cellsShape(snapshot.json(`${k}.cells`, isCount)) };
      const line = rows.lines.get(i);
      if (!rows.shape.test(line)) throw new SnapshotDamage(`${k}.rows holds a line that is not a row`);
      return line;
    };
    let all: number[] | undefined;
    return {
      items: () => (all ??= positions(count())),
      source: {
        values(field, def) {
          if (def.mine) return mine(field, def);
          const stored = column(field, json(isValueLists));
          return (i) => stored[i]!;
        },
        texts(field, def) {
          if (def.mine) {
            const values = mine(field, def);
            return (i) => values(i).map((v) => folded(String(v)));
          }
          const stored = column(field, (name) => snapshot.lines(name));
          return (i) => unjoin(stored.get(i));
        },
        forms(field) {
          const stored = column(`${field}.forms`, (name) => snapshot.lines(name));
          return (i) => textsAt(stored, i, `${k}.${field}.forms`);
        },
        itemsWith: (field, def, words) =>
          def.mine
            ? undefined
            : withWords(
                column(`${field}.keys`, (name) => snapshot.lines(name)),
                words,
              ),
        people(field) {
          let column = credits.get(field);
          if (column) return column;
          const stored = snapshot.ints(`${k}.${field}`);
          if (stored.length % 2 !== 0) throw new SnapshotDamage(`${k}.${field} is not pairs of items and people`);
          // The items are always all of this kind's positions, in order (items() above). A column
          // holds, per credit, the item and the person: first all the items, then all the people.
          const [items, ids] = [stored.subarray(0, stored.length / 2), stored.subarray(stored.length / 2)];
          const starts = creditStarts(items, ids, count(), names().length);
          if (!starts) throw new SnapshotDamage(`${k}.${field} names an item or a person that is not there, or not in order`);
          column = { items, ids, starts };
          credits.set(field, column);
          return column;
        },
        personCount: () => names().length,
        names: (p) => unjoin(names().get(p)),
        displayName: (p) => snapshot.lines('names.shown').get(p),
        peopleWith: (words) => withWords(snapshot.lines('names.keys'), words),
      },
      row,
    };
  };
  return {
    works: indexed('works', kind('works')),
    people: indexed('people', kind('people')),
    releases: indexed('releases', kind('releases')),
  };
}

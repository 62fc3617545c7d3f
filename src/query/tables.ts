import type { Catalogue, Library } from '../catalogue/catalogue';
import { segmentRefs } from '../catalogue/catalogue';
import type { Anthology, Release, SegmentRef, Staff, Work } from '../catalogue/types';
import type { FieldDef, SearchKind } from './fields';
import { FIELD_ALIASES, FIELDS } from './fields';
import { compareText } from './fold';
import type { Hit } from './match';
import { compileQuery, filterItems, liveSource } from './match';
import type { Query } from './parse';
import { QueryError } from './parse';
import type { FoundRows, SearchIndex, SearchItems } from './search-index';
import { parseSort, sortItems } from './sort';

/** A query of a table: its terms, and --sort and --limit. */
export interface RowQuery {
  query: Query;
  sort?: string | undefined;
  limit?: number | undefined;
}

/** What a table lists, in what order, and how it is queried. */
export interface TableRows<T> {
  name: string;
  /** What its rows are, for "no anthologies match ...". */
  noun: string;
  kind: SearchKind;
  /** Rows in the default order. */
  rows(this: void, cat: Catalogue): T[];
  /** The record a query looks at for a row. */
  subject(this: void, row: T): unknown;
}

const byTitle = (a: { title: string }, b: { title: string }): number => compareText(a.title, b.title);
const firstShown = (a: Anthology): string => a.released ?? String(a.year);

/** Anthologies in the order they first came out. */
function anthologiesInOrder(cat: Catalogue): Anthology[] {
  return [...cat.anthologies].sort((a, b) => compareText(firstShown(a), firstShown(b)) || byTitle(a, b));
}

export const LIST: TableRows<Anthology> = {
  name: 'list',
  noun: 'anthologies',
  kind: 'works',
  rows: anthologiesInOrder,
  subject: (anthology): Work => ({ kind: 'anthology', anthology }),
};

export const SEGMENTS: TableRows<SegmentRef> = {
  name: 'segments',
  noun: 'segments',
  kind: 'works',
  rows: (cat) => anthologiesInOrder(cat).flatMap(segmentRefs),
  subject: (row) => row,
};

export const STAFF: TableRows<Staff> = {
  name: 'staff',
  noun: 'people',
  kind: 'people',
  rows: (cat) => [...cat.staff].sort((a, b) => compareText(a.name, b.name)),
  subject: (row) => row,
};

export const RELEASES: TableRows<Release> = {
  name: 'releases',
  noun: 'releases',
  kind: 'releases',
  // By anthology as the list orders them, then by date, undated ones last.
  rows: (cat) => {
    const order = new Map(anthologiesInOrder(cat).map((a, i) => [a.id, i]));
    return [...cat.releases].sort(
      (a, b) => order.get(a.anthology)! - order.get(b.anthology)! || compareText(a.released ?? '9999', b.released ?? '9999'),
    );
  },
  subject: (row) => row,
};

/** Filter, sort and limit a table's rows by a query; a filtered table keeps its own order. */
export function queryRows<T>(table: TableRows<T>, library: Library, options: RowQuery): T[] {
  const matcher = compileQuery<unknown>(options.query, table.kind, liveSource(library));
  if (!matcher) {
    const fields = options.query.groups
      .flat()
      .filter((t) => t.field !== undefined)
      .map((t) => t.field);
    throw new QueryError(
      `memories ${table.name} cannot be queried by ${fields.join(', ')}; run memories fields ${table.kind}`,
      fields.join(' '),
    );
  }
  const rows = table.rows(library.catalogue);
  const matched = matcher(rows.map(table.subject));
  // Only search orders by how well each matched.
  const found = rows.filter((_, i) => matched[i] !== undefined);
  const sorted = options.sort ? sortItems(found, table.subject, parseSort(options.sort, table.kind), table.kind, library) : found;
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}

/**
 * "no anthologies match year:1900", and for each field of the query that only some records
 * have, how many have it: "status is recorded for 1 of 18 releases".
 */
export function noMatches<T>(table: TableRows<T>, library: Library, query: Query): string {
  const terms = query.groups.map((g) => g.map((t) => t.raw).join(' ')).join(' , ');
  if (terms === '') return `there are no ${table.noun} in the loaded data`;
  const all = table.rows(library.catalogue).map(table.subject);
  const fields = FIELDS[table.kind] as Record<string, FieldDef<unknown>>;
  const recorded = [
    ...new Set(query.groups.flat().flatMap((t) => (t.field === undefined ? [] : [FIELD_ALIASES[t.field] ?? t.field]))),
  ].flatMap((name) => {
    const def = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!def || def.mine) return [];
    const count = all.filter((item) => def.values(item, library).length > 0).length;
    return count < all.length ? [`${name} is recorded for ${count} of ${all.length} ${table.noun}`] : [];
  });
  return [`no ${table.noun} match ${terms}`, ...recorded].join('; ');
}

/** What search looks through: every work in catalogue order (each anthology, then its segments), people and releases as their tables list them. */
export function searchItems(cat: Catalogue): SearchItems {
  return {
    works: anthologiesInOrder(cat).flatMap((anthology): Work[] => [{ kind: 'anthology', anthology }, ...segmentRefs(anthology)]),
    people: STAFF.rows(cat),
    releases: RELEASES.rows(cat),
  };
}

/** Search works, people and releases at once; a kind whose fields the query does not use is left out. */
export function searchAll(index: SearchIndex, options: RowQuery): Record<SearchKind, FoundRows> {
  const find = (kind: SearchKind): FoundRows => index[kind](options.query, options.limit);
  return { works: find('works'), people: find('people'), releases: find('releases') };
}

type Hits<T> = { item: T; hit: Hit }[];

/** Search the loaded catalogue, with its records as what is found. */
export function searchCatalogue(library: Library, options: RowQuery): { works: Hits<Work>; people: Hits<Staff>; releases: Hits<Release> } {
  const items = searchItems(library.catalogue);
  const source = liveSource(library);
  const find = <T>(kind: SearchKind, list: readonly T[]): Hits<T> => {
    const hits = filterItems(() => list, options.query, kind, source);
    return options.limit === undefined ? hits : hits.slice(0, options.limit);
  };
  return { works: find('works', items.works), people: find('people', items.people), releases: find('releases', items.releases) };
}

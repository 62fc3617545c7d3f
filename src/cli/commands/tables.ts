import { buildCatalogue } from '../../catalogue/catalogue';
import type { Catalogue } from '../../catalogue/catalogue';
import type { CollectionIndex } from '../../catalogue/collection';
import type { Anthology, Release, SegmentRef, Staff, Work } from '../../catalogue/types';
import type { SearchKind } from '../../query/fields';
import { compareText } from '../../query/fold';
import { byRank, compileQuery, liveSource } from '../../query/match';
import { QueryError } from '../../query/parse';
import type { StoredViews, ViewsSpec } from '../../query/views';
import { Problems } from '../../source/problem';
import { parseSort, sortItems } from '../../query/sort';
import { renderJson } from '../../render/json';
import { anthologyTable, releaseMark, releaseTable, segmentTable, staffTable, workMark } from '../../render/records';
import type { Table } from '../../render/table';
import { renderCsv, renderTable } from '../../render/table';
import type { Context } from '../context';
import { EXIT } from '../errors';
import type { QueryOptions } from './query-options';

export interface TableOptions extends QueryOptions {
  format: 'table' | 'json' | 'csv';
}

/** One table command: which records it lists, in what order, how they print and how they are queried. */
export interface TableCommand<T> {
  name: string;
  summary: string;
  examples: string[];
  kind: SearchKind;
  /** Rows in the default order. */
  rows(cat: Catalogue): T[];
  /** The record a query looks at for a row. */
  subject(row: T): unknown;
  table(cat: Catalogue, rows: T[]): Table;
  /** The mark of the row whose first cell is `id`, as table() gives it, for a table from stored cells. */
  mark?: (collection: CollectionIndex | undefined, id: string) => string;
  json(rows: T[]): unknown;
}

const byTitle = (a: { title: string }, b: { title: string }): number => compareText(a.title, b.title);
const firstShown = (a: Anthology): string => a.released ?? String(a.year);

/** Anthologies in the order they first came out. */
export function anthologiesInOrder(cat: Catalogue): Anthology[] {
  return [...cat.anthologies].sort((a, b) => compareText(firstShown(a), firstShown(b)) || byTitle(a, b));
}

export const listCommand: TableCommand<Anthology> = {
  name: 'list',
  summary: 'List the anthologies: title, year, segments, directors, studios',
  examples: ['memories list', 'memories list year:1987', 'memories list director:kawajiri --json', 'memories list | cut -f2'],
  kind: 'works',
  rows: anthologiesInOrder,
  subject: (anthology): Work => ({ kind: 'anthology', anthology }),
  table: anthologyTable,
  mark: workMark,
  json: (rows) => rows,
};

export const segmentsCommand: TableCommand<SegmentRef> = {
  name: 'segments',
  summary: 'List every segment of every anthology, in running order',
  examples: ['memories segments', 'memories segments --composer hisaishi', 'memories segments runtime:..15 --sort runtime'],
  kind: 'works',
  rows: (cat) => anthologiesInOrder(cat).flatMap((anthology) => anthology.segments.map((segment, i): SegmentRef => ({ kind: 'segment', segment, anthology, number: i + 1 }))),
  subject: (row) => row,
  table: segmentTable,
  mark: workMark,
  json: (rows) => rows.map((r) => ({ anthology: r.anthology.id, number: r.number, ...r.segment })),
};

export const staffCommand: TableCommand<Staff> = {
  name: 'staff',
  summary: 'List the people credited, with how many credits each has',
  examples: ['memories staff', 'memories staff role:music', 'memories staff work:memories'],
  kind: 'people',
  rows: (cat) => [...cat.staff].sort((a, b) => compareText(a.name, b.name)),
  subject: (row) => row,
  table: staffTable,
  json: (rows) => rows,
};

export const releasesCommand: TableCommand<Release> = {
  name: 'releases',
  summary: 'List the home-video releases: format, country and region, publisher, date, status',
  examples: ['memories releases', 'memories releases anthology:memories format:dvd', 'memories releases released:2004-01..2004-12', 'memories releases aspect:1.85:1'],
  kind: 'releases',
  rows: (cat) => {
    const order = new Map(anthologiesInOrder(cat).map((a, i) => [a.id, i]));
    return [...cat.releases].sort((a, b) => order.get(a.anthology)! - order.get(b.anthology)! || compareText(a.released ?? '9999', b.released ?? '9999'));
  },
  subject: (row) => row,
  table: releaseTable,
  mark: releaseMark,
  json: (rows) => rows,
};

export const tableCommands = [listCommand, segmentsCommand, staffCommand, releasesCommand] as const;

/** What the stored views of a set of folders hold besides records: every table in its default order. */
export const VIEWS: ViewsSpec = {
  tables: (cat) => ({
    list: allCells(listCommand, cat),
    segments: allCells(segmentsCommand, cat),
    staff: allCells(staffCommand, cat),
    releases: allCells(releasesCommand, cat),
  }),
};

function allCells<T>(command: TableCommand<T>, cat: Catalogue): string[][] {
  return command.table(cat, command.rows(cat)).rows;
}

/** A table from stored cells: the columns need no records, the marks only the collection. */
function storedTable<T>(command: TableCommand<T>, views: StoredViews, collection: CollectionIndex | undefined, limit: number | undefined): Table {
  const rows = views.rows(command.name, limit);
  const { columns } = command.table(buildCatalogue([], new Problems()), []);
  return command.mark ? { columns, rows, marks: rows.map((r) => command.mark!(collection, r[0]!)) } : { columns, rows };
}

/** Filter, rank, sort and limit a command's rows by a query. */
export function queryRows<T>(command: TableCommand<T>, cat: Catalogue, options: QueryOptions): T[] {
  const matcher = compileQuery<unknown>(options.query, command.kind, liveSource(cat));
  if (!matcher) {
    const fields = options.query.groups.flat().filter((t) => t.field !== undefined).map((t) => t.field);
    throw new QueryError(`memories ${command.name} cannot be queried by ${fields.join(', ')}; run memories fields ${command.kind}`, fields.join(' '));
  }
  const rows = command.rows(cat);
  const matched = matcher(rows.map(command.subject));
  const found = byRank(rows, matched).map((h) => h.item);
  const sorted = options.sort ? sortItems(found, command.subject, parseSort(options.sort, command.kind), command.kind, cat) : found;
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}

/** Print the table (or JSON, or CSV); an empty result is still a success. */
export function runTable<T>(command: TableCommand<T>, ctx: Context, options: TableOptions): number {
  // The whole table in its default order is kept ready; JSON carries whole records, which only the catalogue has.
  const stored =
    options.query.groups.length === 0 && options.sort === undefined && options.format !== 'json'
      ? ctx.fromStore(VIEWS, ctx.folders, (views, { collection }) => {
          const table = storedTable(command, views, collection, options.limit);
          return options.format === 'csv' ? renderCsv(table) : renderTable(table, ctx.out);
        })
      : undefined;
  if (stored !== undefined) {
    ctx.write(stored);
    return EXIT.ok;
  }
  const cat = ctx.catalogue();
  const rows = queryRows(command, cat, options);
  if (options.format === 'json') ctx.write(renderJson(command.json(rows)));
  else if (options.format === 'csv') ctx.write(renderCsv(command.table(cat, rows)));
  else ctx.write(renderTable(command.table(cat, rows), ctx.out));
  return EXIT.ok;
}

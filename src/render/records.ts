import type { Catalogue } from '../catalogue/catalogue';
import type { Anthology, Release, Staff, Work } from '../catalogue/types';
import { anthologyDirectors, anthologyStudios, namesFor } from '../catalogue/credits';
import type { SegmentRef } from '../catalogue/types';
import { holding, latestRating } from '../catalogue/collection';
import type { CollectionIndex } from '../catalogue/collection';
import type { ViewsSpec } from '../query/views';
import { LIST, RELEASES, SEGMENTS, STAFF } from '../query/tables';
import type { TableRows } from '../query/tables';
import type { Column, Table } from './table';
import type { View } from './view';

const dim = (t: string, c: View['color']): string => c.dim(t);

/** "★8.5" for a rated work, "✓" for one watched but not rated. */
export function workMark(index: CollectionIndex | undefined, id: string): string {
  const rating = latestRating(index, id);
  return rating !== undefined ? `★${rating}` : index?.viewingsByWork.has(id) ? '✓' : '';
}

/** "●" for an owned release, "○" for a wanted one. */
export function releaseMark(index: CollectionIndex | undefined, id: string): string {
  const held = holding(index, id);
  return held === 'owned' ? '●' : held === 'wanted' ? '○' : '';
}
const list = (items: string[]): string => items.join(', ');

/** A column a table command can show: how it looks (Column), its name for --columns, and its cell. */
interface ColumnDef<T> extends Column {
  name: string;
  cell: (row: T, cat: Catalogue) => string;
  /** Shown when --columns is not given. */
  shown?: boolean;
}

const idColumn = <T extends { id: string }>(): ColumnDef<T> => ({
  name: 'id',
  header: 'ID',
  style: dim,
  fixed: true,
  priority: 9,
  shown: true,
  cell: (r) => r.id,
});
const title = (t: string, c: View['color']): string => c.bold(t);

/** The columns of a table command, in their default order: those shown, then those --columns can add. */
export type Columns<T> = readonly ColumnDef<T>[];

/** The named columns (or those shown by default) as a table of rows. */
export function tableOf<T>(defs: Columns<T>, cat: Catalogue, rows: readonly T[], names?: readonly string[]): Table {
  const chosen = names ? names.map((n) => defs.find((d) => d.name === n)!) : shownColumns(defs);
  return { columns: chosen, rows: rows.map((r) => chosen.map((d) => d.cell(r, cat))) };
}

/** The columns a table shows when --columns is not given. */
export function shownColumns<T>(defs: Columns<T>): ColumnDef<T>[] {
  return defs.filter((d) => d.shown);
}

/** `memories list`: one row per anthology. Column order is part of the TSV contract. */
const ANTHOLOGY_COLUMNS: Columns<Anthology> = [
  idColumn(),
  { name: 'title', header: 'TITLE', style: title, wrap: true, priority: 8, min: 12, shown: true, cell: (a) => a.title },
  { name: 'year', header: 'YEAR', fixed: true, priority: 7, shown: true, cell: (a) => String(a.year) },
  { name: 'segments', header: 'SEGS', align: 'right', priority: 3, shown: true, cell: (a) => String(a.segments.length) },
  {
    name: 'directors',
    header: 'DIRECTORS',
    wrap: true,
    priority: 6,
    min: 12,
    shown: true,
    cell: (a, cat) => list(anthologyDirectors(cat, a)),
  },
  { name: 'studios', header: 'STUDIOS', wrap: true, priority: 2, shown: true, cell: (a) => list(anthologyStudios(a)) },
  { name: 'native-title', header: 'NATIVE TITLE', wrap: true, priority: 4, cell: (a) => a.native_title ?? '' },
  { name: 'released', header: 'RELEASED', fixed: true, priority: 4, cell: (a) => a.released ?? '' },
  { name: 'runtime', header: 'RUNTIME', align: 'right', priority: 3, cell: (a) => (a.runtime === undefined ? '' : `${a.runtime} min`) },
];

/** `memories segments`: one row per segment, in running order within each anthology. */
const SEGMENT_COLUMNS: Columns<SegmentRef> = [
  { name: 'id', header: 'ID', style: dim, fixed: true, priority: 9, shown: true, cell: (r) => r.segment.id },
  { name: 'anthology', header: 'ANTHOLOGY', wrap: true, priority: 3, shown: true, cell: (r) => r.anthology.title },
  { name: 'number', header: '#', align: 'right', priority: 4, shown: true, cell: (r) => String(r.number) },
  { name: 'title', header: 'TITLE', style: title, wrap: true, priority: 8, min: 12, shown: true, cell: (r) => r.segment.title },
  {
    name: 'director',
    header: 'DIRECTOR',
    wrap: true,
    priority: 6,
    shown: true,
    cell: (r, cat) => list(namesFor(cat, r.segment.credits, 'director')),
  },
  {
    name: 'music',
    header: 'MUSIC',
    wrap: true,
    priority: 5,
    shown: true,
    cell: (r, cat) => list(namesFor(cat, r.segment.credits, 'music')),
  },
  {
    name: 'runtime',
    header: 'RUNTIME',
    align: 'right',
    priority: 2,
    shown: true,
    cell: (r) => (r.segment.runtime === undefined ? '' : `${r.segment.runtime} min`),
  },
  { name: 'native-title', header: 'NATIVE TITLE', wrap: true, priority: 4, cell: (r) => r.segment.native_title ?? '' },
  {
    name: 'writer',
    header: 'WRITER',
    wrap: true,
    priority: 4,
    cell: (r, cat) => list([...namesFor(cat, r.segment.credits, 'screenplay'), ...namesFor(cat, r.segment.credits, 'original-story')]),
  },
];

/** `memories staff`: one row per person with the number of credits. */
const STAFF_COLUMNS: Columns<Staff> = [
  idColumn(),
  { name: 'name', header: 'NAME', style: title, wrap: true, priority: 8, min: 12, shown: true, cell: (s) => s.name },
  { name: 'native-name', header: 'NATIVE NAME', wrap: true, priority: 4, shown: true, cell: (s) => s.native_name ?? '' },
  {
    name: 'credits',
    header: 'CREDITS',
    align: 'right',
    priority: 6,
    shown: true,
    cell: (s, cat) => String(cat.creditsByStaff.get(s.id)?.length ?? 0),
  },
];

/** A short "Title (Anthology)" label for a work, so segments are never mistaken for films. */
export function workLabel(work: Work): string {
  return work.kind === 'anthology' ? work.anthology.title : `${work.segment.title} (${work.anthology.title})`;
}

/** "US/1", or just the country when the region is unknown. */
export function countryRegion(r: Release): string {
  return r.region ? `${r.country}/${r.region}` : r.country;
}

const anthologyTitle = (r: Release, cat: Catalogue): string => {
  const work = cat.works.get(r.anthology);
  return work?.kind === 'anthology' ? work.anthology.title : r.anthology;
};

/** The columns every table of releases starts with (releases, the collection). */
export const RELEASE_COLUMNS: Columns<Release> = [
  idColumn(),
  { name: 'anthology', header: 'ANTHOLOGY', style: title, wrap: true, priority: 3, shown: true, cell: anthologyTitle },
  { name: 'format', header: 'FORMAT', fixed: true, priority: 7, shown: true, cell: (r) => r.format },
  { name: 'country', header: 'COUNTRY', fixed: true, priority: 6, shown: true, cell: countryRegion },
  { name: 'publisher', header: 'PUBLISHER', wrap: true, priority: 5, shown: true, cell: (r) => r.publisher },
];

const languages = (codes: readonly string[] | undefined): string => (codes ?? []).join(', ');

/** `memories releases`: one row per edition. New columns go last, so that scripts reading fields by number keep working. */
const RELEASE_TABLE_COLUMNS: Columns<Release> = [
  ...RELEASE_COLUMNS,
  { name: 'released', header: 'RELEASED', fixed: true, priority: 6, shown: true, cell: (r) => r.released ?? '' },
  { name: 'status', header: 'STATUS', priority: 1, shown: true, cell: (r) => r.status ?? '' },
  { name: 'catalog', header: 'CATALOG', fixed: true, priority: 4, shown: true, cell: (r) => r.catalog_number ?? '' },
  { name: 'title', header: 'EDITION', wrap: true, priority: 4, cell: (r) => r.title ?? '' },
  { name: 'aspect', header: 'ASPECT', fixed: true, priority: 3, cell: (r) => r.video?.aspect_ratio ?? '' },
  { name: 'runtime', header: 'RUNTIME', align: 'right', priority: 3, cell: (r) => (r.runtime === undefined ? '' : `${r.runtime} min`) },
  { name: 'discs', header: 'DISCS', align: 'right', priority: 2, cell: (r) => (r.discs === undefined ? '' : String(r.discs)) },
  { name: 'audio', header: 'AUDIO', wrap: true, priority: 2, cell: (r) => languages(r.audio?.map((a) => a.language)) },
  { name: 'subtitles', header: 'SUBTITLES', wrap: true, priority: 2, cell: (r) => languages(r.subtitles) },
];

/** A table: the rows it lists (query/tables.ts) and every column it can show, the id first. */
export interface TableOf<T> extends TableRows<T> {
  columns: Columns<T>;
}

export const LIST_TABLE: TableOf<Anthology> = { ...LIST, columns: ANTHOLOGY_COLUMNS };
export const SEGMENTS_TABLE: TableOf<SegmentRef> = { ...SEGMENTS, columns: SEGMENT_COLUMNS };
export const STAFF_TABLE: TableOf<Staff> = { ...STAFF, columns: STAFF_COLUMNS };
export const RELEASES_TABLE: TableOf<Release> = { ...RELEASES, columns: RELEASE_TABLE_COLUMNS };

/** The cells of a table in its default order, as the stored views keep them. */
function allCells<T>(table: TableOf<T>, cat: Catalogue): string[][] {
  return tableOf(table.columns, cat, table.rows(cat)).rows;
}

/** What the stored views of a set of folders hold besides records: every table in its default order, as laid out here. */
export const TABLE_VIEWS: ViewsSpec = {
  tables: (cat) => ({
    [LIST_TABLE.name]: allCells(LIST_TABLE, cat),
    [SEGMENTS_TABLE.name]: allCells(SEGMENTS_TABLE, cat),
    [STAFF_TABLE.name]: allCells(STAFF_TABLE, cat),
    [RELEASES_TABLE.name]: allCells(RELEASES_TABLE, cat),
  }),
};

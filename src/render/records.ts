import type { Catalogue } from '../catalogue/catalogue';
import type { Anthology, Release, Staff } from '../catalogue/types';
import { anthologyDirectors, anthologyStudios, namesFor } from '../query/credits';
import type { SegmentRef } from '../catalogue/types';
import { latestRating } from '../catalogue/collection';
import type { CollectionIndex } from '../catalogue/collection';
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
  return index?.owned.has(id) ? '●' : index?.wanted.has(id) ? '○' : '';
}
const list = (items: string[]): string => items.join(', ');

/** `memories list`: one row per anthology. Column order is part of the TSV contract. */
export function anthologyTable(cat: Catalogue, rows: Anthology[]): Table {
  const columns: Table['columns'] = [
    { header: 'ID', style: dim, fixed: true },
    { header: 'TITLE', style: (t, c) => c.bold(t) },
    { header: 'YEAR' },
    { header: 'SEGS', align: 'right' },
    { header: 'DIRECTORS' },
    { header: 'STUDIOS' },
  ];
  return {
    columns,
    rows: rows.map((a) => [a.id, a.title, String(a.year), String(a.segments.length), list(anthologyDirectors(cat, a)), list(anthologyStudios(a))]),
    marks: rows.map((a) => workMark(cat.collection, a.id)),
  };
}

/** `memories segments`: one row per segment, in running order within each anthology. */
export function segmentTable(cat: Catalogue, rows: SegmentRef[]): Table {
  const columns: Table['columns'] = [
    { header: 'ID', style: dim, fixed: true },
    { header: 'ANTHOLOGY' },
    { header: '#', align: 'right' },
    { header: 'TITLE', style: (t, c) => c.bold(t) },
    { header: 'DIRECTOR' },
    { header: 'MUSIC' },
    { header: 'RUNTIME', align: 'right' },
  ];
  return {
    columns,
    rows: rows.map(({ segment: s, anthology: a, number }) => [
      s.id,
      a.title,
      String(number),
      s.title,
      list(namesFor(cat, s.credits, 'director')),
      list(namesFor(cat, s.credits, 'music')),
      s.runtime === undefined ? '' : `${s.runtime} min`,
    ]),
    marks: rows.map(({ segment }) => workMark(cat.collection, segment.id)),
  };
}

/** `memories staff`: one row per person with the number of credits. */
export function staffTable(cat: Catalogue, rows: Staff[]): Table {
  const columns: Table['columns'] = [{ header: 'ID', style: dim, fixed: true }, { header: 'NAME', style: (t, c) => c.bold(t) }, { header: 'NATIVE NAME' }, { header: 'CREDITS', align: 'right' }];
  return {
    columns,
    rows: rows.map((s) => [s.id, s.name, s.native_name ?? '', String(cat.creditsByStaff.get(s.id)?.length ?? 0)]),
  };
}

/** "US/1", or just the country when the region is unknown. */
export function countryRegion(r: Release): string {
  return r.region ? `${r.country}/${r.region}` : r.country;
}

/** The columns every table of releases starts with (releases, the collection). */
export const RELEASE_COLUMNS: Column[] = [
  { header: 'ID', style: dim, fixed: true },
  { header: 'ANTHOLOGY', style: (t, c) => c.bold(t) },
  { header: 'FORMAT' },
  { header: 'COUNTRY' },
  { header: 'PUBLISHER' },
];

/** A release's cells under RELEASE_COLUMNS. */
export function releaseCells(cat: Catalogue, r: Release): string[] {
  const work = cat.works.get(r.anthology);
  const title = work?.kind === 'anthology' ? work.anthology.title : r.anthology;
  return [r.id, title, r.format, countryRegion(r), r.publisher];
}

/** `memories releases`: one row per edition. */
export function releaseTable(cat: Catalogue, rows: Release[]): Table {
  return {
    columns: [...RELEASE_COLUMNS, { header: 'RELEASED', fixed: true }, { header: 'STATUS' }],
    rows: rows.map((r) => [...releaseCells(cat, r), r.released ?? '', r.status ?? '']),
    marks: rows.map((r) => releaseMark(cat.collection, r.id)),
  };
}

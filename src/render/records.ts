import type { Catalogue } from '../catalogue/catalogue';
import type { Anthology, Release, Staff } from '../catalogue/types';
import { anthologyDirectors, anthologyStudios, namesFor } from '../query/credits';
import type { SegmentRef } from '../catalogue/types';
import type { Column } from './table';
import { renderTable } from './table';
import type { View } from './view';

const dim = (t: string, c: View['color']): string => c.dim(t);
const list = (items: string[]): string => items.join(', ');

/** `memories list`: one row per anthology. Column order is part of the TSV contract. */
export function renderAnthologyTable(cat: Catalogue, rows: Anthology[], view: View): string {
  const columns: Column[] = [
    { header: 'ID', style: dim, fixed: true },
    { header: 'TITLE', style: (t, c) => c.bold(t) },
    { header: 'YEAR' },
    { header: 'SEGS', align: 'right' },
    { header: 'DIRECTORS' },
    { header: 'STUDIOS' },
  ];
  return renderTable(
    columns,
    rows.map((a) => [a.id, a.title, String(a.year), String(a.segments.length), list(anthologyDirectors(cat, a)), list(anthologyStudios(a))]),
    view,
  );
}

/** `memories segments`: one row per segment, in running order within each anthology. */
export function renderSegmentTable(cat: Catalogue, rows: SegmentRef[], view: View): string {
  const columns: Column[] = [
    { header: 'ID', style: dim, fixed: true },
    { header: 'ANTHOLOGY' },
    { header: '#', align: 'right' },
    { header: 'TITLE', style: (t, c) => c.bold(t) },
    { header: 'DIRECTOR' },
    { header: 'MUSIC' },
    { header: 'RUNTIME', align: 'right' },
  ];
  return renderTable(
    columns,
    rows.map(({ segment: s, anthology: a, number }) => [
      s.id,
      a.title,
      String(number),
      s.title,
      list(namesFor(cat, s.credits, 'director')),
      list(namesFor(cat, s.credits, 'music')),
      s.runtime === undefined ? '' : `${s.runtime} min`,
    ]),
    view,
  );
}

/** `memories staff`: one row per person with the number of credits. */
export function renderStaffTable(cat: Catalogue, rows: Staff[], view: View): string {
  const columns: Column[] = [{ header: 'ID', style: dim, fixed: true }, { header: 'NAME', style: (t, c) => c.bold(t) }, { header: 'NATIVE NAME' }, { header: 'CREDITS', align: 'right' }];
  return renderTable(
    columns,
    rows.map((s) => [s.id, s.name, s.native_name ?? '', String(cat.creditsByStaff.get(s.id)?.length ?? 0)]),
    view,
  );
}

/** "US/1", or just the country when the region is unknown. */
export function countryRegion(r: Release): string {
  return r.region ? `${r.country}/${r.region}` : r.country;
}

/** `memories releases`: one row per edition. */
export function renderReleaseTable(cat: Catalogue, rows: Release[], view: View): string {
  const columns: Column[] = [
    { header: 'ID', style: dim, fixed: true },
    { header: 'ANTHOLOGY', style: (t, c) => c.bold(t) },
    { header: 'FORMAT' },
    { header: 'COUNTRY' },
    { header: 'PUBLISHER' },
    { header: 'RELEASED' },
    { header: 'STATUS' },
  ];
  return renderTable(
    columns,
    rows.map((r) => {
      const work = cat.works.get(r.anthology);
      const title = work?.kind === 'anthology' ? work.anthology.title : r.anthology;
      return [r.id, title, r.format, countryRegion(r), r.publisher, r.released ?? '', r.status ?? ''];
    }),
    view,
  );
}

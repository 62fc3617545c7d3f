import type { Catalogue } from '../catalogue/catalogue';
import type { Release, Staff, Work } from '../catalogue/types';
import { workRecord } from '../query/credits';
import type { Hit } from '../query/match';
import { countryRegion } from './records';
import type { Column } from './table';
import { renderGroups } from './table';
import type { View } from './view';

export interface SearchResults {
  works: { item: Work; hit: Hit }[];
  people: { item: Staff; hit: Hit }[];
  releases: { item: Release; hit: Hit }[];
}

const id: Column = { header: 'ID', fixed: true, style: (t, c) => c.dim(t) };
const matched: Column = { header: 'MATCHED', style: (t, c) => c.cyan(t) };

/**
 * Search results grouped by kind. In a terminal: a titled table per kind. In a pipe: one
 * tab-separated line per result, starting with its kind (work, person, release), then the id,
 * a label, and the fields that matched.
 */
export function renderSearch(cat: Catalogue, results: SearchResults, view: View): string {
  return renderGroups(
    [
      {
        title: 'Works',
        kind: 'work',
        table: {
          columns: [id, { header: 'TITLE', style: (t, c) => c.bold(t) }, { header: 'ANTHOLOGY' }, { header: 'YEAR' }, matched],
          rows: results.works.map(({ item, hit }) => [workRecord(item).id, workRecord(item).title, item.kind === 'segment' ? item.anthology.title : '(anthology)', String(item.anthology.year), hit.fields.join(', ')]),
        },
      },
      {
        title: 'People',
        kind: 'person',
        table: {
          columns: [id, { header: 'NAME', style: (t, c) => c.bold(t) }, { header: 'NATIVE NAME' }, { header: 'CREDITS', align: 'right' }, matched],
          rows: results.people.map(({ item, hit }) => [item.id, item.name, item.native_name ?? '', String(cat.creditsByStaff.get(item.id)?.length ?? 0), hit.fields.join(', ')]),
        },
      },
      {
        title: 'Releases',
        kind: 'release',
        table: {
          columns: [id, { header: 'ANTHOLOGY', style: (t, c) => c.bold(t) }, { header: 'FORMAT' }, { header: 'COUNTRY' }, { header: 'PUBLISHER' }, matched],
          rows: results.releases.map(({ item, hit }) => [item.id, cat.works.get(item.anthology)?.anthology.title ?? item.anthology, item.format, countryRegion(item), item.publisher, hit.fields.join(', ')]),
        },
      },
    ],
    view,
  );
}

import type { Catalogue } from '../catalogue/catalogue';
import type { CollectionItem, Viewing } from '../catalogue/collection';
import { workLabel } from '../query/credits';
import { RELEASE_COLUMNS, releaseCells } from './records';
import type { Column } from './table';
import { renderGroups, renderTable } from './table';
import type { View } from './view';

const itemColumns: Column[] = [...RELEASE_COLUMNS, { header: 'ADDED', fixed: true }, { header: 'NOTE' }];

function itemRows(cat: Catalogue, items: CollectionItem[]): string[][] {
  return items.map((item) => [...releaseCells(cat, cat.releaseById.get(item.release)!), item.added ?? '', item.note ?? '']);
}

/**
 * What the user owns and wants. In a terminal: a titled table each. In a pipe: one line per
 * release, starting with "owned" or "wanted", then the columns above.
 */
export function renderCollection(cat: Catalogue, owned: CollectionItem[], wanted: CollectionItem[], view: View): string {
  return renderGroups(
    [
      { title: 'Owned', kind: 'owned', table: { columns: itemColumns, rows: itemRows(cat, owned) } },
      { title: 'Wanted', kind: 'wanted', table: { columns: itemColumns, rows: itemRows(cat, wanted) } },
    ],
    view,
  );
}

/** Viewings, newest first: date, work, rating, note. */
export function renderLog(cat: Catalogue, viewings: Viewing[], view: View): string {
  return renderTable(
    {
      columns: [{ header: 'DATE', fixed: true }, { header: 'WORK', fixed: true, style: (t, c) => c.dim(t) }, { header: 'TITLE', style: (t, c) => c.bold(t) }, { header: 'RATING', align: 'right' }, { header: 'NOTE' }],
      rows: viewings.map((v) => [v.date ?? '', v.work, workLabel(cat.works.get(v.work)!), v.rating === undefined ? '' : `${v.rating}/10`, v.note ?? '']),
    },
    view,
  );
}

import type { Catalogue } from '../catalogue/catalogue';
import type { CollectionItem, Viewing } from '../catalogue/collection';
import { workLabel } from '../query/credits';
import { countryRegion } from './records';
import type { Column } from './table';
import { renderTable } from './table';
import type { View } from './view';

const itemColumns: Column[] = [
  { header: 'ID', fixed: true, style: (t, c) => c.dim(t) },
  { header: 'ANTHOLOGY', style: (t, c) => c.bold(t) },
  { header: 'FORMAT' },
  { header: 'COUNTRY' },
  { header: 'PUBLISHER' },
  { header: 'ADDED' },
  { header: 'NOTE' },
];

function itemRows(cat: Catalogue, items: CollectionItem[]): string[][] {
  return items.map((item) => {
    const r = cat.releaseById.get(item.release)!;
    return [r.id, cat.works.get(r.anthology)?.anthology.title ?? r.anthology, r.format, countryRegion(r), r.publisher, item.added ?? '', item.note ?? ''];
  });
}

/**
 * What the user owns and wants. In a terminal: a titled table each. In a pipe: one line per
 * release, starting with "owned" or "wanted", then the columns above.
 */
export function renderCollection(cat: Catalogue, owned: CollectionItem[], wanted: CollectionItem[], view: View): string {
  const groups: [string, string, string[][]][] = [
    ['Owned', 'owned', itemRows(cat, owned)],
    ['Wanted', 'wanted', itemRows(cat, wanted)],
  ];
  if (!view.tty) return groups.map(([, kind, rows]) => renderTable({ columns: [{ header: 'LIST' }, ...itemColumns], rows: rows.map((r) => [kind, ...r]) }, view)).join('');
  return groups
    .filter(([, , rows]) => rows.length > 0)
    .map(([title, , rows]) => `${view.color.bold.underline(`${title} (${rows.length})`)}\n${renderTable({ columns: itemColumns, rows }, view)}`)
    .join('\n');
}

/** Viewings, newest first: date, work, rating, note. */
export function renderLog(cat: Catalogue, viewings: Viewing[], view: View): string {
  return renderTable(
    {
      columns: [{ header: 'DATE' }, { header: 'WORK', fixed: true, style: (t, c) => c.dim(t) }, { header: 'TITLE', style: (t, c) => c.bold(t) }, { header: 'RATING', align: 'right' }, { header: 'NOTE' }],
      rows: viewings.map((v) => [v.date ?? '', v.work, workLabel(cat.works.get(v.work)!), v.rating === undefined ? '' : `${v.rating}/10`, v.note ?? '']),
    },
    view,
  );
}

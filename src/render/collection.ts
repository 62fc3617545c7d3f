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

/** Entries the loaded catalogue does not have, by list; a pipe prints them as "missing", list, id, date, note. */
export interface UnknownEntries {
  owned?: readonly CollectionItem[];
  wanted?: readonly CollectionItem[];
  viewings?: readonly Viewing[];
}

/**
 * Collection entries whose release or work is not in the loaded data folders (a folder not
 * loaded this time, or an id that changed): listed, never hidden. Empty when there are none.
 */
export function renderUnknownEntries(unknown: UnknownEntries, view: View, afterTable = false): string {
  const rows = [
    ...(unknown.owned ?? []).map((i) => ['owned', i.release, i.added ?? '', i.note ?? '']),
    ...(unknown.wanted ?? []).map((i) => ['wanted', i.release, i.added ?? '', i.note ?? '']),
    ...(unknown.viewings ?? []).map((v) => ['viewing', v.work, v.date ?? '', v.note ?? '']),
  ];
  if (rows.length === 0) return '';
  const table = { columns: [{ header: 'LIST' }, { header: 'ID', fixed: true }, { header: 'DATE', fixed: true }, { header: 'NOTE' }], rows };
  return `${view.tty && afterTable ? '\n' : ''}${renderGroups([{ title: 'Not in the loaded catalogue', kind: 'missing', table }], view)}`;
}

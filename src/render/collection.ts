import type { Catalogue } from '../catalogue/catalogue';
import type { CollectionItem, Viewing } from '../catalogue/collection';
import { workLabel } from './records';
import { RELEASE_COLUMNS, tableOf } from './records';
import type { Column, Table } from './table';
import { renderGroups, renderTable } from './table';
import type { View } from './view';

/** The releases of collection items, as every table of releases starts, then when each was added and the user's note. */
function itemTable(cat: Catalogue, items: CollectionItem[]): Table {
  const releases = tableOf(
    RELEASE_COLUMNS,
    cat,
    items.map((item) => cat.releaseById.get(item.release)!),
  );
  const columns: Column[] = [
    ...releases.columns,
    { header: 'ADDED', fixed: true, priority: 4 },
    { header: 'NOTE', wrap: true, priority: 2 },
  ];
  return { columns, rows: releases.rows.map((row, i) => [...row, items[i]!.added ?? '', items[i]!.note ?? '']) };
}

/**
 * What the user owns and wants. In a terminal: a titled table each. In a pipe: one line per
 * release, starting with "owned" or "wanted", then the columns above.
 */
export function renderCollection(cat: Catalogue, owned: CollectionItem[], wanted: CollectionItem[], view: View): string {
  return renderGroups(
    [
      { title: 'Owned', kind: 'owned', table: itemTable(cat, owned) },
      { title: 'Wanted', kind: 'wanted', table: itemTable(cat, wanted) },
    ],
    view,
  );
}

/** Viewings, newest first: date, work, rating, note. */
export function renderLog(cat: Catalogue, viewings: Viewing[], view: View): string {
  return renderTable(
    {
      columns: [
        { header: 'DATE', fixed: true, priority: 8 },
        { header: 'WORK', fixed: true, priority: 9, style: (t, c) => c.dim(t) },
        { header: 'TITLE', wrap: true, priority: 6, style: (t, c) => c.bold(t) },
        { header: 'RATING', align: 'right', priority: 7 },
        { header: 'NOTE', wrap: true, priority: 3 },
      ],
      rows: viewings.map((v) => [
        v.date ?? '',
        v.work,
        workLabel(cat.works.get(v.work)!),
        v.rating === undefined ? '' : `${v.rating}/10`,
        v.note ?? '',
      ]),
    },
    view,
  );
}

/** Entries the loaded catalogue does not have, by list; a pipe prints them as "missing", list, id, date, note. */
interface UnknownEntries {
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
  const table = {
    columns: [
      { header: 'LIST', priority: 7 },
      { header: 'ID', fixed: true, priority: 9 },
      { header: 'DATE', fixed: true, priority: 4 },
      { header: 'NOTE', wrap: true, priority: 3 },
    ],
    rows,
  };
  return `${view.tty && afterTable ? '\n' : ''}${renderGroups([{ title: 'Not in the loaded catalogue', kind: 'missing', table }], view)}`;
}

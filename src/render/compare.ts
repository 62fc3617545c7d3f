import type { Catalogue } from '../catalogue/catalogue';
import type { Release } from '../catalogue/types';
import { languageName, countryName } from './layout';
import { formatLabel } from './show';
import type { Table } from './table';
import { renderTable } from './table';
import type { View } from './view';

type Spec = [label: string, value: (r: Release, cat: Catalogue) => string | undefined];

const list = (items: string[] | undefined): string | undefined => (items?.length ? items.join('; ') : undefined);

/** Every spec a collector compares, in reading order. */
const SPECS: Spec[] = [
  ['Anthology', (r, cat) => cat.works.get(r.anthology)?.anthology.title ?? r.anthology],
  ['Edition', (r) => r.title],
  ['Format', (r) => formatLabel(r.format)],
  ['Country', (r) => `${countryName(r.country)} (${r.country})`],
  ['Region', (r) => r.region],
  ['Publisher', (r) => r.publisher],
  ['Distributor', (r) => r.distributor],
  ['Released', (r) => r.released],
  ['Catalog no.', (r) => r.catalog_number],
  ['Barcode', (r) => r.barcode],
  ['Discs', (r) => (r.discs === undefined ? undefined : String(r.discs))],
  ['Runtime', (r) => (r.runtime === undefined ? undefined : `${r.runtime} min`)],
  ['Aspect ratio', (r) => r.video?.aspect_ratio],
  ['Anamorphic', (r) => (r.video?.anamorphic === undefined ? undefined : r.video.anamorphic ? 'yes' : 'no')],
  ['Resolution', (r) => r.video?.resolution],
  ['Standard', (r) => r.video?.standard],
  ['Picture note', (r) => r.video?.note],
  ['Audio', (r) => list(r.audio?.map((a) => [languageName(a.language), a.format, a.note].filter(Boolean).join(', ')))],
  ['Subtitles', (r) => list(r.subtitles?.map(languageName))],
  ['Extras', (r) => list(r.extras)],
  ['Packaging', (r) => r.packaging],
  ['Status', (r) => r.status],
  ['Price', (r) => r.price],
  ['In your collection', (r, cat) => (cat.collection?.owned.has(r.id) ? 'owned' : cat.collection?.wanted.has(r.id) ? 'wanted' : undefined)],
];

/** The comparison as data: one row per spec that any release has, and whether the values differ. */
export function compareReleases(cat: Catalogue, releases: Release[]): { label: string; values: string[]; differs: boolean }[] {
  return SPECS.map(([label, value]) => {
    const values = releases.map((r) => value(r, cat) ?? '');
    return { label, values, differs: new Set(values).size > 1 };
  }).filter((row) => row.values.some((v) => v !== ''));
}

/**
 * Editions side by side, one column each. Rows whose values differ are marked "≠" (and
 * highlighted in colour), so the differences stand out with or without colour. A pipe gets the
 * same rows as tab-separated lines: spec, then one value per release, then "differs" or "".
 */
export function renderCompare(cat: Catalogue, releases: Release[], view: View): string {
  const rows = compareReleases(cat, releases);
  const table: Table = {
    columns: [{ header: '', fixed: true }, { header: 'SPEC', fixed: true, style: (t, c) => c.dim(t) }, ...releases.map((r) => ({ header: r.id }))],
    rows: rows.map((row) => [row.differs ? '≠' : '', row.label, ...row.values]),
  };
  if (!view.tty) {
    const columns = [...table.columns.slice(1), { header: 'DIFFERS' }];
    return renderTable({ columns, rows: rows.map((row) => [row.label, ...row.values, row.differs ? 'differs' : '']) }, view);
  }
  const differs = rows.map((r) => r.differs);
  return renderTable(table, view)
    .split('\n')
    .map((line, i) => (i > 0 && differs[i - 1] ? view.color.yellow(line) : line))
    .join('\n');
}

import type { Library } from '../catalogue/catalogue';
import type { Release } from '../catalogue/types';
import { compareSpecs } from '../query/compare';
import { SPEC_TEXT } from './release-specs';
import { escapeLine } from './escape';
import { renderTable } from './table';
import { layOut } from './table-engine';
import { displayWidth, pad } from './width';
import { wrapParagraph } from './wrap';
import type { View } from './view';

/** The comparison as data: one row per spec that any release has, labelled and printed, and whether the values differ. */
export function compareReleases(library: Library, releases: Release[]): { label: string; values: string[]; differs: boolean }[] {
  return compareSpecs(library, releases).map(({ key, differs }) => {
    const [label, text] = SPEC_TEXT[key];
    return { label, values: releases.map((r) => text(r, library) ?? ''), differs };
  });
}

/** The narrowest a release's column gets side by side; narrower, the releases are stacked. */
const MIN_SIDE = 14;

/**
 * Editions compared. In a terminal: side by side in a box, one column per release headed by
 * its id, when every column gets at least MIN_SIDE and its id; cells wrap, so no value is cut.
 * Otherwise stacked: a block per release. Either way the specs whose values differ are marked
 * "≠" (and yellow in colour). A pipe gets tab-separated lines: first "Release" and the ids, then
 * each spec and its values, each line ending in "differs" or "".
 */
export function renderCompare(library: Library, releases: Release[], view: View): string {
  const rows = compareReleases(library, releases);
  if (!view.tty) {
    const lines = [
      ['Release', ...releases.map((r) => r.id), ''],
      ...rows.map((row) => [row.label, ...row.values, row.differs ? 'differs' : '']),
    ];
    return renderTable({ columns: lines[0]!.map(() => ({ header: '' })), rows: lines }, view);
  }
  const mark = (differs: boolean): string => (differs ? '≠ ' : '  ');
  const labels = rows.map((row) => `${mark(row.differs)}${row.label}`);
  const labelWidth = Math.max(...labels.map(displayWidth));
  // A box: "│ " before each column, " │" after the last, one space either side of each separator.
  const each = Math.floor((view.width - labelWidth - 3 * (releases.length + 1) - 1) / releases.length);
  const ids = releases.map((r) => escapeLine(r.id));
  const yellow = (differs: boolean, text: string): string => (differs ? view.color.yellow(text) : text);
  if (each >= Math.max(MIN_SIDE, ...ids.map(displayWidth))) {
    const cell = (text: string, differs: boolean): string =>
      wrapParagraph(escapeLine(text), each)
        .map((line) => yellow(differs, line))
        .join('\n');
    const header = ['', ...ids.map((id) => view.color.bold(id))];
    const body = rows.map((row, i) => [yellow(row.differs, labels[i]!), ...row.values.map((v) => cell(v, row.differs))]);
    return `${layOut({ rows: [header, ...body], widths: [labelWidth, ...releases.map(() => each)], aligns: [], gap: '', borders: true }).join('\n')}\n`;
  }
  // Stacked: each release's specs, with a hanging indent under the label.
  const room = Math.max(10, view.width - labelWidth - 2);
  return releases
    .map((r, k) => {
      const lines = rows.flatMap((row, i) => {
        if (row.values[k] === '') return [];
        const [first, ...rest] = wrapParagraph(escapeLine(row.values[k]!), room);
        return [
          `${yellow(row.differs, pad(labels[i]!, labelWidth))}  ${yellow(row.differs, first!)}`,
          ...rest.map((l) => `${' '.repeat(labelWidth + 2)}${yellow(row.differs, l)}`),
        ];
      });
      return `${view.color.bold(ids[k]!)}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

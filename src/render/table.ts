import type { ChalkInstance } from 'chalk';
import { escapeLine } from './escape';
import type { View } from './view';
import { displayWidth, pad, truncate } from './width';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Styling applied after escaping and fitting, so it can never be cut or measured. */
  style?: (text: string, color: ChalkInstance) => string;
}

const GAP = 2;
const MIN_COLUMN = 6;

/**
 * A table of records. In a terminal: a header and columns fitted to the width, the widest
 * cut first, with "…" where text was cut. Elsewhere: one tab-separated line per row, no
 * header, nothing cut and no colour, so it can be piped into grep, cut or a spreadsheet.
 * Every cell is escaped here.
 */
export function renderTable(columns: Column[], rows: string[][], view: View): string {
  const cells = rows.map((row) => columns.map((_, i) => escapeLine(row[i] ?? '')));
  if (!view.tty) return cells.map((row) => `${row.join('\t')}\n`).join('');
  if (rows.length === 0) return '';
  const widths = fitWidths(
    columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]!)))),
    view.width,
  );
  const line = (texts: string[], styled: (text: string, i: number) => string): string =>
    texts
      .map((t, i) => styled(pad(truncate(t, widths[i]!), widths[i]!, columns[i]!.align), i))
      .join(' '.repeat(GAP))
      .trimEnd() + '\n';
  const header = line(
    columns.map((c) => c.header),
    (t) => view.color.bold(t),
  );
  const body = cells.map((row) => line(row, (t, i) => columns[i]!.style?.(t, view.color) ?? t));
  return header + body.join('');
}

/** Shrink the widest columns until the row fits, never below a readable minimum. */
function fitWidths(natural: number[], width: number): number[] {
  const widths = [...natural];
  const total = (): number => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest] = Math.max(MIN_COLUMN, widths[widest]! - (total() - width));
    // Shrinking one column to the minimum may not be enough; the loop then takes the next widest.
  }
  return widths;
}

import { escapeLine, isSafeLine } from './escape';
import type { Styles, View } from './view';
import { displayWidth, pad, truncate } from './width';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Never cut this column (ids: a cut id cannot be typed back; dates: a cut one says nothing). */
  fixed?: boolean;
  /** Styling applied after escaping and fitting, so it can never be cut or measured. */
  style?: (text: string, color: Styles) => string;
}

/** A table of records before it is laid out: the same data feeds the terminal, TSV and CSV. */
export interface Table {
  columns: Column[];
  rows: string[][];
  /** Short marks per row (owned, rated) shown in a terminal only, so the TSV columns stay fixed. */
  marks?: string[];
}

const GAP = 2;
// Columns shrink to a single "…" only when nothing wider fits: a narrow terminal still gets aligned rows.
const MIN_COLUMN = 1;

/**
 * A table of records. In a terminal: a header and columns fitted to the width, the widest
 * cut first, with "…" where text was cut. Elsewhere: one tab-separated line per row, no
 * header, nothing cut and no colour, so it can be piped into grep, cut or a spreadsheet.
 * Every cell is escaped here.
 */
export function renderTable(table: Table, view: View): string {
  const marked = view.tty && table.marks?.some(Boolean) === true;
  const columns: Column[] = marked ? [{ header: '', fixed: true, style: (t, c) => c.green(t) }, ...table.columns] : table.columns;
  const rows = marked ? table.rows.map((r, i) => [table.marks![i] ?? '', ...r]) : table.rows;
  if (!view.tty) return tsv(rows, columns.length);
  const cells = rows.map((row) => columns.map((_, i) => escapeLine(row[i] ?? '')));
  if (rows.length === 0) return '';
  const widths = fitWidths(
    columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]!)))),
    columns.map((c) => c.fixed === true),
    view.width,
  );
  const line = (texts: string[], styled: (text: string, i: number) => string): string =>
    texts
      .map((t, i) => styled(pad(truncate(t, widths[i]!), widths[i]!, columns[i]!.align), i))
      .join(' '.repeat(GAP)) + '\n';
  const header = line(
    columns.map((c) => c.header),
    (t) => view.color.bold(t),
  );
  const body = cells.map((row) => line(row, (t, i) => columns[i]!.style?.(t, view.color) ?? t));
  return header + body.join('');
}

/** Tab-separated lines of `count` escaped cells, each line after `prefix` (a pipe's output can be long: one pass, no copies). */
function tsv(rows: readonly (readonly string[])[], count: number, prefix = ''): string {
  let out = '';
  for (const row of rows) {
    // Most rows need no escaping at all, which one test of the whole row shows.
    const cells = row.length === count && isSafeLine(row.join('')) ? row : Array.from({ length: count }, (_, i) => escapeLine(row[i] ?? ''));
    out += `${prefix}${cells.join('\t')}\n`;
  }
  return out;
}

/**
 * Fit the row to the width by capping the widest columns at one common width, the largest
 * cap that fits: narrow columns keep their natural width and the wide ones share what is left.
 */
function fitWidths(natural: number[], fixed: boolean[], width: number): number[] {
  const room = width - GAP * (natural.length - 1);
  const capped = (cap: number): number[] => natural.map((w, i) => (fixed[i] ? w : Math.min(w, cap)));
  const total = (cap: number): number => capped(cap).reduce((sum, w) => sum + w, 0);
  if (total(Infinity) <= room) return natural;
  let cap = MIN_COLUMN;
  for (let hi = Math.max(...natural); cap < hi; ) {
    const mid = Math.ceil((cap + hi) / 2);
    if (total(mid) <= room) cap = mid;
    else hi = mid - 1;
  }
  return capped(cap);
}

/**
 * CSV for spreadsheets (RFC 4180): a header row, every cell quoted when it must be, CRLF line
 * ends. Cells are escaped like everywhere else, and a cell that a spreadsheet would run as a
 * formula (starting with =, +, - or @) gets a leading apostrophe.
 */
export function renderCsv({ columns, rows }: Table): string {
  const cell = (raw: string): string => {
    const safe = escapeLine(raw);
    const text = /^[=+\-@]/.test(safe) ? `'${safe}` : safe;
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.map((c) => c.header), ...rows].map((r) => `${r.map(cell).join(',')}\r\n`).join('');
}

/** A titled table within grouped output, such as the works, people and releases of a search. */
export interface TableGroup {
  title: string;
  /** What a pipe puts in front of each row ("work", "owned"), so one stream of lines stays greppable. */
  kind: string;
  table: Table;
}

/**
 * Several tables as one output. In a terminal: a "Title (N)" heading and a table per non-empty
 * group. In a pipe: one tab-separated line per row, starting with its group's kind.
 */
export function renderGroups(groups: TableGroup[], view: View): string {
  if (!view.tty) {
    return groups.map(({ kind, table }) => tsv(table.rows, table.columns.length, `${escapeLine(kind)}\t`)).join('');
  }
  return groups
    .filter(({ table }) => table.rows.length > 0)
    .map(({ title, table }) => `${view.color.bold.underline(`${title} (${table.rows.length})`)}\n${renderTable(table, view)}`)
    .join('\n');
}

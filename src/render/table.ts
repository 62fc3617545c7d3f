import { escapeLine, isSafeLine } from './escape';
import type { Styles, View } from './view';
import { layOut } from './table-engine';
import { displayWidth, truncate } from './width';
import { wrapParagraph } from './wrap';

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Never cut or wrap this column (ids: a cut id cannot be typed back; dates and years: a cut one says nothing). */
  fixed?: boolean;
  /** Wrap this column onto up to three lines when it must narrow, instead of cutting it (titles, names). */
  wrap?: boolean;
  /** How much the column matters: when even the narrowest layout is too wide, the lowest goes first. Default 5; ids have 9. */
  priority?: number;
  /** The narrowest the column gets before a column is dropped (default: 10 for wrapped columns, 6 for others). */
  min?: number;
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
// A wrapped cell takes at most this many lines; the last is cut with "…" if the text goes on.
const MAX_LINES = 3;

/**
 * A table of records. In a terminal: a header and columns fitted to the width (fitColumns),
 * laid out by cli-table3 (table-engine.ts); an empty table prints nothing. Elsewhere: one
 * tab-separated line per row, no header, nothing cut and no colour, so it can be piped into
 * grep, cut or a spreadsheet. Every cell is escaped here.
 */
export function renderTable(table: Table, view: View): string {
  const marked = view.tty && table.marks?.some(Boolean) === true;
  const columns: Column[] = marked
    ? [{ header: '', fixed: true, priority: 9, style: (t, c) => c.green(t) }, ...table.columns]
    : table.columns;
  const rows = marked ? table.rows.map((r, i) => [table.marks![i] ?? '', ...r]) : table.rows;
  if (!view.tty) return tsv(rows, columns.length);
  if (rows.length === 0) return '';
  const cells = rows.map((row) => columns.map((_, i) => escapeLine(row[i] ?? '')));
  // A loop, not Math.max(...): a terminal table of 50,000 segments is too many arguments.
  const natural = columns.map((c, i) => cells.reduce((w, row) => Math.max(w, displayWidth(row[i]!)), displayWidth(c.header)));
  const { shown, widths } = fitColumns(rankEmpty(columns, cells), natural, view.width);
  const fitted = (texts: string[], styled: (line: string, column: Column) => string): string[] =>
    shown.map((i, k) =>
      fitCell(texts[i]!, columns[i]!, widths[k]!)
        .map((line) => styled(line, columns[i]!))
        .join('\n'),
    );
  const header = fitted(
    columns.map((c) => c.header),
    (t) => view.color.bold(t),
  );
  const body = cells.map((row) => fitted(row, (t, column) => column.style?.(t, view.color) ?? t));
  return `${layOut({ rows: [header, ...body], widths, aligns: shown.map((i) => columns[i]!.align ?? 'left'), gap: ' '.repeat(GAP) }).join('\n')}\n`;
}

/** The columns as fitColumns ranks them: one with nothing in any row is the first to go when room is short. */
export function rankEmpty(columns: readonly Column[], cells: readonly (readonly string[])[]): Column[] {
  return columns.map((c, i) => (cells.every((row) => (row[i] ?? '') === '') ? { ...c, priority: 0 } : c));
}

/** A cell's lines at `width`: as it is when fixed, wrapped onto up to MAX_LINES when it wraps, else cut. */
export function fitCell(text: string, column: Column, width: number): string[] {
  if (column.fixed || displayWidth(text) <= width) return [text];
  if (!column.wrap) return [truncate(text, width)];
  const lines = wrapParagraph(text, width);
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES - 1), truncate(lines.slice(MAX_LINES - 1).join(' '), width)];
}

/**
 * Which columns to show, and how wide, in `width` terminal columns. Every column gets its
 * natural width when that fits. Otherwise the widest columns that may narrow share one cap,
 * the largest that fits, each kept at or above its minimum (and its header); when even the
 * minimums do not fit, the least important column is dropped (the rightmost of equals) and
 * the fit tried again. Fixed columns are never narrowed: the last column left may overflow.
 */
export function fitColumns(columns: readonly Column[], natural: readonly number[], width: number): { shown: number[]; widths: number[] } {
  let shown = columns.map((_, i) => i);
  for (;;) {
    const room = width - GAP * (shown.length - 1);
    const floor = shown.map((i) => {
      const c = columns[i]!;
      return c.fixed ? natural[i]! : Math.min(natural[i]!, Math.max(c.min ?? (c.wrap ? 10 : 6), displayWidth(c.header)));
    });
    const capped = (cap: number): number[] =>
      shown.map((i, k) => (columns[i]!.fixed ? natural[i]! : Math.max(floor[k]!, Math.min(natural[i]!, cap))));
    const total = (cap: number): number => capped(cap).reduce((sum, w) => sum + w, 0);
    if (total(0) <= room || shown.length === 1) {
      let cap = 0;
      for (let hi = Math.max(0, ...natural); cap < hi;) {
        const mid = Math.ceil((cap + hi) / 2);
        if (total(mid) <= room) cap = mid;
        else hi = mid - 1;
      }
      return { shown, widths: capped(cap) };
    }
    const priority = (i: number): number => columns[i]!.priority ?? 5;
    const least = shown.reduce((a, b) => (priority(b) <= priority(a) ? b : a));
    shown = shown.filter((i) => i !== least);
  }
}

/** Tab-separated lines of `count` escaped cells, each line after `prefix` (a pipe's output can be long: one pass, no copies). */
function tsv(rows: readonly (readonly string[])[], count: number, prefix = ''): string {
  let out = '';
  for (const row of rows) {
    // Most rows need no escaping at all, which one test of the whole row shows.
    const cells =
      row.length === count && isSafeLine(row.join('')) ? row : Array.from({ length: count }, (_, i) => escapeLine(row[i] ?? ''));
    out += `${prefix}${cells.join('\t')}\n`;
  }
  return out;
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
interface TableGroup {
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

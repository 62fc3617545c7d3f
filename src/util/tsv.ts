/**
 * A row of cells as one line of text: the cells joined by tabs, each cell's own tabs, newlines
 * and backslashes written \t, \n and \\ (the "linear TSV" convention). Any cells round-trip,
 * and a row none of whose cells holds one of those three is simply its cells joined by tabs,
 * which is what lets a pipe print such a line as it is stored (render/escape.ts).
 */
export function joinCells(cells: readonly string[]): string {
  return cells.map((cell) => (ESCAPED.test(cell) ? cell.replace(ESCAPED_ALL, (x) => WRITTEN[x]!) : cell)).join('\t');
}

/** The cells of a line made by joinCells. */
export function splitCells(line: string): string[] {
  const cells = line.split('\t');
  if (!line.includes('\\')) return cells;
  return cells.map((cell) => (cell.includes('\\') ? cell.replace(/\\(.)/g, (_, x: string) => READ[x] ?? x) : cell));
}

const ESCAPED = /[\\\t\n]/;
const ESCAPED_ALL = /[\\\t\n]/g;
const WRITTEN: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n' };
const READ: Record<string, string> = { t: '\t', n: '\n' };

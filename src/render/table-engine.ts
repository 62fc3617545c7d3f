import type * as CliTable3 from 'cli-table3';
import { displayWidth } from './width';

/**
 * cli-table3 lays out every terminal table: rows of cells already escaped, cut or wrapped to
 * their column (lines joined by "\n") and styled. It is given fixed column widths, no word
 * wrapping and no styles of its own, and it is loaded on the first terminal table only.
 *
 * Two things it does are replaced:
 * - measuring: it pads and cuts cells by string-width 4, whose widths differ from ours
 *   (render/width.ts) for emoji sequences and some combining marks, which misaligned rows and
 *   cut inside surrogate pairs. Its `pad` and `truncate` are the ones it calls through its
 *   utils module, so they are given ours: padding by our display width, and no cutting, since
 *   every cell fits already.
 * - cost: its layout compares every cell with all the rows before it, so it is handed rows in
 *   chunks of CHUNK, each laid out alike because the widths are fixed.
 */

type Align = 'left' | 'right';

interface Utils {
  pad(text: string, width: number, fill: string, align: string): string;
  truncate(text: string, width: number, symbol?: string): string;
}

const CHUNK = 100;
// Styling (SGR sequences) takes no columns.
// eslint-disable-next-line no-control-regex -- the sequences our own styles add
const SGR = /\u001b\[[0-9;]*m/g;

let engine: typeof CliTable3 | undefined;

function load(): typeof CliTable3 {
  if (engine) return engine;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for a terminal table
  const table = require('cli-table3') as typeof CliTable3;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module cli-table3 measures through
  const utils = require('cli-table3/src/utils') as Utils;
  utils.pad = (text, width, fill, align) => {
    const room = fill.repeat(Math.max(0, width - displayWidth(text.replace(SGR, ''))));
    return align === 'right' ? room + text : text + room;
  };
  utils.truncate = (text) => text;
  return (engine = table);
}

const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
};

interface EngineTable {
  /** Each row's cells, fitted to `widths` and styled; a cell of several lines is joined by "\n". */
  rows: string[][];
  widths: number[];
  aligns: Align[];
  /** Between columns when there are no borders. */
  gap: string;
  /** Box-drawing borders, with a rule under the first row. */
  borders?: boolean;
}

/** The lines of a laid-out table, with no trailing spaces. */
export function layOut({ rows, widths, aligns, gap, borders = false }: EngineTable): string[] {
  const Table = load();
  const lines: string[] = [];
  for (let start = 0; start < rows.length || start === 0; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    if (chunk.length === 0) break;
    const table = new Table({
      ...(borders
        ? { chars: { ...BOX, middle: '│' }, style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1, compact: false } }
        : { chars: { ...NO_BORDER, middle: gap }, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true } }),
      colWidths: borders ? widths.map((w) => w + 2) : widths,
      colAligns: aligns,
      wordWrap: false,
    });
    table.push(...chunk);
    lines.push(...table.toString().split('\n'));
  }
  return lines.map(trimEnd);
}

const BOX = {
  top: '─',
  'top-mid': '┬',
  'top-left': '┌',
  'top-right': '┐',
  bottom: '─',
  'bottom-mid': '┴',
  'bottom-left': '└',
  'bottom-right': '┘',
  left: '│',
  'left-mid': '├',
  mid: '─',
  'mid-mid': '┼',
  right: '│',
  'right-mid': '┤',
};

/** Drop trailing spaces, also those before the styling that closes a line. */
function trimEnd(line: string): string {
  // eslint-disable-next-line no-control-regex -- the sequences our own styles add
  return line.replace(/ +((?:\u001b\[[0-9;]*m)*)$/, '$1');
}

import { anthologyTitle, workRecord } from '../catalogue/credits';
import type { SearchKind } from '../query/fields';
import type { FoundRows, RowsOf } from '../query/search-index';
import { splitCells } from '../util/tsv';
import { escapeCells, escapeLine } from './escape';
import { countryRegion } from './records';
import type { Column } from './table';
import { renderGroups } from './table';
import type { View } from './view';

/** The cells search shows for each kind of item, as they are: escaped when printed, like every table's. */
export const SEARCH_ROWS: RowsOf = {
  works: (w) => [workRecord(w).id, workRecord(w).title, w.kind === 'segment' ? w.anthology.title : '(anthology)', String(w.anthology.year)],
  people: (s, cat) => [s.id, s.name, s.native_name ?? '', String(cat.creditsByStaff.get(s.id)?.length ?? 0)],
  releases: (r, cat) => [r.id, anthologyTitle(cat, r.anthology), r.format, countryRegion(r), r.publisher],
};

const id: Column = { header: 'ID', fixed: true, priority: 9, style: (t, c) => c.dim(t) };
const matched: Column = { header: 'MATCHED', wrap: true, priority: 4, style: (t, c) => c.cyan(t) };
const named: Column = { header: 'TITLE', wrap: true, priority: 8, min: 12, style: (t, c) => c.bold(t) };

/**
 * Search results grouped by kind, as pieces of text to print in order. In a terminal: a titled
 * table per kind, in one piece. In a pipe: one tab-separated line per result, starting with its
 * kind (work, person, release), then the id, a label, and the fields that matched; a few
 * hundred lines a piece, each joined into one flat text, so that a broad search (tens of
 * thousands of lines) keeps no row, cell or line alive for long: the garbage collector copies
 * every object that survives it, and that copying was much of what such a search cost.
 */
export function renderSearch(results: Record<SearchKind, FoundRows>, view: View): string[] {
  if (!view.tty) return pipeLines(results);
  const rows = (found: FoundRows): string[][] =>
    Array.from({ length: found.count }, (_, k) => [...splitCells(found.row(k)), found.matched(k)]);
  return [
    renderGroups(
      [
        {
          title: 'Works',
          kind: 'work',
          table: {
            columns: [id, named, { header: 'ANTHOLOGY', wrap: true, priority: 3 }, { header: 'YEAR', fixed: true, priority: 6 }, matched],
            rows: rows(results.works),
          },
        },
        {
          title: 'People',
          kind: 'person',
          table: {
            columns: [
              id,
              { ...named, header: 'NAME' },
              { header: 'NATIVE NAME', wrap: true, priority: 3 },
              { header: 'CREDITS', align: 'right', priority: 5 },
              matched,
            ],
            rows: rows(results.people),
          },
        },
        {
          title: 'Releases',
          kind: 'release',
          table: {
            columns: [
              id,
              { header: 'ANTHOLOGY', wrap: true, priority: 3, style: (t, c) => c.bold(t) },
              { header: 'FORMAT', fixed: true, priority: 7 },
              { header: 'COUNTRY', fixed: true, priority: 6 },
              { header: 'PUBLISHER', wrap: true, priority: 5 },
              matched,
            ],
            rows: rows(results.releases),
          },
        },
      ],
      view,
    ),
  ];
}

/**
 * The pipe's lines, a piece of PIECE_LINES at a time. A function of its own: V8 compiles this
 * loop while a broad search runs (on-stack replacement), and the process waits for that compile
 * as it exits, so it holds no more than the loop.
 */
function pipeLines(results: Record<SearchKind, FoundRows>): string[] {
  const pieces: string[] = [];
  let lines: string[] = [];
  for (const [kind, word] of [
    ['works', 'work'],
    ['people', 'person'],
    ['releases', 'release'],
  ] as const) {
    const found = results[kind];
    // Plain loops: a broad search prints tens of thousands of lines.
    for (let k = 0; k < found.count; k++) {
      lines.push(`${word}\t${escapeCells(found.row(k))}\t${escapeLine(found.matched(k))}\n`);
      if (lines.length === PIECE_LINES) {
        pieces.push(lines.join(''));
        lines = [];
      }
    }
  }
  pieces.push(lines.join(''));
  return pieces;
}

/** How many lines of a pipe's output make one piece. */
const PIECE_LINES = 512;

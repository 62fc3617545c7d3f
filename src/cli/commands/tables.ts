import { anthologyFields, releaseFields, segmentFields, staffFields } from '../../catalogue/schema';
import type { Catalogue, Library } from '../../catalogue/catalogue';
import type { CollectionIndex } from '../../catalogue/collection';
import type { Anthology, Release, SegmentRef, Staff } from '../../catalogue/types';
import type { StoredViews } from '../../query/views';
import { renderJson } from '../../render/json';
import {
  LIST_TABLE,
  RELEASES_TABLE,
  releaseMark,
  SEGMENTS_TABLE,
  shownColumns,
  STAFF_TABLE,
  TABLE_VIEWS,
  tableOf,
  workMark,
} from '../../render/records';
import type { TableOf } from '../../render/records';
import { escapeLine } from '../../render/escape';
import { didYouMean } from '../../util/closest';
import type { Table } from '../../render/table';
import { renderCsv, renderTable } from '../../render/table';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import type { Command } from '@commander-js/extra-typings';
import type { QueryFlags, QueryOptions } from './query-options';
import { queryOptions, withLimit, withShorthands, withSort } from './query-options';
import { defineCommand, withExamples } from './command';
import type { CommandModule } from './command';
import { noMatches, queryRows } from '../../query/tables';

interface TableOptions extends QueryOptions {
  format: 'table' | 'json' | 'csv';
  /** --columns: which columns, in order; the command's default set when undefined. */
  columns?: string[] | undefined;
  /** --json FIELDS: only these fields of each record. */
  jsonFields?: string[] | undefined;
  /** --columns help or --json help: list those instead. */
  help?: 'columns' | 'json' | undefined;
}

/** The table of these rows: the columns named (or the default ones), and the marks. */
function tableFor<T>(command: TableCommand<T>, { catalogue: cat, collection }: Library, rows: T[], columns?: readonly string[]): Table {
  const id = command.columns[0]!;
  return marked(command, tableOf(command.columns, cat, rows, columns), collection, (i) => id.cell(rows[i]!, cat));
}

/** A table with the marks of its rows, when the command marks any: `idOf` gives each row's id. */
function marked<T>(command: TableCommand<T>, table: Table, collection: CollectionIndex | undefined, idOf: (row: number) => string): Table {
  return command.mark ? { ...table, marks: table.rows.map((_, i) => command.mark!(collection, idOf(i))) } : table;
}

/** Read --columns: names separated by commas, each one the command has; "help" is answered by the caller. */
function parseColumns<T>(command: TableCommand<T>, value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const known = command.columns.map((c) => c.name);
  for (const name of names) {
    if (!known.includes(name))
      throw usageError(
        `memories ${command.name} has no column "${escapeLine(name)}"${didYouMean(name, known)}; run memories ${command.name} --columns help`,
      );
  }
  if (names.length === 0) throw usageError(`--columns needs at least one column name; run memories ${command.name} --columns help`);
  return names;
}

/** What --columns help prints: every column, its header, and whether it is shown by default. */
function columnsHelp<T>(command: TableCommand<T>): string {
  const rows = command.columns.map((c) => `  ${c.name.padEnd(14)}${c.header.padEnd(14)}${c.shown ? 'shown by default' : ''}`.trimEnd());
  return `Columns of memories ${command.name} (choose with --columns a,b,c):\n${rows.join('\n')}\n`;
}

/** One table command: its table (the rows and every column --columns can show), how they print and how they are given as JSON. */
interface TableCommand<T> extends TableOf<T> {
  summary: string;
  examples: string[];
  /** The mark a terminal shows beside the row of this id (owned, rated). */
  mark?: (collection: CollectionIndex | undefined, id: string) => string;
  json(this: void, rows: T[], cat: Catalogue): Record<string, unknown>[];
  /** Every field json() can give, for --json FIELDS. */
  jsonFields: readonly string[];
}

const listCommand: TableCommand<Anthology> = {
  ...LIST_TABLE,
  summary: 'List the anthologies: title, year, segments, directors, studios',
  examples: ['memories list', 'memories list year:1987', 'memories list director:kawajiri --json', 'memories list | cut -f2'],
  mark: workMark,
  json: (rows) => rows,
  jsonFields: Object.keys(anthologyFields),
};

const segmentsCommand: TableCommand<SegmentRef> = {
  ...SEGMENTS_TABLE,
  summary: 'List every segment of every anthology, in running order',
  examples: ['memories segments', 'memories segments --composer hisaishi', 'memories segments runtime:..15 --sort runtime'],
  mark: workMark,
  json: (rows) => rows.map((r) => ({ anthology: r.anthology.id, number: r.number, ...r.segment })),
  jsonFields: ['anthology', 'number', ...Object.keys(segmentFields)],
};

const staffCommand: TableCommand<Staff> = {
  ...STAFF_TABLE,
  summary: 'List the people credited, with how many credits each has',
  examples: ['memories staff', 'memories staff role:music', 'memories staff work:memories'],
  // With the count the table shows.
  json: (rows, cat) => rows.map((s) => ({ ...s, credits: cat.creditsByStaff.get(s.id)?.length ?? 0 })),
  jsonFields: [...Object.keys(staffFields), 'credits'],
};

const releasesCommand: TableCommand<Release> = {
  ...RELEASES_TABLE,
  summary: 'List the home-video releases: format, country and region, publisher, date, status',
  examples: [
    'memories releases',
    'memories releases anthology:memories format:dvd',
    'memories releases released:2004-01..2004-12',
    'memories releases aspect:1.85:1',
  ],
  mark: releaseMark,
  json: (rows) => rows,
  jsonFields: Object.keys(releaseFields),
};

export const tableCommands = [listCommand, segmentsCommand, staffCommand, releasesCommand] as const;

/** A table from stored cells: the columns need no records, the marks only the collection. */
function storedTable<T>(
  command: TableCommand<T>,
  views: StoredViews,
  collection: CollectionIndex | undefined,
  limit: number | undefined,
): Table {
  const rows = views.rows(command.name, limit);
  // The default columns, the id first.
  return marked(command, { columns: shownColumns(command.columns), rows }, collection, (i) => rows[i]![0]!);
}

/** Only the fields asked for, in that order; a field the command has not is a usage error that lists them. */
function pick<T>(command: TableCommand<T>, records: Record<string, unknown>[], fields: string[] | undefined): Record<string, unknown>[] {
  if (!fields) return records;
  const unknown = fields.filter((f) => !command.jsonFields.includes(f));
  if (unknown.length > 0)
    throw usageError(
      `memories ${command.name} --json has no field "${escapeLine(unknown[0]!)}"${didYouMean(unknown[0]!, command.jsonFields)}; fields are: ${command.jsonFields.join(', ')}`,
    );
  return records.map((r) => Object.fromEntries(fields.map((f) => [f, r[f] ?? null])));
}

/** Print the table (or JSON, or CSV); an empty result is still a success. */
function runTable<T>(command: TableCommand<T>, ctx: Context, options: TableOptions): number {
  if (options.help === 'columns') {
    ctx.write(columnsHelp(command));
    return EXIT.ok;
  }
  if (options.help === 'json') {
    ctx.write(`JSON fields of memories ${command.name} (choose with --json a,b,c):\n${command.jsonFields.map((f) => `  ${f}\n`).join('')}`);
    return EXIT.ok;
  }
  // The whole table in its default order is kept ready; JSON carries whole records, which only the catalogue has.
  const stored =
    options.query.groups.length === 0 && options.sort === undefined && options.columns === undefined && options.format !== 'json'
      ? ctx.fromStore(TABLE_VIEWS, ctx.folders, (views, { collection }) => {
          const table = storedTable(command, views, collection, options.limit);
          return options.format === 'csv' ? renderCsv(table) : renderTable(table, ctx.out);
        })
      : undefined;
  if (stored !== undefined) {
    ctx.write(stored);
    return EXIT.ok;
  }
  const library = ctx.library();
  const rows = queryRows(command, library, options);
  // A terminal is told why it sees nothing; a pipe gets nothing, as grep gives.
  if (rows.length === 0 && options.format === 'table' && ctx.out.tty)
    ctx.io.stderr.write(`${escapeLine(noMatches(command, library, options.query))}\n`);
  if (options.format === 'json') ctx.write(renderJson(pick(command, command.json(rows, library.catalogue), options.jsonFields)));
  else if (options.format === 'csv') ctx.write(renderCsv(tableFor(command, library, rows, options.columns)));
  else ctx.write(renderTable(tableFor(command, library, rows, options.columns), ctx.out));
  return EXIT.ok;
}

/** A table command's flags as commander parses them, before the query flags. */
interface TableFlags {
  json?: string | true;
  csv?: true;
  columns?: string[] | 'help';
}

/**
 * The options of a table command. --json takes an optional list of fields, as gh's does, so a
 * query term right after it would be taken for that list: one that is not a plain list of
 * names ("year:1987", "^otomo") goes back to the terms.
 */
function tableOptions<T>(command: TableCommand<T>, terms: string[], flags: TableFlags & QueryFlags): TableOptions {
  const json = flags.json;
  const fields = typeof json === 'string' && /^[a-z_]+(,[a-z_]+)*$/.test(json) ? json : undefined;
  const allTerms = typeof json === 'string' && fields === undefined ? [json, ...terms] : terms;
  const help = flags.columns === 'help' ? 'columns' : fields === 'help' ? 'json' : undefined;
  if (help === undefined && json !== undefined && flags.csv) throw usageError('choose one of --json and --csv');
  return {
    ...queryOptions(allTerms, flags),
    format: json !== undefined ? 'json' : flags.csv ? 'csv' : 'table',
    columns: flags.columns === 'help' ? undefined : flags.columns,
    jsonFields: fields?.split(','),
    help,
  };
}

/** The command line of a table command; list and segments also take the shorthand flags of works. */
function tableCommand<T>(command: TableCommand<T>): CommandModule {
  const columns = (value: string): string[] | 'help' => (value === 'help' ? 'help' : parseColumns(command, value));
  const define = (named: Command) =>
    withExamples(
      named
        .argument('[terms...]', 'query terms: words, field:value, field:lo..hi, ^negated, "," for OR (memories help search)')
        .description(command.summary)
        .option('--json [fields]', 'print the records as JSON; --json id,title for only those fields ("help" lists them)')
        .option('--csv', 'print the table as CSV, with a header row')
        .option('--columns <list>', 'the columns to show, in order, separated by commas ("help" lists them)', columns),
      command.examples,
    );
  const run = (ctx: Context, options: TableOptions): number => runTable(command, ctx, options);
  return command.kind === 'works'
    ? defineCommand(
        command.name,
        (named) => withLimit(withSort(withShorthands(define(named)), command.kind)),
        ([terms], flags) => tableOptions(command, terms, flags),
        run,
      )
    : defineCommand(
        command.name,
        (named) => withLimit(withSort(define(named), command.kind)),
        ([terms], flags) => tableOptions(command, terms, flags),
        run,
      );
}

export const list = tableCommand(listCommand);
export const segments = tableCommand(segmentsCommand);
export const staff = tableCommand(staffCommand);
export const releases = tableCommand(releasesCommand);

import type { Command, OptionValues } from '@commander-js/extra-typings';
import { parseQuery } from '../../query/parse';
import type { Query } from '../../query/parse';
import { escapeLine } from '../../render/escape';
import { usageError } from '../errors';
import type { SearchKind } from '../../query/fields';

/** The query shared by the table commands and search: terms plus shorthand flags. */
export interface QueryOptions {
  query: Query;
  sort?: string | undefined;
  limit?: number | undefined;
}

/** The query flags as commander parses them; a command has the shorthands or not. */
export interface QueryFlags {
  director?: string;
  composer?: string;
  writer?: string;
  studio?: string;
  year?: string;
  sort?: string;
  limit?: number;
}

const SHORTHANDS = [
  ['director', 'director'],
  ['composer', 'music'],
  ['writer', 'writer'],
  ['studio', 'studio'],
  ['year', 'year'],
] as const;

/** A --sort example each kind can take, for the help. */
const SORT_EXAMPLE: Record<SearchKind, string> = { works: 'year-,title', people: 'born-,name', releases: 'released-,id' };

/** --limit N: digits only, as Number() would also take "", "0x8" and "1e1". */
function limitFlag(given: string): number {
  if (!/^\d{1,9}$/.test(given)) throw usageError(`--limit takes a whole number, not "${escapeLine(given)}"`);
  return Number(given);
}

/** --director and the other flags that stand for a field's term, for the kinds that have those fields. */
export function withShorthands<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd
    .option('--director <name>', 'same as director:NAME')
    .option('--composer <name>', 'same as music:NAME')
    .option('--writer <name>', 'same as writer:NAME (screenplay or original story)')
    .option('--studio <name>', 'same as studio:NAME')
    .option('--year <years>', 'same as year:YEARS (1987, 1987..1995)');
}

/** --sort, for the table commands; search ranks its results instead. */
export function withSort<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>, kind: SearchKind) {
  return cmd.option('--sort <fields>', `sort by fields, "-" after one for descending: ${SORT_EXAMPLE[kind]}`);
}

/** --limit, for every command that takes a query. */
export function withLimit<A extends unknown[], O extends OptionValues>(cmd: Command<A, O>) {
  return cmd.option('--limit <n>', 'show at most N results', limitFlag);
}

function quoted(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Turn terms and flags into a query; a malformed query is a usage error (exit 2). */
export function queryOptions(terms: string[], flags: QueryFlags): QueryOptions {
  const extra = SHORTHANDS.flatMap(([flag, field]) => {
    const value = flags[flag];
    return value === undefined ? [] : [`${field}:${quoted(value)}`];
  });
  // A query error becomes a usage error in the one place that maps errors to exit codes.
  const query = parseQuery(terms);
  const shorthand = parseQuery(extra).groups[0] ?? [];
  // Shorthand flags narrow every alternative: "kanno , hisaishi --year 1987" keeps both sides to 1987.
  const groups = query.groups.length > 0 ? query.groups.map((g) => [...g, ...shorthand]) : shorthand.length > 0 ? [shorthand] : [];
  return { query: { groups }, sort: flags.sort, limit: flags.limit };
}

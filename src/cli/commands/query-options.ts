import { parseQuery } from '../../query/parse';
import type { Query } from '../../query/parse';
import { escapeLine } from '../../render/escape';
import { usageError } from '../errors';
import type { Command } from 'commander';
import type { SearchKind } from '../../query/fields';

/** The query shared by the table commands and search: terms plus shorthand flags. */
export interface QueryOptions {
  query: Query;
  sort?: string | undefined;
  limit?: number | undefined;
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

/** Add the query flags to a command; search ranks its results and takes no --sort. */
export function addQueryFlags(cmd: Command, withShorthands: boolean, sortable?: SearchKind): Command {
  if (withShorthands) {
    cmd
      .option('--director <name>', 'same as director:NAME')
      .option('--composer <name>', 'same as music:NAME')
      .option('--writer <name>', 'same as writer:NAME (screenplay or original story)')
      .option('--studio <name>', 'same as studio:NAME')
      .option('--year <years>', 'same as year:YEARS (1987, 1987..1995)');
  }
  if (sortable) cmd.option('--sort <fields>', `sort by fields, "-" after one for descending: ${SORT_EXAMPLE[sortable]}`);
  return cmd.option('--limit <n>', 'show at most N results');
}

function quoted(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Turn terms and flags into a query; a malformed query is a usage error (exit 2). */
export function queryOptions(terms: string[], flags: Record<string, unknown>): QueryOptions {
  const extra = SHORTHANDS.filter(([flag]) => typeof flags[flag] === 'string').map(
    ([flag, field]) => `${field}:${quoted(flags[flag] as string)}`,
  );
  // Digits only: Number() would also take "", "0x8" and "1e1".
  const given = typeof flags.limit === 'string' ? flags.limit : undefined;
  const limit = given === undefined ? undefined : /^\d{1,9}$/.test(given) ? Number(given) : NaN;
  if (Number.isNaN(limit)) throw usageError(`--limit takes a whole number, not "${escapeLine(String(flags.limit))}"`);
  // A query error becomes a usage error in the one place that maps errors to exit codes.
  const query = parseQuery(terms);
  const shorthand = parseQuery(extra).groups[0] ?? [];
  // Shorthand flags narrow every alternative: "kanno , hisaishi --year 1987" keeps both sides to 1987.
  const groups = query.groups.length > 0 ? query.groups.map((g) => [...g, ...shorthand]) : shorthand.length > 0 ? [shorthand] : [];
  return { query: { groups }, sort: flags.sort as string | undefined, limit };
}

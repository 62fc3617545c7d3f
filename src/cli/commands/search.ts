import type { Hit } from '../../query/match';
import type { SearchSpec } from '../../query/search-index';
import { renderJson } from '../../render/json';
import { renderSearch, SEARCH_ROWS } from '../../render/search';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import type { QueryOptions } from './query-options';
import { queryOptions, withLimit, withShorthands } from './query-options';
import { defineCommand } from './command';
import { searchAll, searchCatalogue, searchItems } from '../../query/tables';

export interface SearchOptions extends QueryOptions {
  json: boolean;
}

/** What search looks through (query/tables.ts), shown as its rows. */
const SEARCH: SearchSpec = { items: searchItems, rows: SEARCH_ROWS };

const QUERY_HELP = `
Query syntax:
  kanno                      a bare word matches any title or credited name (people: name;
                             releases: edition, anthology, publisher)
  director:otomo             field:value matches within one field (memories fields lists them)
  music:="yoko kanno"        field:=value must match the whole value (after folding)
  year:1987..1995            ranges for numbers and dates; open ends: runtime:..30, year:2000..
  ^stink                     ^ negates a term
  kanno , hisaishi           "," separates alternatives (OR); terms within one must all match
  '"yoko kanno"'             quotes keep words together

Matching ignores case, accents, widths and long-vowel spellings (Ōtomo = Ootomo = Otomo,
Kōji = Kouji), word order (Kanno Yoko = Yoko Kanno) and spacing (STUDIO4℃ = Studio 4°C);
native script matches too (大友克洋, 彼女の想いで). Exact matches rank above prefix matches,
which rank above substring matches; ties keep the catalogue order.

Examples:
  $ memories search --composer kanno
  $ memories search director:ootomo
  $ memories search 菅野よう子
  $ memories search format:blu-ray country:US
  $ memories list year:1987
  $ memories staff role:music`;

export const search = defineCommand(
  'search',
  (command) =>
    withLimit(
      withShorthands(
        command
          .argument('[terms...]', 'what to look for (or use the flags)')
          .description('Search works, people and releases at once, in any spelling')
          .option('--json', 'print the results as JSON'),
      ),
    ).addHelpText('after', QUERY_HELP),
  ([terms], flags): SearchOptions => ({ ...queryOptions(terms, flags), json: flags.json === true }),
  runSearch,
);

/** `memories search TERM...`: results grouped by kind, each saying which field matched. */
function runSearch(ctx: Context, options: SearchOptions): number {
  if (options.query.groups.length === 0) throw usageError('search needs at least one term, as in: memories search kanno');
  if (options.json) {
    // JSON carries whole records, which only the catalogue has.
    const results = searchCatalogue(ctx.library(), options);
    const strip = <T>(hits: { item: T; hit: Hit }[]): { matched: string[]; record: T }[] =>
      hits.map((h) => ({ matched: h.hit.fields, record: h.item }));
    const works = results.works.map((h) => ({
      matched: h.hit.fields,
      kind: h.item.kind,
      anthology: h.item.anthology.id,
      record: h.item.kind === 'anthology' ? h.item.anthology : h.item.segment,
    }));
    ctx.write(renderJson({ works, people: strip(results.people), releases: strip(results.releases) }));
    return EXIT.ok;
  }
  // The whole answer is made before any of it is written: a stored index found damaged on the
  // way means an answer from the files instead, and nothing may be printed twice.
  const pieces = ctx.searchIndex(SEARCH, (index) => {
    const results = searchAll(index, options);
    const found = results.works.count + results.people.count + results.releases.count;
    return found === 0 ? undefined : renderSearch(results, ctx.out);
  });
  if (pieces === undefined) ctx.io.stderr.write('no matches\n');
  else for (const piece of pieces) ctx.write(piece);
  return EXIT.ok;
}

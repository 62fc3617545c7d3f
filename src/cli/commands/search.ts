import type { SearchKind } from '../../query/fields';
import type { Hit } from '../../query/match';
import { describeHits } from '../../query/match';
import type { SearchSpec } from '../../query/search-index';
import { renderJson } from '../../render/json';
import { renderSearch, SEARCH_ROWS } from '../../render/search';
import type { FoundRows } from '../../render/search';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import type { QueryOptions } from './query-options';
import { searchAll, searchCatalogue, searchItems } from '../../query/tables';

export interface SearchOptions extends QueryOptions {
  json: boolean;
}

/** What search looks through (query/tables.ts), shown as its rows. */
const SEARCH: SearchSpec = { items: searchItems, rows: SEARCH_ROWS };

/** `memories search TERM...`: results grouped by kind, each saying which field matched. */
export function runSearch(ctx: Context, options: SearchOptions): number {
  if (options.query.groups.length === 0) throw usageError('search needs at least one term, as in: memories search kanno');
  if (options.json) {
    // JSON carries whole records, which only the catalogue has.
    const results = searchCatalogue(ctx.catalogue(), options);
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
  const text = ctx.searchIndex(SEARCH, (index) => {
    const results = searchAll(index, options);
    const rows = (kind: SearchKind): FoundRows[SearchKind] => ({
      rows: results[kind].map(({ item }) => index[kind].row(item)),
      matched: describeHits(kind, options.query, index[kind].source, index[kind].items(), results[kind]),
    });
    const found = results.works.length + results.people.length + results.releases.length;
    return found === 0 ? undefined : renderSearch({ works: rows('works'), people: rows('people'), releases: rows('releases') }, ctx.out);
  });
  if (text === undefined) ctx.io.stderr.write('no matches\n');
  else ctx.write(text);
  return EXIT.ok;
}

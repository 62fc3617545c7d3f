import type { Catalogue } from '../../catalogue/catalogue';
import type { Work } from '../../catalogue/types';
import { filterItems } from '../../query/match';
import { renderJson } from '../../render/json';
import { renderSearch } from '../../render/search';
import type { SearchResults } from '../../render/search';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import type { QueryOptions } from './query-options';
import { anthologiesInOrder, releasesCommand, staffCommand } from './tables';

export interface SearchOptions extends QueryOptions {
  json: boolean;
}

/** Every work in catalogue order: each anthology, then its segments. */
function allWorks(cat: Catalogue): Work[] {
  return anthologiesInOrder(cat).flatMap((anthology): Work[] => [{ kind: 'anthology', anthology }, ...anthology.segments.map((segment, i): Work => ({ kind: 'segment', segment, anthology, number: i + 1 }))]);
}

/** Search works, people and releases at once; a kind whose fields the query does not use is left out. */
export function searchAll(cat: Catalogue, options: QueryOptions): SearchResults {
  const limit = <T>(items: T[]): T[] => (options.limit === undefined ? items : items.slice(0, options.limit));
  return {
    works: limit(filterItems(() => allWorks(cat), options.query, 'works', cat)),
    people: limit(filterItems(() => staffCommand.rows(cat), options.query, 'people', cat)),
    releases: limit(filterItems(() => releasesCommand.rows(cat), options.query, 'releases', cat)),
  };
}

/** `memories search TERM...`: results grouped by kind, each saying which field matched. */
export function runSearch(ctx: Context, options: SearchOptions): number {
  if (options.query.groups.length === 0) throw usageError('search needs at least one term, as in: memories search kanno');
  if (options.sort) throw usageError('--sort applies to one kind; use it with list, segments, staff or releases');
  const cat = ctx.catalogue();
  const results = searchAll(cat, options);
  if (options.json) {
    const strip = <T>(hits: { item: T; hit: { fields: string[] } }[]): { matched: string[]; record: T }[] => hits.map((h) => ({ matched: h.hit.fields, record: h.item }));
    const works = results.works.map((h) => ({ matched: h.hit.fields, kind: h.item.kind, anthology: h.item.anthology.id, record: h.item.kind === 'anthology' ? h.item.anthology : h.item.segment }));
    ctx.write(renderJson({ works, people: strip(results.people), releases: strip(results.releases) }));
    return EXIT.ok;
  }
  const found = results.works.length + results.people.length + results.releases.length;
  if (found === 0) ctx.io.stderr.write('no matches\n');
  else ctx.write(renderSearch(cat, results, ctx.out));
  return EXIT.ok;
}

import type { Pos, Problems } from '../source/problem';
import { didYouMean } from '../util/closest';

/** A release in the user's collection, owned or wanted. */
export interface CollectionItem {
  release: string;
  note?: string;
  added?: string;
  at: Pos;
}

/** One viewing of a work, with an optional rating from 0 to 10 in half points. */
export interface Viewing {
  work: string;
  date?: string;
  rating?: number;
  note?: string;
  at: Pos;
}

/** The user's collection file, decoded. */
export interface Collection {
  owned: CollectionItem[];
  wanted: CollectionItem[];
  viewings: Viewing[];
}

/** The collection as the catalogue's queries and tables use it. */
export interface CollectionIndex {
  owned: Map<string, CollectionItem>;
  wanted: Map<string, CollectionItem>;
  viewings: Viewing[];
  viewingsByWork: Map<string, Viewing[]>;
}

export const emptyCollection = (): Collection => ({ owned: [], wanted: [], viewings: [] });

// Decoding lives in collection-store.ts, with the yaml package, outside the start-up bundle.

/** The ids a collection may refer to: the catalogue's maps, or sets read from a stored index. */
export interface KnownIds {
  releases: { has(id: string): boolean; keys(): Iterable<string> };
  works: { has(id: string): boolean; keys(): Iterable<string> };
}

/**
 * Index the collection against the ids the catalogue has. References to releases or works it
 * does not have are warnings, not errors: their data folder may simply not be loaded this time.
 */
export function indexCollection(collection: Collection, known: KnownIds, problems: Problems): CollectionIndex {
  const index: CollectionIndex = { owned: new Map(), wanted: new Map(), viewings: [], viewingsByWork: new Map() };
  let releaseIds: string[] | undefined;
  for (const list of ['owned', 'wanted'] as const) {
    for (const item of collection[list]) {
      if (!known.releases.has(item.release)) {
        problems.warning(item.at, `${list} release "${item.release}" is not in the catalogue${didYouMean(item.release, (releaseIds ??= [...known.releases.keys()]))}; is its data folder loaded?`);
      } else if (index[list].has(item.release)) {
        problems.warning(item.at, `release "${item.release}" is listed twice under ${list}`);
      } else index[list].set(item.release, item);
    }
  }
  for (const v of collection.viewings) {
    if (!known.works.has(v.work)) {
      problems.warning(v.at, `viewing of "${v.work}", which is not an anthology or segment in the catalogue${didYouMean(v.work, known.works.keys())}`);
      continue;
    }
    index.viewings.push(v);
    index.viewingsByWork.set(v.work, [...(index.viewingsByWork.get(v.work) ?? []), v]);
  }
  return index;
}

/** The rating of the latest rated viewing of a work (undated viewings count as oldest). */
export function latestRating(index: CollectionIndex | undefined, workId: string): number | undefined {
  const rated = (index?.viewingsByWork.get(workId) ?? []).filter((v) => v.rating !== undefined);
  const latest = rated.reduce<Viewing | undefined>((best, v) => (best === undefined || (v.date ?? '') >= (best.date ?? '') ? v : best), undefined);
  return latest?.rating;
}

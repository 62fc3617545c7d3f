import type { Pos, Problems } from '../source/problem';
import type { collectionTopLevel, DocumentOf } from './schema';
import { isObject } from '../store/check';
import { didYouMean } from '../util/closest';

/** The user's collection file, decoded: its types are those of its schema (collectionTopLevel). */
export type Collection = DocumentOf<typeof collectionTopLevel>;

/** A release in the user's collection, owned or wanted. */
export type CollectionItem = Collection['owned'][number];

/** One viewing of a work, with an optional rating from 0 to 10 in half points. */
export type Viewing = Collection['viewings'][number];

/** The collection as the catalogue's queries and tables use it. */
export interface CollectionIndex {
  owned: Map<string, CollectionItem>;
  wanted: Map<string, CollectionItem>;
  viewings: Viewing[];
  viewingsByWork: Map<string, Viewing[]>;
  /** Entries naming releases or works the loaded catalogue does not have: listed by `collection` and `log`, never hidden. */
  unknown: { owned: CollectionItem[]; wanted: CollectionItem[]; viewings: Viewing[] };
}

export const emptyCollection = (): Collection => ({ owned: [], wanted: [], viewings: [] });

const isEntry =
  (key: 'release' | 'work') =>
  (e: unknown): boolean =>
    isObject(e) && typeof e[key] === 'string' && isObject(e.at) && typeof e.at.file === 'string';

/** Whether a value read back from the store is a decoded collection (see isRecordsByKind). */
export function isCollection(v: unknown): v is Collection {
  return (
    isObject(v) &&
    Array.isArray(v.owned) &&
    v.owned.every(isEntry('release')) &&
    Array.isArray(v.wanted) &&
    v.wanted.every(isEntry('release')) &&
    Array.isArray(v.viewings) &&
    v.viewings.every(isEntry('work'))
  );
}

// Decoding lives in collection-store.ts, with the yaml package, outside the start-up bundle.

/** The ids a collection may refer to: the catalogue's maps, or sets read from a stored index. */
export interface KnownIds {
  releases: { has(id: string): boolean; keys(): Iterable<string> };
  works: { has(id: string): boolean; keys(): Iterable<string> };
}

/**
 * Index the collection against the ids the catalogue has. References to releases or works it
 * does not have are warnings, not errors: their data folder may simply not be loaded this time.
 * One that looks like a typo of a known id gets a warning of its own with the suggestion; the
 * rest share one warning, so a collection of bundled releases under --no-bundled warns once.
 */
export function indexCollection(collection: Collection, known: KnownIds, problems: Problems): CollectionIndex {
  const index: CollectionIndex = {
    owned: new Map(),
    wanted: new Map(),
    viewings: [],
    viewingsByWork: new Map(),
    unknown: { owned: [], wanted: [], viewings: [] },
  };
  let releaseIds: string[] | undefined;
  let workIds: string[] | undefined;
  const missing: { at: Pos; id: string; what: string }[] = [];
  const missed = (at: Pos, id: string, ids: () => string[], what: string): void => {
    const near = didYouMean(id, ids());
    if (near) problems.warning(at, `${what} is not in the catalogue${near}`);
    else missing.push({ at, id, what });
  };
  for (const list of ['owned', 'wanted'] as const) {
    for (const item of collection[list]) {
      if (!known.releases.has(item.release)) {
        index.unknown[list].push(item);
        missed(item.at, item.release, () => (releaseIds ??= [...known.releases.keys()]), `${list} release "${item.release}"`);
      } else if (index[list].has(item.release)) {
        problems.warning(item.at, `release "${item.release}" is listed twice under ${list}`);
      } else index[list].set(item.release, item);
    }
  }
  for (const v of collection.viewings) {
    if (!known.works.has(v.work)) {
      index.unknown.viewings.push(v);
      missed(v.at, v.work, () => (workIds ??= [...known.works.keys()]), `the work "${v.work}" of a viewing`);
      continue;
    }
    index.viewings.push(v);
    index.viewingsByWork.set(v.work, [...(index.viewingsByWork.get(v.work) ?? []), v]);
  }
  if (missing.length === 1)
    problems.warning(missing[0]!.at, `${missing[0]!.what} is not in the loaded catalogue; is its data folder loaded?`);
  else if (missing.length > 1) {
    problems.warning(
      missing[0]!.at,
      `${missing.length} entries name releases or works that are not in the loaded catalogue ("${missing[0]!.id}" and more); is their data folder loaded? memories collection and memories log list them`,
    );
  }
  return index;
}

/** Whether a release is in the collection, and how: owned, wanted, or neither (undefined). */
export function holding(index: CollectionIndex | undefined, releaseId: string): 'owned' | 'wanted' | undefined {
  return index?.owned.has(releaseId) ? 'owned' : index?.wanted.has(releaseId) ? 'wanted' : undefined;
}

/** The rating of the latest rated viewing of a work (undated viewings count as oldest). */
export function latestRating(index: CollectionIndex | undefined, workId: string): number | undefined {
  const rated = (index?.viewingsByWork.get(workId) ?? []).filter((v) => v.rating !== undefined);
  const latest = rated.reduce<Viewing | undefined>(
    (best, v) => (best === undefined || (v.date ?? '') >= (best.date ?? '') ? v : best),
    undefined,
  );
  return latest?.rating;
}

import type { Catalogue } from '../catalogue/catalogue';
import type { Release, Staff, Work } from '../catalogue/types';
import { closest } from '../util/closest';
import { fold, folded } from './fold';
import type { Folded } from './fold';

/** Anything `show` can display. */
export type Target =
  | { kind: 'work'; id: string; work: Work }
  | { kind: 'staff'; id: string; staff: Staff }
  | { kind: 'release'; id: string; release: Release };

export type Resolution = ResolutionOf<Target>;

/** Something a REF can name, with all the spellings it can be named by. */
export interface Named {
  target: Target;
  names: string[];
}

/** Every record that a REF can name, with all the spellings it can be named by. */
export function namedTargets(cat: Catalogue): Named[] {
  const out: Named[] = [];
  for (const [id, work] of cat.works) {
    const r = work.kind === 'anthology' ? work.anthology : work.segment;
    out.push({ target: { kind: 'work', id, work }, names: [id, r.title, r.native_title, r.romaji_title, ...(r.alt_titles ?? [])].filter(isString) });
  }
  for (const staff of cat.staff) {
    out.push({ target: { kind: 'staff', id: staff.id, staff }, names: [staff.id, staff.name, staff.native_name, ...(staff.aliases ?? [])].filter(isString) });
  }
  for (const release of cat.releases) {
    out.push({ target: { kind: 'release', id: release.id, release }, names: [release.id, release.title].filter(isString) });
  }
  return out;
}

function isString(s: string | undefined): s is string {
  return typeof s === 'string' && s !== '';
}

export type ResolutionOf<T> = { kind: 'found'; target: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'none'; suggestion?: string };

/**
 * Find what REF names: an exact id first, then any name form compared after folding (in either
 * word order), then a unique prefix of the whole name, then of its words. Several matches at
 * the same tier are ambiguous; none gets the closest id as a suggestion.
 */
export function resolveRef(cat: Catalogue, ref: string): Resolution {
  const all = namedTargets(cat);
  const byId = all.filter((n) => n.target.id === ref);
  if (byId.length === 1) return { kind: 'found', target: byId[0]!.target };
  const found = matchRef(
    all.map((n) => n.target),
    (i) => all[i]!.names.map(folded),
    ref,
  );
  if (found) return found;
  const suggestion = closest(fold(ref), all.flatMap((n) => n.names.map(fold)));
  const original = suggestion === undefined ? undefined : all.find((n) => n.names.some((name) => fold(name) === suggestion));
  return original ? { kind: 'none', suggestion: original.target.id } : { kind: 'none' };
}

/**
 * The tiers of resolveRef after the id, over `targets` whose folded names `names` gives: the
 * one found, the candidates at the first tier with several, or undefined. Only the targets at
 * the positions `among` are looked at (a stored index passes those that can match at all).
 */
export function matchRef<T>(targets: readonly T[], names: (i: number) => readonly Folded[], ref: string, among?: readonly number[]): ResolutionOf<T> | undefined {
  const { key, anyOrder, words } = folded(ref);
  const tiers: ((name: Folded) => boolean)[] = [
    (name) => name.key === key || name.anyOrder === anyOrder,
    (name) => key !== '' && name.key.startsWith(key),
    // Each word typed starts a word of the name: "otomo" finds Katsuhiro Otomo.
    (name) => words.length > 0 && words.every((w) => name.words.some((nw) => nw.startsWith(w))),
  ];
  const positions = among ?? targets.map((_, i) => i);
  for (const matches of tiers) {
    const hits = positions.filter((i) => names(i).some(matches)).map((i) => targets[i]!);
    if (hits.length === 1) return { kind: 'found', target: hits[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  return undefined;
}

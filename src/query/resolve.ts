import type { Catalogue } from '../catalogue/catalogue';
import type { Release, Staff, Work } from '../catalogue/types';
import { closest } from '../util/closest';
import { fold, foldKey, foldKeyAnyOrder, foldWords } from './fold';

/** Anything `show` can display. */
export type Target =
  | { kind: 'work'; id: string; work: Work }
  | { kind: 'staff'; id: string; staff: Staff }
  | { kind: 'release'; id: string; release: Release };

export type Resolution =
  | { kind: 'found'; target: Target }
  | { kind: 'ambiguous'; candidates: Target[] }
  | { kind: 'none'; suggestion?: string };

interface Named {
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

/**
 * Find what REF names: an exact id first, then any name form compared after folding (in either
 * word order), then a unique prefix of the whole name, then of its words. Several matches at the same tier are ambiguous.
 */
export function resolveRef(cat: Catalogue, ref: string): Resolution {
  const all = namedTargets(cat);
  const byId = all.filter((n) => n.target.id === ref);
  if (byId.length === 1) return { kind: 'found', target: byId[0]!.target };
  const key = foldKey(ref);
  const anyOrder = foldKeyAnyOrder(ref);
  const words = foldWords(ref);
  const tiers: ((name: string) => boolean)[] = [
    (name) => foldKey(name) === key || foldKeyAnyOrder(name) === anyOrder,
    (name) => key !== '' && foldKey(name).startsWith(key),
    // Each word typed starts a word of the name: "otomo" finds Katsuhiro Otomo.
    (name) => words.length > 0 && words.every((w) => foldWords(name).some((nw) => nw.startsWith(w))),
  ];
  for (const matches of tiers) {
    const hits = all.filter((n) => n.names.some(matches)).map((n) => n.target);
    if (hits.length === 1) return { kind: 'found', target: hits[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  }
  const suggestion = closest(fold(ref), all.flatMap((n) => n.names.map(fold)));
  const original = suggestion === undefined ? undefined : all.find((n) => n.names.some((name) => fold(name) === suggestion));
  return original ? { kind: 'none', suggestion: original.target.id } : { kind: 'none' };
}

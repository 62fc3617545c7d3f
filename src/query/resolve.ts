import type { Catalogue } from '../catalogue/catalogue';
import type { Release, Staff, Work } from '../catalogue/types';
import { closest } from '../util/closest';
import { fold, folded } from './fold';
import type { Folded } from './fold';
import { personNames, titleForms } from './fields';

/** Anything `show` can display. */
export type Target =
  | { kind: 'work'; id: string; work: Work }
  | { kind: 'staff'; id: string; staff: Staff }
  | { kind: 'release'; id: string; release: Release };

/** What a REF can name, as commands accept them and `kind:REF` qualifies them. */
export type RefKind = 'anthology' | 'segment' | 'person' | 'release';
export const REF_KINDS: readonly RefKind[] = ['anthology', 'segment', 'person', 'release'];

export function refKind(t: Target): RefKind {
  return t.kind === 'work' ? t.work.kind : t.kind === 'staff' ? 'person' : 'release';
}

/** The qualifiers a REF may start with, and the kinds each allows. */
const QUALIFIERS: Record<string, readonly RefKind[]> = {
  anthology: ['anthology'],
  segment: ['segment'],
  work: ['anthology', 'segment'],
  person: ['person'],
  staff: ['person'],
  release: ['release'],
};

/** A REF without its `kind:` qualifier, and the kinds it allows (undefined when it has none). */
export function qualified(ref: string): { ref: string; kinds?: readonly RefKind[] } {
  const m = /^([a-z]+):(.+)$/.exec(ref);
  const kinds = m && Object.hasOwn(QUALIFIERS, m[1]!) ? QUALIFIERS[m[1]!] : undefined;
  return kinds ? { ref: m![2]!, kinds } : { ref };
}

type ResolutionOf<T> = { kind: 'found'; target: T } | { kind: 'ambiguous'; candidates: T[] } | { kind: 'none'; suggestion?: string };
export type Resolution = ResolutionOf<Target>;

/**
 * Something a REF can name: its titles or names in every form, and the codes that name it
 * only whole (a release's catalog number and barcode). Its id is matched on its own: whole,
 * or from its start, never by its inner words.
 */
interface Named {
  target: Target;
  names: string[];
  codes: string[];
}

/** Every record that a REF can name, in one order (works, people, releases, each in catalogue order). */
export function namedTargets(cat: Catalogue): Named[] {
  const out: Named[] = [];
  for (const [id, work] of cat.works) {
    const r = work.kind === 'anthology' ? work.anthology : work.segment;
    out.push({
      target: { kind: 'work', id, work },
      names: titleForms(r),
      codes: [],
    });
  }
  for (const staff of cat.staff) {
    out.push({
      target: { kind: 'staff', id: staff.id, staff },
      names: personNames(staff),
      codes: staff.former_ids ?? [],
    });
  }
  for (const release of cat.releases) {
    out.push({
      target: { kind: 'release', id: release.id, release },
      names: [release.title].filter(isString),
      codes: [release.catalog_number, release.barcode].filter(isString),
    });
  }
  return out;
}

function isString(s: string | undefined): s is string {
  return typeof s === 'string' && s !== '';
}

const ARTICLES = new Set(['the', 'a', 'an']);

/** The folded key without a leading article: "The Magnetic Rose" and "magnetic rose" meet. */
export function withoutArticle(name: Folded): string {
  const [first, ...rest] = name.words;
  return first !== undefined && ARTICLES.has(first) && rest.length > 0 ? rest.join('') : name.key;
}

/** What matchRef reads of the targets at each position. */
export interface RefSource<T> {
  target(i: number): T;
  kind(i: number): RefKind;
  id(i: number): string;
  names(i: number): readonly Folded[];
  /** The folded keys of its codes. */
  codes(i: number): readonly string[];
}

/**
 * Find what REF names, among the kinds given, in one order:
 * 1. an exact id;
 * 2. a title, name, catalog number or barcode, whole, in any folded form (case, accents, long
 *    vowels, punctuation, word order and a leading "the", "a" or "an" do not matter);
 * 3. the start of a title or name;
 * 4. the start of each of its words ("otomo" finds Katsuhiro Otomo);
 * 5. the start of an id.
 * Several matches at the first tier that has any are ambiguous; none gets the closest id as a
 * suggestion.
 */
export function resolveRef(cat: Catalogue, ref: string, kinds: readonly RefKind[] = REF_KINDS): Resolution {
  const all = namedTargets(cat);
  const source: RefSource<Target> = {
    target: (i) => all[i]!.target,
    kind: (i) => refKind(all[i]!.target),
    id: (i) => all[i]!.target.id,
    // A name with no letters or digits folds to nothing, and names nothing.
    names: (i) => all[i]!.names.map(folded).filter((name) => name.spaced !== ''),
    codes: (i) => all[i]!.codes.map((c) => folded(c).key),
  };
  const among = all.flatMap((n, i) => (kinds.includes(refKind(n.target)) ? [i] : []));
  const found = matchRef(source, ref, among);
  if (found) return found;
  const names = among.flatMap((i) => [all[i]!.target.id, ...all[i]!.names].map((name) => ({ name: fold(name), id: all[i]!.target.id })));
  const suggestion = closest(
    fold(ref),
    names.map((n) => n.name),
  );
  const original = suggestion === undefined ? undefined : names.find((n) => n.name === suggestion);
  return original ? { kind: 'none', suggestion: original.id } : { kind: 'none' };
}

/**
 * The tiers of resolveRef over the targets at the positions `among` (in order): the one found,
 * the candidates at the first tier with several, or undefined. A stored index passes only the
 * positions that can match at all.
 */
export function matchRef<T>(source: RefSource<T>, ref: string, among: readonly number[]): ResolutionOf<T> | undefined {
  const f = folded(ref);
  const key = withoutArticle(f);
  const { anyOrder, words } = f;
  const names = (matches: (name: Folded) => boolean) => (i: number) => source.names(i).some(matches);
  const tiers: ((i: number) => boolean)[] = [
    (i) => source.id(i) === ref,
    (i) => source.codes(i).includes(f.key) || source.names(i).some((name) => withoutArticle(name) === key || name.anyOrder === anyOrder),
    names((name) => key !== '' && withoutArticle(name).startsWith(key)),
    names((name) => words.length > 0 && words.every((w) => name.words.some((nw) => nw.startsWith(w)))),
    (i) => ref !== '' && source.id(i).startsWith(ref),
  ];
  for (const matches of tiers) {
    const hits = among.filter(matches);
    if (hits.length === 1) return { kind: 'found', target: source.target(hits[0]!) };
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits.map((i) => source.target(i)) };
  }
  return undefined;
}

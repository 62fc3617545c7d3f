import type { Catalogue } from '../catalogue/catalogue';
import type { FieldDef, SearchKind } from './fields';
import { BARE, FIELDS, personNames } from './fields';
import { folded } from './fold';
import type { Folded } from './fold';
import type { Query, Term } from './parse';
import { QueryError } from './parse';

/** How well a value matched: exact beats prefix beats substring. Lower is better. */
export const RANK = { exact: 0, prefix: 1, substring: 2 } as const;

export interface Hit {
  rank: number;
  /** The fields that matched, for the MATCHED column ("title", "music", ...). */
  fields: string[];
}

/** Rank of a folded text match of `query` against one value, or undefined. */
export function matchText(query: string, value: string, exact: boolean): number | undefined {
  return matchFolded(folded(query), folded(value), exact);
}

/** matchText on strings folded already; checks that need only `key` and `spaced` come first. */
export function matchFolded(q: Folded, v: Folded, exact: boolean): number | undefined {
  const qKey = q.key;
  if (qKey === '') return undefined;
  const vKey = v.key;
  // Every kind of match below finds each word of the query somewhere in the value's key: most misses end here.
  for (const w of q.words) if (!vKey.includes(w)) return undefined;
  // Words in any order: the same words, so the same total length.
  if (qKey === vKey || (qKey.length === vKey.length && q.anyOrder === v.anyOrder)) return RANK.exact;
  if (exact) return undefined;
  const spaced = v.spaced;
  const starts = q.wordStarts;
  // Every word of the query starts a word of the value, or is found inside one.
  if (vKey.startsWith(qKey) || q.words.every((w, i) => spaced.startsWith(w) || spaced.includes(starts[i]!))) return RANK.prefix;
  if (vKey.includes(qKey) || q.words.every((w) => spaced.includes(w))) return RANK.substring;
  return undefined;
}

function inRange(value: string | number, term: Term, kind: FieldDef<unknown>['kind']): boolean {
  if (kind === 'number') {
    const v = Number(value);
    return (term.lo === undefined || v >= Number(term.lo)) && (term.hi === undefined || v <= Number(term.hi));
  }
  // Dates compare as text; the upper end includes everything it is a prefix of (2004-12 takes 2004-12-31).
  const v = String(value);
  return (term.lo === undefined || v >= term.lo) && (term.hi === undefined || v.slice(0, term.hi.length) <= term.hi);
}

function checkTerm(term: Term, def: FieldDef<unknown>): void {
  const ends = [term.lo, term.hi, term.op === 'range' ? undefined : term.value].filter((e): e is string => e !== undefined);
  if (def.kind === 'number' && ends.some((e) => !/^\d+(\.\d+)?$/.test(e))) {
    throw new QueryError(`"${term.raw}": ${term.field} takes a number or a range such as ${term.field}:1987..1995 or ${term.field}:..30`, term.raw);
  }
  if (def.kind === 'date' && ends.some((e) => !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(e))) {
    throw new QueryError(`"${term.raw}": ${term.field} takes a date (YYYY, YYYY-MM or YYYY-MM-DD) or a range such as ${term.field}:2004-02..2004-12`, term.raw);
  }
  if (def.kind === 'text' && term.op === 'range') {
    throw new QueryError(`"${term.raw}": ${term.field} is text and takes no range`, term.raw);
  }
}

/**
 * Where a matcher reads an item's field values: the loaded catalogue (liveSource), or a stored
 * search index that keeps each field's values per item (search-index.ts). Either way the
 * values come from the same FieldDefs, so both answer alike. Each method returns a reader for
 * one field, made once per query, so that reading an item costs no look-ups.
 */
export interface FieldSource<T> {
  /** The values of a number or date field. */
  values(field: string, def: FieldDef<T>): (item: T) => readonly (string | number)[];
  /** The values of a text field, folded. */
  texts(field: string, def: FieldDef<T>): (item: T) => readonly Folded[];
  /**
   * The keys of a text field's values joined by "|", where the source has them ready: a cheap
   * first test, since a match needs each word of the query in a key.
   */
  textKeys?(field: string, def: FieldDef<T>): (item: T) => string;
  /**
   * For a field whose values are people's names (def.people is set): the best rank `rank`
   * gives any of an item's people, who are passed as keys for names().
   */
  bestPerson(field: string, def: FieldDef<T>, rank: (person: string | number) => number | undefined): (item: T) => number | undefined;
  /** Every form of a person's name, folded. */
  names(person: string | number): readonly Folded[];
  /** The keys of those forms joined by "|", where the source has them ready: the same first test. */
  nameKeys?(person: string | number): string;
}

/** Field values read from the catalogue itself. */
export function liveSource<T>(cat: Catalogue): FieldSource<T> {
  return {
    values: (_field, def) => (item) => def.values(item, cat),
    texts: (_field, def) => (item) => def.values(item, cat).map((v) => folded(String(v))),
    bestPerson: (_field, def, rank) => (item) => best(def.people!(item), rank),
    names: (id) => personNames(cat.staffById.get(String(id))).map(folded),
  };
}

/** A term compiled against the fields it looks at (one, or a bare word's several). */
interface CompiledTerm<T> {
  negate: boolean;
  fields: readonly string[];
  /** One per field: the term's rank against an item's values of it, or undefined. */
  ranks: ((item: T) => number | undefined)[];
}

/**
 * Compile a query for one kind of record read through `source`. Returns undefined when the
 * query uses a field this kind does not have (so `search format:dvd` finds releases only);
 * throws QueryError for a malformed value.
 */
export function compileQuery<T>(query: Query, kind: SearchKind, source: FieldSource<T>): ((item: T) => Hit | undefined) | undefined {
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const usable = query.groups.filter((g) => g.every((t) => t.field === undefined || Object.hasOwn(fields, t.field)));
  if (query.groups.length > 0 && usable.length === 0) return undefined;
  for (const t of usable.flat()) if (t.field) checkTerm(t, fields[t.field] as FieldDef<unknown>);

  /** The rank of one term against one field's values of an item, or undefined when none matches. */
  const rankIn = (term: Term, name: string): ((item: T) => number | undefined) => {
    const def = fields[name]!;
    const exact = term.op === 'exact';
    const q = folded(term.value);
    if (def.people) {
      // Each person's names are matched once, not once per credit (NONE: they do not match).
      const ranks = new Map<string | number, number>();
      const personRank = (p: string | number): number | undefined => {
        let r = ranks.get(p);
        if (r === undefined) {
          const all = source.nameKeys?.(p);
          r = all === undefined || q.words.every((w) => all.includes(w)) ? (best(source.names(p), (n) => matchFolded(q, n, exact)) ?? NONE) : NONE;
          ranks.set(p, r);
        }
        return r === NONE ? undefined : r;
      };
      return source.bestPerson(name, def, personRank);
    }
    if (def.kind === 'text') {
      const texts = source.texts(name, def);
      const matches = (item: T): number | undefined => best(texts(item), (v) => matchFolded(q, v, exact));
      const keys = source.textKeys?.(name, def);
      if (!keys) return matches;
      return (item) => {
        const all = keys(item);
        return q.words.every((w) => all.includes(w)) ? matches(item) : undefined;
      };
    }
    const values = source.values(name, def);
    const test =
      term.op === 'range'
        ? (v: string | number) => inRange(v, term, def.kind)
        : def.kind === 'number'
          ? (v: string | number) => Number(v) === Number(term.value)
          : (v: string | number) => String(v).startsWith(term.value);
    return (item) => (values(item).some(test) ? RANK.exact : undefined);
  };

  const groups: CompiledTerm<T>[][] = usable.map((group) =>
    group.map((term) => {
      const names = term.field ? [term.field] : BARE[kind];
      return { negate: term.negate, fields: names, ranks: names.map((name) => rankIn(term, name)) };
    }),
  );

  return (item) => {
    if (groups.length === 0) return { rank: 0, fields: [] };
    let bestHit: Hit | undefined;
    for (const group of groups) {
      let rank = 0;
      let matched: string[] | undefined;
      let ok = true;
      for (const term of group) {
        // The best rank over the term's fields; a bare word is named by the field that gave it.
        let r: number | undefined;
        let field = '';
        for (let i = 0; i < term.ranks.length; i++) {
          const x = term.ranks[i]!(item);
          if (x !== undefined && (r === undefined || x < r)) {
            r = x;
            field = term.fields[i]!;
          }
        }
        if (term.negate ? r !== undefined : r === undefined) {
          ok = false;
          break;
        }
        if (!term.negate) {
          rank += r!;
          matched ??= [];
          if (!matched.includes(field)) matched.push(field);
        }
      }
      if (ok && (bestHit === undefined || rank < bestHit.rank)) bestHit = { rank, fields: matched ?? [] };
    }
    return bestHit;
  };
}

const NONE = -1;

/** The lowest rank `rank` gives any of the values, or undefined when none matches. */
function best<V>(values: readonly V[], rank: (value: V) => number | undefined): number | undefined {
  let found: number | undefined;
  for (const v of values) {
    const r = rank(v);
    if (r !== undefined && (found === undefined || r < found)) found = r;
  }
  return found;
}

/**
 * Keep the items that match, best rank first; ties keep the order they came in. `items` is
 * called only when the query applies to this kind at all.
 */
export function filterItems<T>(items: () => readonly T[], query: Query, kind: SearchKind, source: FieldSource<T>): { item: T; hit: Hit }[] {
  const matcher = compileQuery<T>(query, kind, source);
  if (!matcher) return [];
  const hits: { item: T; hit: Hit }[] = [];
  for (const item of items()) {
    const hit = matcher(item);
    if (hit) hits.push({ item, hit });
  }
  return hits.sort((a, b) => a.hit.rank - b.hit.rank);
}

import type { Catalogue } from '../catalogue/catalogue';
import type { FieldDef, SearchKind } from './fields';
import { BARE, FIELDS, personNames } from './fields';
import { foldKey, foldKeyAnyOrder, foldWords } from './fold';
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
  const qKey = foldKey(query);
  const vKey = foldKey(value);
  if (qKey === '') return undefined;
  if (qKey === vKey || foldKeyAnyOrder(query) === foldKeyAnyOrder(value)) return RANK.exact;
  if (exact) return undefined;
  const qWords = foldWords(query);
  const vWords = foldWords(value);
  if (vKey.startsWith(qKey) || qWords.every((q) => vWords.some((v) => v.startsWith(q)))) return RANK.prefix;
  if (vKey.includes(qKey) || qWords.every((q) => vWords.some((v) => v.includes(q)))) return RANK.substring;
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

// Per term, the rank of each person's names: computed once per person, not once per credit.
const personRanks = new WeakMap<Term, Map<string, number | undefined>>();

function personRank(term: Term, staffId: string, cat: Catalogue): number | undefined {
  let ranks = personRanks.get(term);
  if (!ranks) personRanks.set(term, (ranks = new Map()));
  if (!ranks.has(staffId)) {
    let best: number | undefined;
    for (const name of personNames(cat.staffById.get(staffId))) {
      const r = matchText(term.value, name, term.op === 'exact');
      if (r !== undefined && (best === undefined || r < best)) best = r;
    }
    ranks.set(staffId, best);
  }
  return ranks.get(staffId);
}

/** Rank of one term against one item, or undefined when it does not match. */
function matchTerm<T>(term: Term, def: FieldDef<T>, item: T, cat: Catalogue): number | undefined {
  if (def.people) {
    let best: number | undefined;
    for (const id of def.people(item)) {
      const r = personRank(term, id, cat);
      if (r !== undefined && (best === undefined || r < best)) best = r;
    }
    return best;
  }
  const values = def.values(item, cat);
  if (def.kind !== 'text') {
    const hit = values.some((v) =>
      term.op === 'range' ? inRange(v, term, def.kind) : def.kind === 'number' ? Number(v) === Number(term.value) : String(v) === term.value || String(v).startsWith(term.value),
    );
    return hit ? RANK.exact : undefined;
  }
  let best: number | undefined;
  for (const v of values) {
    const r = matchText(term.value, String(v), term.op === 'exact');
    if (r !== undefined && (best === undefined || r < best)) best = r;
  }
  return best;
}

/**
 * Compile a query for one kind of record. Returns undefined when the query uses a field this
 * kind does not have (so `search format:dvd` finds releases only); throws QueryError for a
 * malformed value.
 */
export function compileQuery<T>(query: Query, kind: SearchKind): ((item: T, cat: Catalogue) => Hit | undefined) | undefined {
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const usable = query.groups.filter((g) => g.every((t) => t.field === undefined || Object.hasOwn(fields, t.field)));
  if (query.groups.length > 0 && usable.length === 0) return undefined;
  for (const t of usable.flat()) if (t.field) checkTerm(t, fields[t.field] as FieldDef<unknown>);
  return (item, cat) => {
    if (usable.length === 0) return { rank: 0, fields: [] };
    let best: Hit | undefined;
    for (const group of usable) {
      let rank = 0;
      const matched: string[] = [];
      let ok = true;
      for (const term of group) {
        const def = term.field ? fields[term.field]! : (BARE[kind] as FieldDef<T>);
        const r = matchTerm(term, def, item, cat);
        if (term.negate ? r !== undefined : r === undefined) {
          ok = false;
          break;
        }
        if (!term.negate) {
          rank += r!;
          matched.push(term.field ?? bareField(term, kind, item, cat));
        }
      }
      if (ok && (best === undefined || rank < best.rank)) best = { rank, fields: [...new Set(matched)] };
    }
    return best;
  };
}

/** For a bare word, name the field it actually matched, so rows can say "title" or "staff". */
function bareField<T>(term: Term, kind: SearchKind, item: T, cat: Catalogue): string {
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const order = kind === 'works' ? ['title', 'staff', 'studio'] : kind === 'people' ? ['name'] : ['title', 'anthology', 'publisher'];
  return order.find((f) => matchTerm(term, fields[f]!, item, cat) !== undefined) ?? 'text';
}

/**
 * Keep the items that match, best rank first; ties keep the order they came in. `items` is
 * called only when the query applies to this kind at all.
 */
export function filterItems<T>(items: () => T[], query: Query, kind: SearchKind, cat: Catalogue): { item: T; hit: Hit }[] {
  const matcher = compileQuery<T>(query, kind);
  if (!matcher) return [];
  const hits: { item: T; hit: Hit }[] = [];
  for (const item of items()) {
    const hit = matcher(item, cat);
    if (hit) hits.push({ item, hit });
  }
  return hits.sort((a, b) => a.hit.rank - b.hit.rank);
}

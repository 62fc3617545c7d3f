import type { Library } from '../catalogue/catalogue';
import type { FieldDef, SearchKind } from './fields';
import { BARE, FIELDS, personNames } from './fields';
import { folded } from './fold';
import type { Folded } from './fold';
import type { Query, Term } from './parse';
import { QueryError } from './parse';
import { didYouMean } from '../util/closest';
import { dateFault } from '../util/date';

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
    throw new QueryError(
      `"${term.raw}": ${term.field} takes a number or a range such as ${term.field}:1987..1995 or ${term.field}:..30`,
      term.raw,
    );
  }
  if (def.kind === 'date' && ends.some((e) => dateFault(e) !== undefined)) {
    throw new QueryError(
      `"${term.raw}": ${term.field} takes a date (YYYY, YYYY-MM or YYYY-MM-DD) or a range such as ${term.field}:2004-02..2004-12`,
      term.raw,
    );
  }
  if (def.kind === 'text' && term.op === 'range') {
    throw new QueryError(`"${term.raw}": ${term.field} is text and takes no range`, term.raw);
  }
  // An enumerated field: a value none of its records could have is a typo, not a search.
  const choices = def.choices?.();
  if (
    choices &&
    !choices.some(
      (c) => folded(c).key === folded(term.value).key || (term.op !== 'exact' && folded(c).key.startsWith(folded(term.value).key)),
    )
  ) {
    const shown = choices.length <= 20 ? `; it is one of ${choices.join(', ')}` : '';
    throw new QueryError(`"${term.raw}": ${term.field} cannot be "${term.value}"${didYouMean(term.value, choices)}${shown}`, term.raw);
  }
}

/**
 * Who a list of items names, as two flat lists with an entry per credit, in the items' order:
 * the item (its place in the list) and the person; and where each item's credits start, so
 * that item i's are those from starts[i] to starts[i + 1] (one more entry than items). Each
 * item names each person once.
 */
export interface PeopleColumn {
  items: ArrayLike<number>;
  ids: ArrayLike<number>;
  starts: ArrayLike<number>;
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
  /** The values of a field of forms (def.forms), as the data spells them, in the order texts() folds them. */
  forms(field: string, def: FieldDef<T>): (item: T) => readonly string[];
  /**
   * Where the source can tell at once (its keys are stored): the places, in the list of items
   * its own search hands out, of those whose text field has every one of `words` in the keys
   * of its values, the only ones that can match. Undefined where the source cannot tell.
   */
  itemsWith?(field: string, def: FieldDef<T>, words: readonly string[]): Iterable<number> | undefined;
  /**
   * For a field whose values are people's names (def.people is set): who each of `items`
   * names, people numbered from 0 to personCount() - 1. `items` are the ones the source's own
   * search hands out, in that order.
   */
  people(field: string, def: FieldDef<T>, items: readonly T[]): PeopleColumn;
  personCount(): number;
  /** Every form of a person's name, folded. */
  names(person: number): readonly Folded[];
  /** The name a person is shown by, as the data spells it. */
  displayName(person: number): string;
  /**
   * Where the source can tell at once (its keys are stored): the people the keys of whose names
   * contain every one of `words`, the only ones who can match. The same first test as itemsWith.
   */
  peopleWith?(words: readonly string[]): Iterable<number>;
}

/** Field values read from the catalogue itself (and the collection beside it); people are numbered by their place in its staff. */
export function liveSource<T>(library: Library): FieldSource<T> {
  const cat = library.catalogue;
  let numbers: Map<string, number> | undefined;
  return {
    values: (_field, def) => (item) => def.values(item, library),
    texts: (_field, def) => (item) => def.values(item, library).map((v) => folded(String(v))),
    forms: (_field, def) => (item) => def.values(item, library).map(String),
    people(field, def, items) {
      numbers ??= new Map(cat.staff.map((s, i) => [s.id, i]));
      const column = new PeopleBuilder(cat.staff.length);
      for (const [i, item] of items.entries()) {
        // A credit of someone the data does not have names nobody who could match.
        for (const id of def.people!(item)) {
          const p = numbers.get(id);
          if (p !== undefined) column.add(i, p);
        }
      }
      const starts = creditStarts(column.items, column.ids, items.length, cat.staff.length);
      // The builder adds credits in item order, of people the catalogue has: always a column.
      if (!starts) throw new Error(`${field}: the credits built are not in item order`);
      return { items: column.items, ids: column.ids, starts };
    },
    personCount: () => cat.staff.length,
    names: (p) => personNames(cat.staff[p]).map(folded),
    displayName: (p) => cat.staff[p]?.name ?? '',
  };
}

/**
 * Where each of `count` items' credits start in a column (and where one more item's would),
 * checking it on the way: every item among the `count`, in item order, and every person among
 * `people`; undefined for a column that does not fit (only a damaged stored one). A function
 * of its own, called once per field: a plain loop, which V8 compiles by itself (a closure per
 * credit cost 10 ms at 10,000 anthologies, and this loop inside the stored source's people()
 * made V8 compile all of people() again, for the calls that only find the column checked).
 */
export function creditStarts(items: ArrayLike<number>, ids: ArrayLike<number>, count: number, people: number): Int32Array | undefined {
  const starts = new Int32Array(count + 1);
  let next = 0;
  for (let c = 0; c < items.length; c++) {
    const i = items[c]!;
    const p = ids[c]!;
    if (i < 0 || i < next - 1 || i >= count || p < 0 || p >= people) return undefined;
    while (next <= i) starts[next++] = c;
  }
  starts.fill(items.length, next);
  return starts;
}

/** A PeopleColumn filled item by item, in order, keeping each person once per item. */
export class PeopleBuilder {
  readonly items: number[] = [];
  readonly ids: number[] = [];
  /** The last item each person was added to (an anthology names dozens, often twice). */
  private readonly last: Int32Array;

  constructor(personCount: number) {
    this.last = new Int32Array(personCount).fill(-1);
  }

  add(i: number, p: number): void {
    if (this.last[p] === i) return;
    this.last[p] = i;
    this.items.push(i);
    this.ids.push(p);
  }
}

/**
 * A rank per item of a list, RANK's values, or NO where the item does not match. A query is
 * matched a field at a time over every item, in plain loops over flat lists: a one-shot
 * process runs most of its code in V8's interpreter, where a few closure calls per item and
 * per credit cost more than the matching itself (docs/benchmarks.md).
 */
type Ranks = Int8Array;
const NO = -1;
const UNKNOWN = -2;
/** A person whose rank a loop over credits has asked for, and who is matched after it. */
const PENDING = -3;

/** A term compiled against the fields it looks at (one, or a bare word's several). */
interface CompiledTerm<T> {
  negate: boolean;
  fields: readonly string[];
  /** One per field: the term's ranks over the items, computed for those still `alive` (the others get NO). */
  ranks: ((items: readonly T[], alive: Uint8Array) => Ranks)[];
}

/** Matches a list of items at once: each item's Hit, or undefined where it does not match. */
type Matcher<T> = (items: readonly T[]) => (Hit | undefined)[];

/*
 * A field of people is ranked in three steps: who needs matching (pendingPeople), the matching,
 * then each item's best rank (bestRanks). The two loops over every credit are functions of
 * their own that call nothing: V8 compiles such a loop quickly, where a loop inside the
 * closure that also called the matcher took it 5 to 12 ms on another thread, and the process
 * waited for that as it exited.
 */

/**
 * The people credited to items still alive whose rank is UNKNOWN, each once (they are marked
 * PENDING in `known`); undefined when a credit names an item or a person that is not there.
 */
function pendingPeople(of: ArrayLike<number>, ids: ArrayLike<number>, known: Int8Array, alive: Uint8Array): number[] | undefined {
  const pending: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const i = of[k]!;
    const p = ids[k]!;
    const r = known[p];
    if (r === undefined || alive[i] === undefined) return undefined;
    if (r === UNKNOWN && alive[i]) {
      known[p] = PENDING;
      pending.push(p);
    }
  }
  return pending;
}

/** Each of `count` items' best rank over the people credited to it, for those alive. */
function bestRanks(of: ArrayLike<number>, ids: ArrayLike<number>, known: Int8Array, alive: Uint8Array, count: number): Ranks {
  const ranks = new Int8Array(count).fill(NO);
  for (let k = 0; k < ids.length; k++) {
    const i = of[k]!;
    const r = known[ids[k]!]!;
    if (r !== NO && alive[i] && (ranks[i] === NO || r < ranks[i]!)) ranks[i] = r;
  }
  return ranks;
}

/** Each person's best rank for one term: NO, UNKNOWN until rank() works it out, or a rank. */
interface PersonRanks {
  ranks: Int8Array;
  rank(person: number): number;
}

const personMemo = new WeakMap<object, Map<string, PersonRanks>>();

/**
 * The people who match one folded term, worked out once per source and term, so that the
 * filter and describeHits (which says who matched) match each person's names once between them.
 * A source that can tell at once (peopleWith) rules out the others before any is matched.
 */
function personRanks<T>(source: FieldSource<T>, q: Folded, exact: boolean): PersonRanks {
  let bySource = personMemo.get(source);
  if (!bySource) personMemo.set(source, (bySource = new Map<string, PersonRanks>()));
  const key = `${exact ? '=' : '~'}${q.spaced}`;
  let found = bySource.get(key);
  if (!found) {
    const ranks = new Int8Array(source.personCount()).fill(source.peopleWith ? NO : UNKNOWN);
    if (source.peopleWith) for (const p of source.peopleWith(q.words)) ranks[p] = UNKNOWN;
    found = {
      ranks,
      rank: (p) => {
        let r = ranks[p];
        if (r! < NO) ranks[p] = r = lowest(source.names(p), (n) => matchFolded(q, n, exact));
        return r ?? NO;
      },
    };
    bySource.set(key, found);
  }
  return found;
}

/**
 * Compile a query for one kind of record read through `source`. Returns undefined when the
 * query uses a field this kind does not have (so `search format:dvd` finds releases only);
 * throws QueryError for a malformed value.
 */
export function compileQuery<T>(query: Query, kind: SearchKind, source: FieldSource<T>): Matcher<T> | undefined {
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const usable = query.groups.filter((g) => g.every((t) => t.field === undefined || Object.hasOwn(fields, t.field)));
  if (query.groups.length > 0 && usable.length === 0) return undefined;
  for (const t of usable.flat()) if (t.field) checkTerm(t, fields[t.field] as FieldDef<unknown>);

  /** The ranks of one term against one field's values. */
  const rankIn = (term: Term, name: string): ((items: readonly T[], alive: Uint8Array) => Ranks) => {
    const def = fields[name]!;
    const exact = term.op === 'exact';
    const q = folded(term.value);
    /** Each alive item's best rank over what `rankOf` gives it. */
    const each =
      (rankOf: (item: T) => number): ((items: readonly T[], alive: Uint8Array) => Ranks) =>
      (items, alive) => {
        const ranks = new Int8Array(items.length).fill(NO);
        for (let i = 0; i < items.length; i++) if (alive[i]) ranks[i] = rankOf(items[i]!);
        return ranks;
      };
    if (def.people) {
      return (items, alive) => {
        const { items: of, ids } = source.people(name, def, items);
        const people = personRanks(source, q, exact);
        const pending = pendingPeople(of, ids, people.ranks, alive);
        // Only a damaged source names an item or a person it does not have.
        if (!pending) throw new Error(`${name}: a credit names an item or a person that is not there`);
        for (let j = 0; j < pending.length; j++) people.rank(pending[j]!);
        return bestRanks(of, ids, people.ranks, alive, items.length);
      };
    }
    if (def.kind === 'text') {
      const texts = source.texts(name, def);
      const rankOf = (item: T): number => lowest(texts(item), (v) => matchFolded(q, v, exact));
      return (items, alive) => {
        const candidates = source.itemsWith?.(name, def, q.words);
        if (!candidates) return each(rankOf)(items, alive);
        const ranks = new Int8Array(items.length).fill(NO);
        for (const i of candidates) {
          if (alive[i] === undefined) throw new Error(`${name}: item ${i} of ${items.length}`);
          if (alive[i]) ranks[i] = rankOf(items[i]!);
        }
        return ranks;
      };
    }
    const values = source.values(name, def);
    const test =
      term.op === 'range'
        ? (v: string | number) => inRange(v, term, def.kind)
        : def.kind === 'number'
          ? (v: string | number) => Number(v) === Number(term.value)
          : (v: string | number) => String(v).startsWith(term.value);
    return each((item) => (values(item).some(test) ? RANK.exact : NO));
  };

  const groups: CompiledTerm<T>[][] = usable.map((group) =>
    group.map((term) => {
      // A bare four-digit number is also a year, where the kind has one: "list otomo 1987".
      const year = term.field === undefined && /^\d{4}$/.test(term.value) && Object.hasOwn(fields, 'year') ? ['year'] : [];
      const names = term.field ? [term.field] : [...BARE[kind], ...year];
      return { negate: term.negate, fields: names, ranks: names.map((name) => rankIn(term, name)) };
    }),
  );

  return (items) => {
    const n = items.length;
    const hits = new Array<Hit | undefined>(n).fill(undefined);
    if (groups.length === 0) return hits.fill({ rank: 0, fields: [] });
    for (const group of groups) {
      // Terms narrow the items still alive, so later terms look only at those.
      const alive = new Uint8Array(n).fill(1);
      const sum = new Int32Array(n);
      /** Per positive term, which of its fields gave each item its best rank. */
      const named: { fields: readonly string[]; which: Int8Array }[] = [];
      for (const term of group) {
        // The best rank over the term's fields; a bare word is named by the first field that gave it.
        const best = term.ranks[0]!(items, alive);
        const which = new Int8Array(n);
        for (let f = 1; f < term.ranks.length; f++) {
          const ranks = term.ranks[f]!(items, alive);
          for (let i = 0; i < n; i++) {
            if (ranks[i] !== NO && (best[i] === NO || ranks[i]! < best[i]!)) {
              best[i] = ranks[i]!;
              which[i] = f;
            }
          }
        }
        for (let i = 0; i < n; i++) {
          if (!alive[i]) continue;
          if (term.negate) alive[i] = best[i] === NO ? 1 : 0;
          else if (best[i] === NO) alive[i] = 0;
          else sum[i]! += best[i]!;
        }
        if (!term.negate) named.push({ fields: term.fields, which });
      }
      // Items that matched alike share one Hit: a broad search finds tens of thousands. They
      // differ only in rank and in which field matched a term that has several.
      const varying = named.filter((t) => t.fields.length > 1);
      const alike: (Hit | undefined)[] = [];
      for (let i = 0; i < n; i++) {
        if (!alive[i]) continue;
        const rank = sum[i]!;
        const before = hits[i];
        if (before !== undefined && before.rank <= rank) continue;
        // The rank and which field gave each such term its match, as one small number.
        // (Index loops: in the interpreter, for...of makes an iterator per item.)
        let key = rank;
        for (let t = 0; t < varying.length; t++) key = key * varying[t]!.fields.length + varying[t]!.which[i]!;
        let hit = alike[key];
        if (!hit) {
          const matched: string[] = [];
          for (const { fields: names, which } of named) {
            const field = names[which[i]!]!;
            if (!matched.includes(field)) matched.push(field);
          }
          alike[key] = hit = { rank, fields: matched };
        }
        hits[i] = hit;
      }
    }
    return hits;
  };
}

/** The lowest rank `rank` gives any of the values, or NO when none matches. */
function lowest<V>(values: readonly V[], rank: (value: V) => number | undefined): number {
  let found = NO;
  for (const v of values) {
    const r = rank(v);
    if (r !== undefined && (found === NO || r < found)) found = r;
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
  const list = items();
  const hits = matcher(list);
  return byRank(list, hits);
}

/**
 * What each found item's MATCHED cell says: the fields that matched, and after each field of
 * people the ones who matched in it ("director: Kōji Morimoto"), so that a search at a
 * thousand anthologies says which Morimoto. `all` is every item the source's search hands
 * out, in order (found items are looked up in it). Each cell is worked out when it is asked
 * for, so that a broad search keeps none of them longer than it takes to print it.
 */
export function describeHits<T>(
  kind: SearchKind,
  query: Query,
  source: FieldSource<T>,
  all: readonly T[],
  found: readonly { item: T; hit: Hit }[],
): (k: number) => string {
  const fields = FIELDS[kind] as Record<string, FieldDef<T>>;
  const terms = query.groups.flat().filter((t) => !t.negate && t.op !== 'range');
  // Where each found item is in `all`: a stored index's items are their own positions.
  let positions: Map<T, number> | undefined;
  const at = (item: T): number => (typeof item === 'number' ? item : ((positions ??= new Map(all.map((x, i) => [x, i]))).get(item) ?? -1));
  /** Per field: the cell text of the k-th found item, asked only of the items that matched in that field. */
  const texts = new Map<string, (k: number) => string>();
  const textOf = (field: string): ((k: number) => string) => {
    let text = texts.get(field);
    if (text) return text;
    const def = Object.hasOwn(fields, field) ? fields[field] : undefined;
    const relevant = terms
      .filter((t) => (t.field === undefined ? BARE[kind].includes(field) : t.field === field))
      .map((t) => ({ q: folded(t.value), exact: t.op === 'exact' }));
    if (!def || relevant.length === 0) text = () => field;
    else if (def.forms) {
      // The form that matched, unless it is the one the row shows.
      const [values, forms] = [source.texts(field, def), source.forms(field, def)];
      text = (k) => {
        const { item } = found[k]!;
        const which = values(item).findIndex((v) => relevant.some(({ q, exact }) => matchFolded(q, v, exact) !== undefined));
        return which > 0 ? `${field}: ${forms(item)[which]}` : field;
      };
    } else if (!def.people) text = () => field;
    else text = whoMatched(field, source, def, all, relevant, (k) => at(found[k]!.item));
    texts.set(field, text);
    return text;
  };
  // Items that matched alike share their Hit (compileQuery), and so the readers of its fields.
  let last: Hit | undefined;
  let readers: ((k: number) => string)[] = [];
  return (k) => {
    const { hit } = found[k]!;
    if (hit !== last) [last, readers] = [hit, hit.fields.map(textOf)];
    return readers.length === 1 ? readers[0]!(k) : readers.map((read) => read(k)).join(', ');
  };
}

/**
 * The cell of a field of people for the k-th found item (`where(k)` is its place in `all`):
 * the field and who matched in it. Each person is matched once, for the filter and for this
 * alike, and their name read once. A broad search asks this of tens of thousands of rows, in
 * a one-shot process that runs it in V8's interpreter, so it is written for that: one call a
 * row, and most rows' cells (one person matched) kept ready per person rather than joined.
 */
function whoMatched<T>(
  field: string,
  source: FieldSource<T>,
  def: FieldDef<T>,
  all: readonly T[],
  relevant: readonly { q: Folded; exact: boolean }[],
  where: (k: number) => number,
): (k: number) => string {
  const matchers = relevant.map(({ q, exact }) => personRanks(source, q, exact));
  // Per person: null when they did not match, else their name, and the cell that names them first.
  const names = new Array<string | null | undefined>(source.personCount());
  const cells = new Array<string | undefined>(source.personCount());
  const { ids, starts } = source.people(field, def, all);
  // A person's first time, in a function of its own: inlined into the row's closure, the
  // matching made V8's compile of that closure take 5 to 8 ms, which the process waited for.
  const settle = (p: number): string | null => {
    const name = matchers.some((m) => m.rank(p) !== NO) ? source.displayName(p) : null;
    names[p] = name;
    if (name !== null) cells[p] = `${field}: ${name}`;
    return name;
  };
  return (k) => {
    const i = where(k);
    if (i < 0) return field;
    let cell: string | undefined;
    const end = starts[i + 1]!;
    for (let c = starts[i]!; c < end; c++) {
      const p = ids[c]!;
      const known = names[p];
      const name = known === undefined ? settle(p) : known;
      if (name !== null) cell = cell === undefined ? cells[p] : `${cell}, ${name}`;
    }
    return cell ?? field;
  };
}

/**
 * The items that matched with their hits, best rank first, in their own order within a rank:
 * counted per rank, since ranks are a few small numbers, where a sort would call its
 * comparison some 300,000 times for 20,000 results.
 */
function byRank<T>(items: readonly T[], hits: readonly (Hit | undefined)[]): { item: T; hit: Hit }[] {
  // How many have each rank, then where each rank starts, then every item put in its place.
  const starts: number[] = [];
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i];
    if (hit) starts[hit.rank] = (starts[hit.rank] ?? 0) + 1;
  }
  let total = 0;
  for (let r = 0; r < starts.length; r++) {
    const count = starts[r] ?? 0;
    starts[r] = total;
    total += count;
  }
  const sorted = new Array<{ item: T; hit: Hit }>(total);
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i];
    if (hit) sorted[starts[hit.rank]!++] = { item: items[i]!, hit };
  }
  return sorted;
}

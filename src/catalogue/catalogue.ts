import type { Pos, Problems } from '../source/problem';
import { suggest } from '../util/closest';
import type { CollectionIndex } from './collection';
import type { Anthology, Credit, RecordsByKind, Rejected, Release, Review, SegmentRef, Staff, Work } from './types';

/** One credit seen from the person's side: which work, in which role. */
interface CreditOn {
  work: Work;
  credit: Credit;
}

/** The loaded, resolved catalogue with the indexes the commands need. */
export interface Catalogue {
  anthologies: Anthology[];
  staff: Staff[];
  releases: Release[];
  reviews: Review[];
  works: Map<string, Work>;
  staffById: Map<string, Staff>;
  releaseById: Map<string, Release>;
  creditsByStaff: Map<string, CreditOn[]>;
  releasesByAnthology: Map<string, Release[]>;
  reviewsBySubject: Map<string, Review[]>;
}

/**
 * What queries and views read: the catalogue, and beside it the user's collection (undefined
 * when there is none, or when a command reads the collection itself, under its lock). The
 * collection is an input of its own because it changes without the data folders changing: a
 * stored index or view pairs its catalogue with the collection of the run.
 */
export interface Library {
  catalogue: Catalogue;
  collection: CollectionIndex | undefined;
}

function where(at: Pos): string {
  return `${at.file}:${at.line}:${at.col}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Merge the records of every file, in load order, into one catalogue. A record whose id is
 * already taken is reported and skipped; references that do not resolve are reported and the
 * link dropped (a credit) or the record skipped (a release or review with nothing to attach to).
 */
export function buildCatalogue(parts: RecordsByKind[], problems: Problems): Catalogue {
  const cat: Catalogue = {
    anthologies: [],
    staff: [],
    releases: [],
    reviews: [],
    works: new Map(),
    staffById: new Map(),
    releaseById: new Map(),
    creditsByStaff: new Map(),
    releasesByAnthology: new Map(),
    reviewsBySubject: new Map(),
  };
  const reviewIds = new Map<string, Review>();
  for (const part of parts) {
    for (const a of part.anthologies) addAnthology(cat, a, problems);
    cat.staff.push(...part.staff.filter((s) => addUnique(cat.staffById, s, 'staff', problems)));
    cat.releases.push(...part.releases.filter((r) => addUnique(cat.releaseById, r, 'release', problems)));
    cat.reviews.push(...part.reviews.filter((r) => addUnique(reviewIds, r, 'review', problems)));
  }
  const rejected = parts.flatMap((part) => (part.rejected ? [part.rejected] : []));
  const ids = rejectedIds(rejected);
  const former = formerIds(cat, problems);
  resolveReferences(cat, problems, ids, former);
  for (const part of rejected) checkRejected(cat, part, problems, ids);
  warnSharedIds(cat, problems);
  return cat;
}

/**
 * The references of records rejected for another problem: they stay out of the catalogue, but
 * a dangling reference in one is reported now, not only once the first problem is fixed.
 * Rejected records are partial, so every field is looked at with care.
 */
/**
 * The ids of rejected works and people: a reference to one is dropped like any that does not
 * resolve, but not reported, since the problem that rejected the record says it all.
 */
function rejectedIds(rejected: readonly Rejected[]): Set<string> {
  const ids = new Set<string>();
  const add = (r: { id?: string }): void => {
    if (r.id !== undefined) ids.add(r.id);
  };
  for (const part of rejected) {
    for (const a of part.anthologies) [a, ...(a.segments ?? [])].forEach(add);
    part.staff.forEach(add);
  }
  return ids;
}

function checkRejected(cat: Catalogue, rejected: Rejected, problems: Problems, ids: ReadonlySet<string>): void {
  const credits = (record: { credits?: { staff?: string; at: Pos }[] }) => record.credits ?? [];
  for (const a of rejected.anthologies) {
    for (const { staff, at } of [...credits(a), ...(a.segments ?? []).flatMap(credits)]) {
      if (staff !== undefined && !cat.staffById.has(staff) && !ids.has(staff)) problems.error(at, ...danglingStaff(cat, staff));
    }
  }
  for (const { id, anthology, at } of rejected.releases) {
    if (anthology !== undefined && cat.works.get(anthology)?.kind !== 'anthology' && !ids.has(anthology))
      problems.error(at, ...danglingAnthology(cat, { id, anthology }));
  }
  for (const { id, subject, at } of rejected.reviews) {
    if (subject !== undefined && !cat.works.has(subject) && !ids.has(subject)) problems.error(at, ...danglingSubject(cat, { id, subject }));
  }
}

/** A problem's message and hint. */
type Told = [message: string, hint: string | undefined];

function danglingStaff(cat: Catalogue, staff: string): Told {
  return [
    `credit names staff "${staff}", which no staff record has`,
    suggest(staff, cat.staffById.keys(), 'add the person under "staff:" or fix the id'),
  ];
}

/** A reference to an anthology that is not one; `id` may be missing from a rejected release. */
function danglingAnthology(cat: Catalogue, r: { id?: string | undefined; anthology: string }): Told {
  const what = `release "${r.id ?? '(no id)'}": anthology "${r.anthology}"`;
  const work = cat.works.get(r.anthology);
  if (work?.kind === 'segment') return [`${what} is a segment`, `a release belongs to a whole anthology: give "${work.anthology.id}"`];
  return [`${what} is not an anthology id`, suggest(r.anthology, anthologyIds(cat))];
}

function danglingSubject(cat: Catalogue, r: { id?: string | undefined; subject: string }): Told {
  return [`review "${r.id ?? '(no id)'}": subject "${r.subject}" is not an anthology or segment id`, suggest(r.subject, cat.works.keys())];
}

/**
 * Works, people and releases have id spaces of their own, so one id may name a record in two;
 * allowed, but a REF of that id then needs a kind (release:ID), so it is worth a warning.
 */
function warnSharedIds(cat: Catalogue, problems: Problems): void {
  const space = (id: string): string | undefined => (cat.works.has(id) ? 'a work' : cat.staffById.has(id) ? 'a person' : undefined);
  for (const s of cat.staff)
    if (cat.works.has(s.id))
      problems.warning(s.at, `staff id "${s.id}" is also the id of a work; a REF of it will need person: or work: before it`);
  for (const r of cat.releases) {
    const other = space(r.id);
    if (other) problems.warning(r.at, `release id "${r.id}" is also the id of ${other}; a REF of it will need release: before it`);
  }
}

function addUnique<T extends { id: string; at: Pos }>(map: Map<string, T>, record: T, kind: string, problems: Problems): boolean {
  const first = map.get(record.id);
  if (first) {
    problems.error(record.at, `duplicate ${kind} id "${record.id}": already defined at ${where(first.at)}; rename one of them`);
    return false;
  }
  map.set(record.id, record);
  return true;
}

/** Anthologies and segments share one id space; an anthology goes in whole or not at all. */
function addAnthology(cat: Catalogue, a: Anthology, problems: Problems): void {
  const ids = [a, ...a.segments];
  const seen = new Map<string, Pos>();
  let ok = true;
  for (const r of ids) {
    const first = cat.works.get(r.id);
    const firstAt = first ? (first.kind === 'anthology' ? first.anthology.at : first.segment.at) : seen.get(r.id);
    if (firstAt) {
      problems.error(
        r.at,
        `duplicate work id "${r.id}": already defined at ${where(firstAt)}; anthologies and segments share one id space`,
      );
      ok = false;
    }
    seen.set(r.id, r.at);
  }
  if (!ok) return;
  cat.anthologies.push(a);
  cat.works.set(a.id, { kind: 'anthology', anthology: a });
  for (const ref of segmentRefs(a)) cat.works.set(ref.segment.id, ref);
}

/**
 * Each former id of a person (Staff.former_ids), to the person's id now. A former id that is
 * some record's id now is an error: it would name two people.
 */
function formerIds(cat: Catalogue, problems: Problems): Map<string, string> {
  const former = new Map<string, string>();
  for (const s of cat.staff) {
    for (const old of s.former_ids ?? []) {
      const other = cat.staffById.get(old)?.id ?? former.get(old);
      if (other !== undefined && other !== s.id)
        problems.error(
          s.at,
          `former id "${old}" of staff "${s.id}" is also the id or a former id of staff "${other}"`,
          'remove it from one of them',
        );
      else former.set(old, s.id);
    }
  }
  return former;
}

/** An anthology's segments as works, each with its place in the running order. */
export function segmentRefs(anthology: Anthology): SegmentRef[] {
  return anthology.segments.map((segment, i) => ({ kind: 'segment', segment, anthology, number: i + 1 }));
}

function resolveReferences(cat: Catalogue, problems: Problems, rejected: ReadonlySet<string>, former: ReadonlyMap<string, string>): void {
  for (const work of cat.works.values()) {
    const record = work.kind === 'anthology' ? work.anthology : work.segment;
    if (!record.credits) continue;
    record.credits = record.credits.filter((credit) => {
      const now = former.get(credit.staff);
      if (now !== undefined) {
        // A person renamed (a romanization found): old references keep working, and say so.
        problems.warning(credit.at, `credit names staff "${credit.staff}" by a former id`, `write "${now}"`);
        credit.staff = now;
      }
      if (cat.staffById.has(credit.staff)) {
        push(cat.creditsByStaff, credit.staff, { work, credit });
        return true;
      }
      if (!rejected.has(credit.staff)) problems.error(credit.at, ...danglingStaff(cat, credit.staff));
      return false;
    });
  }
  cat.releases = cat.releases.filter((r) => {
    const work = cat.works.get(r.anthology);
    if (work?.kind === 'anthology') {
      push(cat.releasesByAnthology, r.anthology, r);
      return true;
    }
    if (!rejected.has(r.anthology)) problems.error(r.at, ...danglingAnthology(cat, r));
    cat.releaseById.delete(r.id);
    return false;
  });
  // An anthology's releases by date, undated ones last, as every view lists them.
  const dated = (r: Release): string => r.released ?? '9999';
  for (const list of cat.releasesByAnthology.values()) list.sort((a, b) => (dated(a) < dated(b) ? -1 : dated(a) > dated(b) ? 1 : 0));
  cat.reviews = cat.reviews.filter((r) => {
    if (cat.works.has(r.subject)) {
      push(cat.reviewsBySubject, r.subject, r);
      return true;
    }
    if (!rejected.has(r.subject)) problems.error(r.at, ...danglingSubject(cat, r));
    return false;
  });
}

function anthologyIds(cat: Catalogue): string[] {
  return cat.anthologies.map((a) => a.id);
}

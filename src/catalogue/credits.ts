import type { Catalogue } from './catalogue';
import type { Anthology, Credit, Segment, Work } from './types';

/** The title of the anthology of this id, or the id when the catalogue has none. */
export function anthologyTitle(cat: Catalogue, id: string): string {
  return cat.works.get(id)?.anthology.title ?? id;
}

/** The record behind a work. */
export function workRecord(work: Work): Anthology | Segment {
  return work.kind === 'anthology' ? work.anthology : work.segment;
}

/** Names of the people credited with `role` on one record, in credit order. */
export function namesFor(cat: Catalogue, credits: Credit[] | undefined, role: string): string[] {
  return (credits ?? []).filter((c) => c.role === role).map((c) => cat.staffById.get(c.staff)?.name ?? c.staff);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Everyone who directed any part of an anthology: its own chief and directors first, then each segment's. */
export function anthologyDirectors(cat: Catalogue, a: Anthology): string[] {
  return unique([
    ...namesFor(cat, a.credits, 'chief-director'),
    ...namesFor(cat, a.credits, 'director'),
    ...a.segments.flatMap((s) => namesFor(cat, s.credits, 'director')),
  ]);
}

/** The studios of an anthology and of all its segments. */
export function anthologyStudios(a: Anthology): string[] {
  return unique([...(a.studios ?? []), ...a.segments.flatMap((s) => s.studios ?? [])]);
}

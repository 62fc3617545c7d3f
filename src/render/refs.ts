import { workLabel } from './records';
import { refKind } from '../query/resolve';
import type { Target } from '../query/resolve';
import { escapeLine } from './escape';

function describe(t: Target): string {
  switch (t.kind) {
    case 'work':
      return `${t.work.kind}: ${workLabel(t.work)}`;
    case 'staff':
      return `person: ${t.staff.name}`;
    case 'release':
      return `release: ${t.release.anthology}, ${t.release.format}, ${t.release.country}`;
  }
}

/** The message for a REF that names several records: every candidate id, to pick one. */
export function renderAmbiguous(ref: string, candidates: Target[]): string {
  // One id in two id spaces: the kind makes it one REF again (release:ID).
  const shared = (id: string): boolean => candidates.filter((c) => c.id === id).length > 1;
  const name = (c: Target): string => (shared(c.id) ? `${refKind(c)}:${c.id}` : c.id);
  const lines = candidates.map((c) => `  ${escapeLine(name(c))}  (${escapeLine(describe(c))})`).join('\n');
  return `"${escapeLine(ref)}" matches more than one record; use one of these ids:\n${lines}`;
}

/** The message for a REF that names nothing, with the closest id when there is one. */
export function renderNotFound(ref: string, suggestion: string | undefined): string {
  const hint = suggestion ? ` Did you mean "${escapeLine(suggestion)}"?` : '';
  return `nothing is called "${escapeLine(ref)}".${hint} Run memories list, memories staff or memories releases to see ids.`;
}

import type { Catalogue } from '../../catalogue/catalogue';
import { qualified, REF_KINDS, refKind, resolveRef } from '../../query/resolve';
import type { RefKind, Target } from '../../query/resolve';
import { escapeLine } from '../../render/escape';
import { renderAmbiguous, renderNotFound } from '../../render/refs';
import { usageError } from '../errors';
import type { StoredTarget, StoredViews } from '../../query/views';

/** What the commands that take a REF accept, besides show's anything. */
export const WORK_REFS: readonly RefKind[] = ['anthology', 'segment'];
export const RELEASE_REFS: readonly RefKind[] = ['release'];
export const COMPARE_REFS: readonly RefKind[] = ['anthology', 'release'];

const A: Record<RefKind, string> = { anthology: 'an anthology', segment: 'a segment', person: 'a person', release: 'a release' };

/** "an anthology or a release", for what a command takes. */
function kindsText(kinds: readonly RefKind[]): string {
  const names = kinds.map((k) => A[k]);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names.at(-1)!}`;
}

/** REF without its qualifier, and the kinds it may name: those the command accepts that the qualifier allows. */
function narrowed(
  ref: string,
  accepts: readonly RefKind[],
): { bare: string; kinds: readonly RefKind[] | undefined; allowed: readonly RefKind[] } {
  const { ref: bare, kinds } = qualified(ref);
  return { bare, kinds, allowed: kinds ? accepts.filter((k) => kinds.includes(k)) : accepts };
}

/** The one record REF names in stored views, as resolveOrFail would find it; undefined when the files must answer (none, several, a qualifier that allows nothing). */
export function findStored(views: StoredViews, ref: string, accepts: readonly RefKind[] = REF_KINDS): StoredTarget | undefined {
  const { bare, allowed } = narrowed(ref, accepts);
  return allowed.length === 0 ? undefined : views.find(bare, allowed);
}

/**
 * Resolve REF among the kinds a command takes (narrowed by a `kind:` qualifier), or fail with
 * a usage error that lists the candidates, suggests the closest, or says what REF names
 * instead when it names one record of another kind.
 */
export function resolveOrFail(cat: Catalogue, ref: string, accepts: readonly RefKind[] = REF_KINDS, hint = ''): Target {
  const { bare, kinds, allowed } = narrowed(ref, accepts);
  if (allowed.length === 0)
    throw usageError(`"${escapeLine(ref)}" asks for ${kindsText(kinds!)}, and this command takes ${kindsText(accepts)}`);
  const r = resolveRef(cat, bare, allowed);
  if (r.kind === 'found') return r.target;
  if (r.kind === 'none' && allowed.length < REF_KINDS.length) {
    const other = resolveRef(cat, bare);
    if (other.kind === 'found')
      throw usageError(`"${escapeLine(ref)}" is ${A[refKind(other.target)]}, not ${kindsText(allowed)}${hint ? `; ${hint}` : ''}`);
  }
  throw usageError(r.kind === 'ambiguous' ? renderAmbiguous(ref, r.candidates) : renderNotFound(ref, r.suggestion));
}

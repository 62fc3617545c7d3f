import type { Catalogue } from '../../catalogue/catalogue';
import { resolveRef } from '../../query/resolve';
import type { Target } from '../../query/resolve';
import { renderAmbiguous, renderNotFound } from '../../render/refs';
import { usageError } from '../errors';

/** Resolve REF or fail with a usage error that lists the candidates or suggests the closest. */
export function resolveOrFail(cat: Catalogue, ref: string): Target {
  const r = resolveRef(cat, ref);
  if (r.kind === 'found') return r.target;
  throw usageError(r.kind === 'ambiguous' ? renderAmbiguous(ref, r.candidates) : renderNotFound(ref, r.suggestion));
}

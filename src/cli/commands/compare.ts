import type { Release } from '../../catalogue/types';
import { compareReleases, renderCompare } from '../../render/compare';
import { escapeLine } from '../../render/escape';
import { renderJson } from '../../render/json';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import { resolveOrFail } from './resolve';

/** `memories compare RELEASE RELEASE...` or `memories compare ANTHOLOGY`: editions side by side. */
export function runCompare(ctx: Context, refs: string[], json: boolean): number {
  const cat = ctx.catalogue();
  const releases: Release[] = [];
  for (const ref of refs) {
    const t = resolveOrFail(cat, ref);
    if (t.kind === 'release') releases.push(t.release);
    else if (t.kind === 'work' && t.work.kind === 'anthology') releases.push(...(cat.releasesByAnthology.get(t.id) ?? []));
    else throw usageError(`"${escapeLine(ref)}" is not a release or an anthology; compare takes release ids, or an anthology to compare all its releases`);
  }
  const unique = [...new Set(releases)];
  if (unique.length < 2) throw usageError(`compare needs at least two releases; ${unique.length === 1 ? `only ${unique[0]!.id} was named` : 'none were named'}`);
  if (json) {
    ctx.write(renderJson({ releases: unique.map((r) => r.id), specs: compareReleases(cat, unique) }));
  } else ctx.write(renderCompare(cat, unique, ctx.out));
  return EXIT.ok;
}

import type { Release } from '../../catalogue/types';
import { compareReleases, renderCompare } from '../../render/compare';
import { escapeLine } from '../../render/escape';
import { renderJson } from '../../render/json';
import type { Context } from '../context';
import { EXIT, usageError } from '../errors';
import { COMPARE_REFS, findStored, resolveOrFail } from './resolve';
import { TABLE_VIEWS } from '../../render/records';
import { defineCommand, withExamples } from './command';
import type { Library } from '../../catalogue/catalogue';
import type { Target } from '../../query/resolve';

interface CompareOptions {
  /** Releases, or an anthology for all of its. */
  refs: string[];
  json: boolean;
}

export const compare = defineCommand(
  'compare',
  (command) =>
    withExamples(
      command
        .argument('<refs...>', 'two or more release ids, or an anthology to compare all its releases')
        .description('Compare editions side by side, with the differences marked')
        .option('--json', 'print the comparison as JSON'),
      ['memories compare memories', 'memories compare memories-us-dvd-2004 memories-gb-dvd-2004'],
    ),
  ([refs], flags): CompareOptions => ({ refs, json: flags.json === true }),
  runCompare,
);

/** `memories compare RELEASE RELEASE...` or `memories compare ANTHOLOGY`: editions side by side. */
function runCompare(ctx: Context, { refs, json }: CompareOptions): number {
  const stored = ctx.fromStore(TABLE_VIEWS, ctx.folders, (views, { collection }) => {
    const found = refs.map((ref) => findStored(views, ref, COMPARE_REFS));
    if (!found.every((t) => t !== undefined)) return undefined;
    const catalogue = views.catalogueFor(found);
    return answer(ctx, { catalogue, collection }, refs, (_, i) => views.target(catalogue, found[i]!), json);
  });
  if (stored !== undefined) ctx.write(stored);
  else {
    const library = ctx.library();
    ctx.write(
      answer(
        ctx,
        library,
        refs,
        (ref) =>
          resolveOrFail(library.catalogue, ref, COMPARE_REFS, 'compare takes release ids, or an anthology to compare all its releases'),
        json,
      ),
    );
  }
  return EXIT.ok;
}

/** The comparison of what `refs` name, each resolved in turn, so that the first that fails is the one reported. */
function answer(ctx: Context, library: Library, refs: string[], resolve: (ref: string, i: number) => Target, json: boolean): string {
  const releases: Release[] = [];
  for (const [i, ref] of refs.entries()) {
    const t = resolve(ref, i);
    if (t.kind === 'release') releases.push(t.release);
    else if (t.kind === 'work' && t.work.kind === 'anthology') releases.push(...(library.catalogue.releasesByAnthology.get(t.id) ?? []));
    else
      throw usageError(
        `"${escapeLine(ref)}" is not a release or an anthology; compare takes release ids, or an anthology to compare all its releases`,
      );
  }
  const unique = [...new Set(releases)];
  if (unique.length < 2)
    throw usageError(`compare needs at least two releases; ${unique.length === 1 ? `only ${unique[0]!.id} was named` : 'none were named'}`);
  return json
    ? renderJson({ releases: unique.map((r) => r.id), specs: compareReleases(library, unique) })
    : renderCompare(library, unique, ctx.out);
}

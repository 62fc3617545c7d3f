import { renderJson } from '../../render/json';
import { renderReviews } from '../../render/show';
import type { Context } from '../context';
import { EXIT } from '../errors';
import { resolveOrFail, WORK_REFS } from './resolve';
import { defineCommand, withExamples } from './command';

export interface ReviewOptions {
  ref: string;
  json: boolean;
}

export const review = defineCommand(
  'review',
  (command) =>
    withExamples(
      command
        .argument('<ref>', 'an anthology or segment')
        .description('Read the reviews of an anthology (and of its segments) or of one segment')
        .option('--json', 'print the reviews as JSON'),
      ['memories review memories', 'memories review cannon-fodder'],
    ),
  ([ref], flags): ReviewOptions => ({ ref, json: flags.json === true }),
  runReview,
);

/** `memories review REF`: the reviews of a work; for an anthology, its segments' reviews follow its own. */
function runReview(ctx: Context, options: ReviewOptions): number {
  const cat = ctx.catalogue();
  const target = resolveOrFail(cat, options.ref, WORK_REFS, 'reviews are of works');
  if (target.kind !== 'work') throw new Error('resolveOrFail gave a record of another kind');
  const ids = target.work.kind === 'anthology' ? [target.id, ...target.work.anthology.segments.map((s) => s.id)] : [target.id];
  const reviews = ids.flatMap((id) => cat.reviewsBySubject.get(id) ?? []);
  if (options.json) ctx.write(renderJson(reviews));
  else if (reviews.length === 0) ctx.io.stderr.write(`no reviews of ${target.id} yet\n`);
  else ctx.write(renderReviews(cat, reviews, ctx.out));
  return EXIT.ok;
}

import type { Catalogue, Library } from '../../catalogue/catalogue';
import { planOwn, planRemove, planUnwatch, planWant, planWatched } from '../../catalogue/collection-plan';
import type { Plan } from '../../catalogue/collection-plan';
import type { UpdateResult } from '../../catalogue/collection-store';
import type { Collection, CollectionItem, Viewing } from '../../catalogue/collection';
import { renderJson } from '../../render/json';
import { renderCollection, renderLog, renderUnknownEntries } from '../../render/collection';
import { renderLoadWarnings, renderProblem } from '../../render/problems';
import { escapeLine } from '../../render/escape';
import type { Problem } from '../../source/problem';
import { dateFault } from '../../util/date';
import type { Context } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { RELEASE_REFS, resolveOrFail, WORK_REFS } from './resolve';
import { defineCommand, withExamples } from './command';
import type { CommandModule } from './command';

/** Resolve REF to a release, or fail with a usage error. */
function releaseId(cat: Catalogue, ref: string): string {
  return resolveOrFail(cat, ref, RELEASE_REFS, 'run memories releases to see release ids').id;
}

/**
 * The release ids named on the command line; "-" reads more from standard input, one a line
 * (the first tab-separated field, so a table piped from memories releases works as it is).
 */
function releaseIds(ctx: Context, refs: readonly string[]): string[] {
  const words = refs.flatMap((ref) =>
    ref === '-'
      ? (ctx.io.readStdin?.() ?? '')
          .split('\n')
          .map((line) => line.split('\t')[0]!.trim())
          .filter((word) => word !== '' && !word.startsWith('#'))
      : [ref],
  );
  if (words.length === 0) throw usageError('no release ids were given (standard input was empty)');
  const cat = ctx.catalogue();
  return words.map((word) => releaseId(cat, word));
}

/** Apply a plan to the collection file and report it; file-system trouble is exit 4, a broken file exit 3. */
function update(ctx: Context, plan: (collection: Collection) => Plan): number {
  // A collection file that cannot be read or written throws its own error: exit 4 (main.ts).
  const result: UpdateResult = ctx
    .heavy()
    .updateCollection(ctx.collectionPath, plan, ctx.io.lockWaitMs === undefined ? {} : { waitMs: ctx.io.lockWaitMs });
  if (result.kind === 'invalid') {
    ctx.io.stderr.write(result.problems.list.map((p) => renderProblem(p, ctx.err)).join(''));
    throw new CliError(
      `${escapeLine(ctx.collectionPath)} has errors (above); fix them and run the command again. Nothing was written`,
      EXIT.data,
    );
  }
  if (result.kind === 'refused') throw new CliError(escapeLine(result.message), EXIT.data);
  ctx.io.stderr.write(result.messages.map((m) => `${m}\n`).join(''));
  return EXIT.ok;
}

/** A --note as given; an empty one is a mistake rather than a way to clear it. */
function noteFlag(note: string): string {
  if (note.trim() === '') throw usageError('--note needs some text');
  return note;
}

/** A --date, by the same rule as dates in data files. */
function dateFlag(date: string): string {
  const fault = dateFault(date);
  if (fault === 'form') throw usageError(`--date must be YYYY, YYYY-MM or YYYY-MM-DD, not "${escapeLine(date)}"`);
  if (fault === 'calendar') throw usageError(`--date ${escapeLine(date)} is not a real calendar date`);
  return date;
}

/** A --rating: a plain decimal from 0 to 10 in half points; "", "0x8" and "1e1" are refused. */
function ratingFlag(rating: string): number {
  const n = /^\d{1,2}(\.\d+)?$/.test(rating) ? Number(rating) : NaN;
  if (!(n >= 0 && n <= 10 && Number.isInteger(n * 2)))
    throw usageError(`--rating must be from 0 to 10 in half points (7, 8.5), not "${escapeLine(rating)}"`);
  return n;
}

interface ReleaseListOptions {
  /** Release ids, or "-" for more on standard input. */
  refs: string[];
  note?: string | undefined;
}

const RELEASES_ARGUMENT = ['<releases...>', 'release ids (memories releases lists them), or - to read them from standard input'] as const;

/** own and want: add releases to a list, or change the note on one there. */
function addTo(name: string, summary: string, note: string, examples: string[], plan: typeof planOwn): CommandModule {
  return defineCommand(
    name,
    (command) =>
      withExamples(
        command
          .argument(...RELEASES_ARGUMENT)
          .description(summary)
          .option('--note <text>', note, noteFlag),
        examples,
      ),
    ([refs], flags): ReleaseListOptions => ({ refs, note: flags.note }),
    (ctx, options) => {
      const ids = releaseIds(ctx, options.refs);
      return update(ctx, (collection) => plan(collection, ids, options.note, ctx.today()));
    },
  );
}

/** unown and unwant: take releases off a list. */
function removeFrom(name: string, list: 'owned' | 'wanted', summary: string, example: string): CommandModule {
  return defineCommand(
    name,
    (command) => withExamples(command.argument(...RELEASES_ARGUMENT).description(summary), [example]),
    ([refs]): ReleaseListOptions => ({ refs }),
    (ctx, options) => {
      const ids = releaseIds(ctx, options.refs);
      return update(ctx, (collection) => planRemove(collection, list, ids));
    },
  );
}

export const own = addTo(
  'own',
  'Add releases to your collection (and take them off your wishlist), or change the note on one',
  'a note of your own, such as where you bought it',
  [
    'memories own memories-us-dvd-2004',
    'memories own memories-jp-4k-2025 --note "import, 2026"',
    'memories releases format:dvd country:US | memories own -',
  ],
  planOwn,
);
export const want = addTo(
  'want',
  'Add releases to your wishlist, or change the note on one',
  'a note of your own',
  ['memories want robot-carnival-discotek-uhd', 'memories releases format:blu-ray | memories want -'],
  planWant,
);
export const unown = removeFrom('unown', 'owned', 'Remove releases from your collection', 'memories unown memories-us-dvd-2004');
export const unwant = removeFrom('unwant', 'wanted', 'Remove releases from your wishlist', 'memories unwant robot-carnival-discotek-uhd');

/** The work a viewing is of: an anthology or a segment. */
function workId(ctx: Context, ref: string): string {
  return resolveOrFail(ctx.catalogue(), ref, WORK_REFS, 'you watch works').id;
}

interface WatchedOptions {
  ref: string;
  /** Today when not given. */
  date?: string | undefined;
  rating?: number | undefined;
  note?: string | undefined;
}

/** `memories watched WORK [--date] [--rating] [--note]`: log a viewing. */
export const watched = defineCommand(
  'watched',
  (command) =>
    withExamples(
      command
        .argument('<work>', 'an anthology or segment')
        .description('Log a viewing of an anthology or a segment')
        .option('--date <date>', 'when (YYYY-MM-DD, YYYY-MM or YYYY; default today)', dateFlag)
        .option('--rating <n>', 'your rating, 0 to 10 in half points', ratingFlag)
        .option('--note <text>', 'a note of your own', noteFlag),
      ['memories watched magnetic-rose --rating 9.5', 'memories watched robot-carnival --date 2026-11-01'],
    ),
  ([ref], flags): WatchedOptions => ({ ref, date: flags.date, rating: flags.rating, note: flags.note }),
  (ctx, options) => {
    const viewing = { work: workId(ctx, options.ref), date: options.date ?? ctx.today(), rating: options.rating, note: options.note };
    return update(ctx, () => planWatched(viewing));
  },
);

/** `memories unwatch WORK [--date]`: remove the latest viewing, or the one on that date. */
export const unwatch = defineCommand(
  'unwatch',
  (command) =>
    withExamples(
      command
        .argument('<work>', 'an anthology or segment')
        .description('Remove the latest logged viewing of a work, or the one on a date')
        .option('--date <date>', 'the viewing on this date', dateFlag),
      ['memories unwatch magnetic-rose', 'memories unwatch robot-carnival --date 2026-11-01'],
    ),
  ([ref], flags): WatchedOptions => ({ ref, date: flags.date }),
  (ctx, options) => {
    const work = workId(ctx, options.ref);
    return update(ctx, (collection) => planUnwatch(collection, work, options.date));
  },
);

/**
 * Load for `collection` and `log`: a collection file with errors is not "empty", so its
 * problems are printed in full and the run ends with exit 3; other warnings as any command.
 */
function loadHonestly(ctx: Context): Library {
  const result = ctx.load();
  const own = (p: Problem): boolean => p.file === ctx.collectionPath;
  const mine = result.problems.list.filter(own);
  if (mine.some((p) => p.severity === 'error')) {
    ctx.io.stderr.write(mine.map((p) => renderProblem(p, ctx.err)).join(''));
    throw new CliError(`${escapeLine(ctx.collectionPath)} has errors (above); fix them, and memories validate checks it again`, EXIT.data);
  }
  const others = result.problems.list.filter((p) => !own(p) || p.severity === 'warning');
  if (others.length > 0) ctx.io.stderr.write(renderLoadWarnings(others, ctx.err));
  return { catalogue: result.catalogue, collection: result.collection };
}

interface ListingOptions {
  json: boolean;
}

/** `memories collection`: what you own and what you want, and what the loaded catalogue does not have. */
export const collection = defineCommand(
  'collection',
  (command) =>
    withExamples(command.description('List the releases you own and want').option('--json', 'print them as JSON'), [
      'memories collection',
      'memories releases owned:yes',
    ]),
  (_, flags): ListingOptions => ({ json: flags.json === true }),
  runCollection,
);

function runCollection(ctx: Context, { json }: ListingOptions): number {
  const { catalogue: cat, collection: index } = loadHonestly(ctx);
  const owned = [...(index?.owned.values() ?? [])];
  const wanted = [...(index?.wanted.values() ?? [])];
  const unknown: { owned: CollectionItem[]; wanted: CollectionItem[] } = {
    owned: index?.unknown.owned ?? [],
    wanted: index?.unknown.wanted ?? [],
  };
  const total = owned.length + wanted.length + unknown.owned.length + unknown.wanted.length;
  if (json) ctx.write(renderJson({ owned, wanted, notInCatalogue: unknown }));
  else if (total === 0)
    ctx.io.stderr.write(
      `your collection is empty; add to it with memories own RELEASE or memories want RELEASE (it lives in ${escapeLine(ctx.collectionPath)})\n`,
    );
  else {
    if (owned.length + wanted.length > 0) ctx.write(renderCollection(cat, owned, wanted, ctx.out));
    ctx.write(renderUnknownEntries(unknown, ctx.out, owned.length + wanted.length > 0));
  }
  return EXIT.ok;
}

const newestFirst = (a: Viewing, b: Viewing): number => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0);

/** `memories log`: viewings, newest first, and those of works the loaded catalogue does not have. */
export const log = defineCommand(
  'log',
  (command) =>
    withExamples(command.description('List your viewings, newest first').option('--json', 'print them as JSON'), [
      'memories log',
      'memories segments rating:8..',
    ]),
  (_, flags): ListingOptions => ({ json: flags.json === true }),
  runLog,
);

function runLog(ctx: Context, { json }: ListingOptions): number {
  const { catalogue: cat, collection: index } = loadHonestly(ctx);
  const viewings = [...(index?.viewings ?? [])].sort(newestFirst);
  const unknown = [...(index?.unknown.viewings ?? [])].sort(newestFirst);
  if (json) ctx.write(renderJson([...viewings, ...unknown].sort(newestFirst)));
  else if (viewings.length + unknown.length === 0) ctx.io.stderr.write('no viewings logged yet; log one with memories watched WORK\n');
  else {
    if (viewings.length > 0) ctx.write(renderLog(cat, viewings, ctx.out));
    ctx.write(renderUnknownEntries({ viewings: unknown }, ctx.out, viewings.length > 0));
  }
  return EXIT.ok;
}

import type { Catalogue } from '../../catalogue/catalogue';
import type { EditResult, UpdateResult } from '../../catalogue/collection-store';
import type { Collection } from '../../catalogue/collection';
import { renderJson } from '../../render/json';
import { renderCollection, renderLog } from '../../render/collection';
import { renderProblem } from '../../render/problems';
import { escapeLine } from '../../render/escape';
import type { Context } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { resolveOrFail } from './resolve';

/** Resolve REF to a release, or fail with a usage error. */
function releaseId(cat: Catalogue, ref: string): string {
  const t = resolveOrFail(cat, ref);
  const what = t.kind === 'work' ? (t.work.kind === 'anthology' ? 'an anthology' : 'a segment') : 'a person';
  if (t.kind !== 'release') throw usageError(`"${escapeLine(ref)}" is ${what}, not a release; run memories releases to see release ids`);
  return t.id;
}

/** Apply an edit to the collection file and report it; file-system trouble is exit 4, a broken file exit 3. */
function update(ctx: Context, edit: (text: string, collection: Collection) => EditResult): number {
  const heavy = ctx.io.heavy();
  let result: UpdateResult;
  try {
    result = heavy.updateCollection(ctx.collectionPath, edit);
  } catch (e) {
    if (e instanceof Error && e.name === 'CollectionFileError') throw new CliError(e.message, EXIT.files);
    throw e;
  }
  if (result.kind === 'invalid') {
    ctx.io.stderr.write(result.problems.list.map((p) => renderProblem(p, ctx.err)).join(''));
    throw new CliError(`${ctx.collectionPath} has errors (above); fix them and run the command again. Nothing was written`, EXIT.data);
  }
  ctx.io.stderr.write(`${result.message}\n`);
  return EXIT.ok;
}

const added = (ctx: Context, note: string | undefined): Record<string, string> => ({ ...(note ? { note } : {}), added: ctx.today() });

/** `memories own RELEASE [--note]`: add to what you own (and take it off the wishlist). */
export function runOwn(ctx: Context, ref: string, note: string | undefined): number {
  const id = releaseId(ctx.catalogue(), ref);
  const heavy = ctx.io.heavy();
  return update(ctx, (text, collection) => {
    if (collection.owned.some((o) => o.release === id)) return { unchanged: `${id} is already in your collection` };
    let next = heavy.appendListItem(text, 'owned', { release: id, ...added(ctx, note) });
    const wanted = collection.wanted.findIndex((w) => w.release === id);
    if (wanted >= 0) next = heavy.removeListItem(next, 'wanted', wanted);
    return { text: next, message: `added ${id} to your collection${wanted >= 0 ? ' (and took it off your wishlist)' : ''}` };
  });
}

/** `memories unown RELEASE`. */
export function runUnown(ctx: Context, ref: string): number {
  const id = releaseId(ctx.catalogue(), ref);
  const heavy = ctx.io.heavy();
  return update(ctx, (text, collection) => {
    const i = collection.owned.findIndex((o) => o.release === id);
    if (i < 0) return { unchanged: `${id} is not in your collection` };
    return { text: heavy.removeListItem(text, 'owned', i), message: `removed ${id} from your collection` };
  });
}

/** `memories want RELEASE [--note]`: add to the wishlist. */
export function runWant(ctx: Context, ref: string, note: string | undefined): number {
  const id = releaseId(ctx.catalogue(), ref);
  const heavy = ctx.io.heavy();
  return update(ctx, (text, collection) => {
    if (collection.owned.some((o) => o.release === id)) return { unchanged: `${id} is already in your collection` };
    if (collection.wanted.some((w) => w.release === id)) return { unchanged: `${id} is already on your wishlist` };
    return { text: heavy.appendListItem(text, 'wanted', { release: id, ...added(ctx, note) }), message: `added ${id} to your wishlist` };
  });
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** `memories watched WORK [--date] [--rating]`: log a viewing. */
export function runWatched(ctx: Context, ref: string, flags: { date?: string; rating?: string; note?: string }): number {
  const cat = ctx.catalogue();
  const t = resolveOrFail(cat, ref);
  if (t.kind !== 'work') throw usageError(`"${escapeLine(ref)}" is not an anthology or segment; you watch works`);
  const date = flags.date ?? ctx.today();
  if (!DATE.test(date)) throw usageError(`--date must be YYYY, YYYY-MM or YYYY-MM-DD, not "${escapeLine(date)}"`);
  const rating = flags.rating === undefined ? undefined : Number(flags.rating);
  if (rating !== undefined && (!Number.isFinite(rating) || rating < 0 || rating > 10 || !Number.isInteger(rating * 2))) {
    throw usageError(`--rating must be from 0 to 10 in half points (7, 8.5), not "${escapeLine(flags.rating ?? '')}"`);
  }
  const heavy = ctx.io.heavy();
  return update(ctx, (text) => ({
    text: heavy.appendListItem(text, 'viewings', { work: t.id, date, ...(rating === undefined ? {} : { rating }), ...(flags.note ? { note: flags.note } : {}) }),
    message: `logged a viewing of ${t.id} on ${date}${rating === undefined ? '' : `, rated ${rating}/10`}`,
  }));
}

/** `memories collection`: what you own and what you want. */
export function runCollection(ctx: Context, json: boolean): number {
  const cat = ctx.catalogue();
  const index = cat.collection;
  const owned = [...(index?.owned.values() ?? [])];
  const wanted = [...(index?.wanted.values() ?? [])];
  if (json) ctx.write(renderJson({ owned, wanted }));
  else if (owned.length + wanted.length === 0) ctx.io.stderr.write(`your collection is empty; add to it with memories own RELEASE or memories want RELEASE (it lives in ${ctx.collectionPath})\n`);
  else ctx.write(renderCollection(cat, owned, wanted, ctx.out));
  return EXIT.ok;
}

/** `memories log`: viewings, newest first. */
export function runLog(ctx: Context, json: boolean): number {
  const cat = ctx.catalogue();
  const viewings = [...(cat.collection?.viewings ?? [])].sort((a, b) => ((a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0));
  if (json) ctx.write(renderJson(viewings));
  else if (viewings.length === 0) ctx.io.stderr.write('no viewings logged yet; log one with memories watched WORK\n');
  else ctx.write(renderLog(cat, viewings, ctx.out));
  return EXIT.ok;
}

import type { Edit, Entry } from '../source/collection-edit';
import type { Collection, CollectionItem } from './collection';

/**
 * What each collection command changes, decided from the collection as it is read under the
 * lock: the edits, and one line for the user per id. Pure: no file is touched here.
 */

/** The edits and what to tell the user; no edits means nothing changes. */
export interface Plan {
  edits: Edit[];
  messages: string[];
}

const indexesOf = (list: readonly CollectionItem[], id: string): number[] => list.flatMap((item, i) => (item.release === id ? [i] : []));

const newItem = (id: string, note: string | undefined, today: string): Entry => ({
  release: id,
  ...(note === undefined ? {} : { note }),
  added: today,
});

/** `own`: add each release, or change its note when it is owned already; a wanted one comes off the wishlist. */
export function planOwn(collection: Collection, ids: readonly string[], note: string | undefined, today: string): Plan {
  const plan: Plan = { edits: [], messages: [] };
  for (const id of new Set(ids)) {
    const [owned] = indexesOf(collection.owned, id);
    if (owned !== undefined) {
      if (note !== undefined && collection.owned[owned]!.note !== note) {
        plan.edits.push({ op: 'set', list: 'owned', index: owned, field: 'note', value: note });
        plan.messages.push(`changed the note on ${id}`);
      } else plan.messages.push(`${id} is already in your collection`);
      continue;
    }
    const wanted = indexesOf(collection.wanted, id);
    plan.edits.push(
      { op: 'add', list: 'owned', entry: newItem(id, note, today) },
      ...wanted.map((index): Edit => ({ op: 'remove', list: 'wanted', index })),
    );
    plan.messages.push(`added ${id} to your collection${wanted.length > 0 ? ' (and took it off your wishlist)' : ''}`);
  }
  return plan;
}

/** `want`: add each release to the wishlist, or change its note there; an owned one is left alone. */
export function planWant(collection: Collection, ids: readonly string[], note: string | undefined, today: string): Plan {
  const plan: Plan = { edits: [], messages: [] };
  for (const id of new Set(ids)) {
    const [wanted] = indexesOf(collection.wanted, id);
    if (indexesOf(collection.owned, id).length > 0) plan.messages.push(`${id} is already in your collection`);
    else if (wanted === undefined) {
      plan.edits.push({ op: 'add', list: 'wanted', entry: newItem(id, note, today) });
      plan.messages.push(`added ${id} to your wishlist`);
    } else if (note !== undefined && collection.wanted[wanted]!.note !== note) {
      plan.edits.push({ op: 'set', list: 'wanted', index: wanted, field: 'note', value: note });
      plan.messages.push(`changed the note on ${id}`);
    } else plan.messages.push(`${id} is already on your wishlist`);
  }
  return plan;
}

/** `unown` and `unwant`: remove each release (every entry of it) from the list. */
export function planRemove(collection: Collection, list: 'owned' | 'wanted', ids: readonly string[]): Plan {
  const plan: Plan = { edits: [], messages: [] };
  const [from, absent] = list === 'owned' ? ['your collection', 'is not in your collection'] : ['your wishlist', 'is not on your wishlist'];
  for (const id of new Set(ids)) {
    const found = indexesOf(collection[list], id);
    plan.edits.push(...found.map((index): Edit => ({ op: 'remove', list, index })));
    plan.messages.push(found.length > 0 ? `removed ${id} from ${from}` : `${id} ${absent}`);
  }
  return plan;
}

/** What `watched` logs. */
interface NewViewing {
  work: string;
  date: string;
  rating?: number | undefined;
  note?: string | undefined;
}

/** `watched`: log one viewing. */
export function planWatched(viewing: NewViewing): Plan {
  const entry: Entry = { work: viewing.work, date: viewing.date };
  if (viewing.rating !== undefined) entry.rating = viewing.rating;
  if (viewing.note !== undefined) entry.note = viewing.note;
  const rated = viewing.rating === undefined ? '' : `, rated ${viewing.rating}/10`;
  return { edits: [{ op: 'add', list: 'viewings', entry }], messages: [`logged a viewing of ${viewing.work} on ${viewing.date}${rated}`] };
}

/**
 * `unwatch`: remove the latest viewing of a work (undated ones count as oldest; of equal dates,
 * the one written last), or the latest on `date`.
 */
export function planUnwatch(collection: Collection, work: string, date: string | undefined): Plan {
  let pick: number | undefined;
  collection.viewings.forEach((v, i) => {
    if (v.work !== work || (date !== undefined && v.date !== date)) return;
    if (pick === undefined || (v.date ?? '') >= (collection.viewings[pick]!.date ?? '')) pick = i;
  });
  if (pick === undefined) return { edits: [], messages: [`no viewing of ${work}${date === undefined ? '' : ` on ${date}`} is logged`] };
  const when = collection.viewings[pick]!.date;
  return {
    edits: [{ op: 'remove', list: 'viewings', index: pick }],
    messages: [`removed the viewing of ${work}${when === undefined ? '' : ` on ${when}`}`],
  };
}

import { editDocument, editText, orderEdits } from '../source/collection-edit';
import type { Edit, Entry } from '../source/collection-edit';
import { parseSource } from '../source/parse';
import type { SourceFile } from '../source/parse';
import { fileStart, Problems } from '../source/problem';
import { CollectionFileError, encodeText, readCollectionText, withCollectionLock, writeCollectionText } from '../store/collection-file';
import type { ReadFile } from '../store/collection-file';
import type { LockOptions } from '../store/lock';
import { emptyCollection } from './collection';
import type { Plan } from './collection-plan';
import type { Collection } from './collection';
import { decodeDocument } from './decode';
import { collectionTopLevel } from './schema';

/** The collection as loaded: decoded records and their problems. */
interface LoadedCollection {
  collection: Collection;
  problems: Problems;
}

const HEADER = `# Your memories collection: what you own, what you want, what you watched.
# memories edits this file in place and keeps your comments; see docs/data-format.md.
`;

/** Decode a parsed collection file; every record is checked like data, with positions. */
function decodeCollection(source: SourceFile, problems: Problems): Collection {
  return decodeDocument(source, problems, collectionTopLevel, 'a collection file').records;
}

/** Read and decode the collection file; a missing file is an empty collection. */
export function loadCollection(path: string): LoadedCollection {
  const problems = new Problems();
  let read: ReadFile | undefined;
  try {
    read = readCollectionText(path, problems);
  } catch (e) {
    // A collection that cannot be read (a FIFO in its place, say) is its problem, not every command's.
    if (!(e instanceof CollectionFileError)) throw e;
    problems.error(fileStart(path), e.message);
  }
  const source = read?.exists ? parseSource(path, read.text, problems) : undefined;
  return { collection: source ? decodeCollection(source, problems) : emptyCollection(), problems };
}

export type UpdateResult =
  { kind: 'written' | 'unchanged'; messages: string[] } | { kind: 'invalid'; problems: Problems } | { kind: 'refused'; message: string };

type Lists = Record<'owned' | 'wanted' | 'viewings', Entry[]>;

/** The collection's content, positions left out, each entry's keys in one order: what an edit must keep or change. */
function contentOf(collection: Record<keyof Lists, readonly object[]>): string {
  const entries = (list: readonly object[]): Entry[] =>
    list.map((item) =>
      Object.fromEntries(
        Object.entries(item)
          .filter(([k, v]) => k !== 'at' && v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    );
  return JSON.stringify({ owned: entries(collection.owned), wanted: entries(collection.wanted), viewings: entries(collection.viewings) });
}

/** The collection as it must read after the edits. */
function expectedAfter(collection: Collection, edits: readonly Edit[]): string {
  const lists: Lists = JSON.parse(contentOf(collection)) as Lists;
  for (const edit of orderEdits(edits)) {
    const list = lists[edit.list as keyof Lists];
    if (edit.op === 'add') list.push(edit.entry);
    else if (edit.op === 'remove') list.splice(edit.index, 1);
    else list[edit.index] = { ...list[edit.index], [edit.field]: edit.value };
  }
  return contentOf(lists);
}

/**
 * The first way of making the edits whose result decodes, with no error, to exactly the
 * expected collection: on the text, else through the Document API. Undefined when neither does.
 */
function faithfulEdit(path: string, read: ReadFile, text: string, edits: Edit[], expected: string): string | undefined {
  for (const edit of [editText, editDocument]) {
    let candidate: string | undefined;
    try {
      candidate = edit(text, edits);
    } catch {
      continue;
    }
    if (candidate === undefined) continue;
    const problems = new Problems();
    // Checked as it will be on disk, line ends and all (the decoder drops a byte order mark itself).
    const source = parseSource(path, encodeText(candidate, { ...read.format, bom: false }), problems);
    const after = source && decodeCollection(source, problems);
    if (after && problems.errorCount === 0 && contentOf(after) === expected) return candidate;
  }
  return undefined;
}

/**
 * Change the collection file under its lock: read it, refuse if it has errors, let `plan`
 * decide the edits from the decoded collection, make them, check the result holds exactly
 * the change, and write it atomically unless the file changed on disk meanwhile. The first
 * use creates the file.
 */
export function updateCollection(path: string, plan: (collection: Collection) => Plan, options?: LockOptions): UpdateResult {
  return withCollectionLock(
    path,
    (): UpdateResult => {
      const problems = new Problems();
      const read = readCollectionText(path, problems);
      const source = read && parseSource(path, read.exists ? read.text : HEADER, problems);
      const collection = source ? decodeCollection(source, problems) : emptyCollection();
      if (!read || !source || problems.errorCount > 0) return { kind: 'invalid', problems };
      const { edits, messages } = plan(collection);
      if (edits.length === 0) return { kind: 'unchanged', messages };
      const text = faithfulEdit(path, read, source.text, edits, expectedAfter(collection, edits));
      if (text === undefined) {
        return {
          kind: 'refused',
          message: `${path} is written in a form memories cannot change without changing other entries (an anchor or alias used elsewhere, say); nothing was written. Make the change by hand`,
        };
      }
      writeCollectionText(path, text, read);
      return { kind: 'written', messages };
    },
    options,
  );
}

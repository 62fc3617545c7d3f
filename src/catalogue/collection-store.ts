import { readCollectionText, withLock, writeCollectionText } from '../source/collection-file';
import { parseSource } from '../source/parse';
import type { SourceFile } from '../source/parse';
import { Problems } from '../source/problem';
import { emptyCollection } from './collection';
import { decodeDocument } from './decode';
import { collectionTopLevel } from './schema';
import type { Collection } from './collection';

/** The collection as loaded: decoded records, their problems, and whether the file exists. */
export interface LoadedCollection {
  collection: Collection;
  problems: Problems;
  exists: boolean;
}

const HEADER = `# Your memories collection: what you own, what you want, what you watched.
# memories edits this file in place and keeps your comments; see docs/data-format.md.
`;

/** Decode a parsed collection file; every record is checked like data, with positions. */
function decodeCollection(source: SourceFile, problems: Problems): Collection {
  return decodeDocument(source, problems, collectionTopLevel, 'a collection file') as unknown as Collection;
}

/** Read and decode the collection file; a missing file is an empty collection. */
export function loadCollection(path: string): LoadedCollection {
  const problems = new Problems();
  const read = readCollectionText(path);
  if (!read.exists) return { collection: emptyCollection(), problems, exists: false };
  const source = parseSource(path, read.text, problems);
  return { collection: source ? decodeCollection(source, problems) : emptyCollection(), problems, exists: true };
}

/** What an edit decides: new text to write, or a reason nothing changes. */
export type EditResult = { text: string; message: string } | { unchanged: string };

export type UpdateResult = { kind: 'written'; message: string } | { kind: 'unchanged'; message: string } | { kind: 'invalid'; problems: Problems };

/**
 * Change the collection file under its lock: read it, refuse if it has errors, let `edit`
 * produce the new text from the parsed file, check that text still decodes cleanly, and write
 * it atomically unless the file changed on disk meanwhile. The first use creates the file.
 */
export function updateCollection(path: string, edit: (text: string, collection: Collection) => EditResult): UpdateResult {
  return withLock(path, () => {
    const read = readCollectionText(path);
    const problems = new Problems();
    const source = parseSource(path, read.exists ? read.text : HEADER, problems);
    const collection = source ? decodeCollection(source, problems) : emptyCollection();
    if (!source || problems.errorCount > 0) return { kind: 'invalid', problems };
    const result = edit(source.text, collection);
    if ('unchanged' in result) return { kind: 'unchanged', message: result.unchanged };
    const check = new Problems();
    const after = parseSource(path, result.text, check);
    if (after) decodeCollection(after, check);
    if (!after || check.errorCount > 0) throw new Error(`an edit of ${path} produced invalid YAML: ${check.list[0]?.message ?? ''}`);
    writeCollectionText(path, result.text, read);
    return { kind: 'written', message: result.message };
  });
}

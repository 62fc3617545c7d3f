import { listDataFiles } from '../source/files';
import { Problems } from '../source/problem';
import type { Store } from '../store/store';
import { buildCatalogue } from './catalogue';
import type { Catalogue } from './catalogue';
import type { ParseFile } from './parse-file';
import type { RecordsByKind } from './types';
import type { FolderCache } from '../store/folder-cache';
import { isObject } from '../store/check';

const KINDS = ['anthologies', 'staff', 'releases', 'reviews'] as const;

/**
 * Whether a value read back from a folder cache is what decodeFile returns: every kind a list
 * of records, each with an id and a position. The cache's digest finds damage; this finds a
 * cache of another shape.
 */
export function isRecordsByKind(v: unknown): v is RecordsByKind {
  return isRecords(v, true) && (v.rejected === undefined || isRecords(v.rejected, false));
}

/** Every kind a list of records with a position, and an id unless they may be partial (rejected). */
function isRecords(v: unknown, whole: boolean): v is RecordsByKind {
  return (
    isObject(v) &&
    KINDS.every((kind) => {
      const list = v[kind];
      return (
        Array.isArray(list) &&
        list.every((r) => isObject(r) && (!whole || typeof r.id === 'string') && isObject(r.at) && typeof r.at.file === 'string')
      );
    })
  );
}

export interface LoadResult {
  catalogue: Catalogue;
  problems: Problems;
  fileCount: number;
}

interface LoadOptions {
  /** How to parse a file that is not cached; the CLI passes a lazily loaded parser. */
  parse: ParseFile;
  /** How to list a folder's data files, if not by listDataFiles itself (the CLI lists each folder once a run). */
  list?: typeof listDataFiles;
  /** Where decoded files are kept between runs, if they are. */
  store?: Store;
  /** Told after each file that had to be parsed: how many of this folder's files are done. */
  progress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Load every data file of every folder, in the order given, into one catalogue. Never throws
 * for bad data: problems come back in the result. A folder that does not exist throws
 * MissingFolderError, since the user named it and nothing sensible can stand in for it.
 */
export function loadCatalogue(folders: readonly string[], options: LoadOptions): LoadResult {
  const problems = new Problems();
  const parts: RecordsByKind[] = [];
  let fileCount = 0;
  for (const folder of folders) {
    const files = (options.list ?? listDataFiles)(folder, problems);
    const read = (cache: FolderCache<RecordsByKind> | undefined, now: number): void => {
      for (const [i, file] of files.entries()) {
        fileCount++;
        const hit = cache?.get(file);
        if (hit) {
          problems.list.push(...hit.problems);
          parts.push(hit.records);
          continue;
        }
        const own = new Problems();
        const records = options.parse(file, own);
        problems.list.push(...own.list);
        parts.push(records);
        cache?.set(file, records, own.list, now);
        options.progress?.(i + 1, files.length);
      }
      cache?.keepOnly(files);
    };
    if (options.store) options.store.withFolderCache(folder, files, isRecordsByKind, read);
    else read(undefined, 0);
  }
  return { catalogue: buildCatalogue(parts, problems), problems, fileCount };
}

import { listDataFiles } from '../source/files';
import { Problems } from '../source/problem';
import { FolderCache } from './cache';
import { buildCatalogue } from './catalogue';
import type { Catalogue } from './catalogue';
import type { ParseFile } from './parse-file';
import type { RecordsByKind } from './types';

export interface LoadResult {
  catalogue: Catalogue;
  problems: Problems;
  fileCount: number;
}

export interface LoadOptions {
  /** How to parse a file that is not cached; the CLI passes a lazily loaded parser. */
  parse: ParseFile;
  /** Where each folder's cache lives, if caching is wanted. */
  cachePath?: (folder: string) => string;
  /** Told after each file that had to be parsed: how many of this folder's files are done. */
  progress?: (done: number, total: number) => void;
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
    const files = listDataFiles(folder, problems);
    const cache = options.cachePath ? FolderCache.open(options.cachePath(folder), folder) : undefined;
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
      cache?.set(file, records, own.list);
      options.progress?.(i + 1, files.length);
    }
    cache?.keepOnly(files);
    cache?.save();
  }
  return { catalogue: buildCatalogue(parts, problems), problems, fileCount };
}

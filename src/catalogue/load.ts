import { Problems } from '../source/problem';
import { listDataFiles, readSourceFile } from '../source/read';
import { buildCatalogue } from './catalogue';
import type { Catalogue } from './catalogue';
import { decodeFile } from './decode';
import type { RecordsByKind } from './types';

export interface LoadResult {
  catalogue: Catalogue;
  problems: Problems;
  fileCount: number;
}

/**
 * Load every data file of every folder, in the order given, into one catalogue. Never throws
 * for bad data: problems come back in the result. A folder that does not exist throws
 * MissingFolderError, since the user named it and nothing sensible can stand in for it.
 */
export function loadCatalogue(folders: readonly string[]): LoadResult {
  const problems = new Problems();
  const parts: RecordsByKind[] = [];
  let fileCount = 0;
  for (const folder of folders) {
    for (const file of listDataFiles(folder, problems)) {
      fileCount++;
      const source = readSourceFile(file, problems);
      if (source) parts.push(decodeFile(source, problems));
    }
  }
  return { catalogue: buildCatalogue(parts, problems), problems, fileCount };
}

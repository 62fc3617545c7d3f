import type { FoundFile } from '../source/files';
import { readSourceFile } from '../source/parse';
import type { Problems } from '../source/problem';
import { decodeFile } from './decode';
import type { RecordsByKind } from './types';

/**
 * Read, parse and decode one data file. This is the only way into the yaml package, so the
 * build puts it in a bundle of its own that is loaded only when a file must really be parsed.
 */
export function parseFile(file: FoundFile, problems: Problems): RecordsByKind {
  const source = readSourceFile(file, problems);
  return source ? decodeFile(source, problems) : { anthologies: [], staff: [], releases: [], reviews: [] };
}

export type ParseFile = typeof parseFile;

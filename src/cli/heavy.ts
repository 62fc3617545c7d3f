/**
 * Everything that needs the yaml package or writes files. The build bundles this module apart
 * (dist/parse.cjs) and the entry loads it on first use, so runs that only read cached data
 * never pay for it.
 */
export { parseFile } from '../catalogue/parse-file';
export { loadCollection, updateCollection } from '../catalogue/collection-store';
export { CollectionFileError } from '../store/collection-file';

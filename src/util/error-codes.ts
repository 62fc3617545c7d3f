/**
 * The `code` of the collection file's errors (store/collection-file.ts). The CLI's bundle and
 * the lazily loaded one each have a copy of that class, so the CLI knows them by this code,
 * which either copy carries; a leaf module, so that knowing it loads nothing else.
 */
export const COLLECTION_FILE_ERROR = 'MEMORIES_COLLECTION_FILE';

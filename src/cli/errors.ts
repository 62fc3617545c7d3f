import { COLLECTION_FILE_ERROR } from '../util/error-codes';

/** The documented exit codes; README.md lists them. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  data: 3,
  files: 4,
} as const;

/** A failure the user can act on: its message is printed as is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Whether `e` is one of the collection file's errors (store/collection-file.ts): exit 4. They
 * are thrown by the lazily loaded bundle, which has a copy of the class of its own, so they
 * are known by their `code`; main() maps them to their exit code, as it maps every other.
 */
export function isCollectionFileError(e: unknown): e is Error {
  return e instanceof Error && 'code' in e && e.code === COLLECTION_FILE_ERROR;
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

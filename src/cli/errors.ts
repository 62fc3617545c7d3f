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

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}

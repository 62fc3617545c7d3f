/**
 * The one place below src/cli/ that reads the process, and why: a lock and a temporary file
 * must name the process that owns them, and only the kernel can say whether that process
 * still runs, so that a later run can take over what a killed one left. Nothing else of the
 * process (environment, streams, exit) is touched here.
 */

/* eslint-disable no-restricted-globals -- see above */

/** This process's id. */
export const OWN_PID: number = process.pid;

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** Whether a process with this id runs (one we may not signal still runs). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

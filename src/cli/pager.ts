import type * as ChildProcess from 'node:child_process';
import type { Io } from './io';

// While a pager has the terminal, Ctrl-C belongs to it (less uses it to stop a search): we
// ignore it and wait for the pager to exit.
const ignore = (): void => undefined;

/**
 * Run the pager through the shell (so "less -S" works) with the text on its stdin. Quitting
 * early closes the pipe, which is normal. A pager that cannot start (exit 127 from the shell,
 * or a spawn error) reports 'failed' so the text is printed instead of lost.
 */
export function runPager(command: string, text: string, env: Io['env']): Promise<'shown' | 'failed'> {
  return new Promise((resolve) => {
    process.on('SIGINT', ignore);
    // Loaded only to page: it is a few milliseconds of a start-up that mostly does not need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require keeps it out of start-up
    const { spawn } = require('node:child_process') as typeof ChildProcess;
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'], env: env });
    const done = (result: 'shown' | 'failed'): void => {
      process.off('SIGINT', ignore);
      resolve(result);
    };
    child.on('error', () => done('failed'));
    child.on('close', (code) => done(code === 126 || code === 127 ? 'failed' : 'shown'));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

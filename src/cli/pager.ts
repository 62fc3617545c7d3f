import { spawn } from 'node:child_process';
import type { Io } from './io';

let paging = false;

/** True while a pager has the terminal: Ctrl-C then belongs to the pager, not to us. */
export function isPaging(): boolean {
  return paging;
}

/**
 * Run the pager through the shell (so "less -S" works) with the text on its stdin. Quitting
 * early closes the pipe, which is normal. A pager that cannot start (exit 127 from the shell,
 * or a spawn error) reports 'failed' so the text is printed instead of lost.
 */
export function runPager(command: string, text: string, env: Io['env']): Promise<'shown' | 'failed'> {
  return new Promise((resolve) => {
    paging = true;
    const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'inherit', 'inherit'], env: env as NodeJS.ProcessEnv });
    const done = (result: 'shown' | 'failed'): void => {
      paging = false;
      resolve(result);
    };
    child.on('error', () => done('failed'));
    child.on('close', (code) => done(code === 126 || code === 127 ? 'failed' : 'shown'));
    child.stdin.on('error', () => undefined);
    child.stdin.end(text);
  });
}

import type { View } from '../render/view';
import type { ColorWhen, Io } from './io';
import { decideView } from './io';

/** Where a command's output goes: stdout, held for the pager on a terminal, and how each stream is viewed. */
export interface Output {
  out: View;
  err: View;
  /** Write to stdout; on a terminal the text is held until finish() so that it can be paged. */
  write(text: string): void;
  /** Deliver what write() held: through the pager when it is longer than the screen. */
  finish(): Promise<void>;
}

/**
 * The pager to use, or undefined for none: MEMORIES_PAGER, then PAGER, then less. An empty
 * value or "cat" means no pager.
 */
function pagerCommand(env: Io['env']): string | undefined {
  const command = (env.MEMORIES_PAGER ?? env.PAGER ?? 'less').trim();
  return command === '' || command === 'cat' ? undefined : command;
}

export function createOutput(io: Io, options: { color: ColorWhen; pager: boolean }): Output {
  // A real terminal only (not MEMORIES_FORCE_TTY), and never TERM=dumb, where less cannot run.
  const pager = options.pager && io.stdout.isTTY && io.env.TERM !== 'dumb' && io.page ? pagerCommand(io.env) : undefined;
  let held = '';
  return {
    out: decideView(io.stdout, io.env, options.color),
    err: decideView(io.stderr, io.env, options.color),
    write(text) {
      if (pager) held += text;
      else io.stdout.write(text);
    },
    async finish() {
      const text = held;
      held = '';
      if (text === '') return;
      const rows = io.stdout.rows ?? Infinity;
      // One screen or less needs no pager; "less -F" would quit at once anyway.
      if (pager && io.page && text.split('\n').length > rows - 1) {
        const env = io.env.LESS === undefined ? { ...io.env, LESS: 'FRX' } : io.env;
        if ((await io.page(pager, text, env)) === 'shown') return;
      }
      io.stdout.write(text);
    },
  };
}

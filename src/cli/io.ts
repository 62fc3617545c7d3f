import type * as ChalkModule from 'chalk';
import { PLAIN } from '../render/view';
import type { View } from '../render/view';
import type { StoreOptions } from '../store/store';
import type * as HeavyModule from './heavy';

export type Heavy = typeof HeavyModule;

/** One output stream as the CLI sees it; tests pass fakes, the entry passes process streams. */
export interface OutStream {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
  rows?: number;
}

/**
 * What this installation of memories is: where its bundled data lies, its lazily loaded
 * parts, and what it keeps between runs. The entry point knows; tests pass their own.
 */
export interface Install {
  /** The bundled data folder. */
  bundledData: string;
  /** The parts that need yaml or write files (./heavy.ts); the entry loads them on first use. */
  heavy: () => Heavy;
  /** What runs keep between runs (src/store/): caches and search indexes; nothing when undefined. */
  store?: StoreOptions;
}

/** Everything a run may touch of the outside world: streams, environment, clock, pager. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Readonly<Record<string, string | undefined>>;
  /** All of standard input, for commands given "-" as an argument. */
  readStdin?(): string;
  /** Today, for default dates; tests fix it. */
  now(): Date;
  /** How long a writer waits for the collection's lock before giving up (store/lock.ts); tests shorten it. */
  lockWaitMs?: number;
  /** Show text through a pager command; 'failed' when it could not run, so the caller prints it. */
  page?(command: string, text: string, env: Io['env']): Promise<'shown' | 'failed'>;
}

export type ColorWhen = 'auto' | 'always' | 'never';

/**
 * Colour level for a stream, by convention: --color=never/always first, then NO_COLOR (any
 * non-empty value), then FORCE_COLOR (0 to 3; empty or "true" means 1), then TERM=dumb and
 * whether the stream is a terminal at all.
 */
function colorLevel(stream: OutStream, env: Io['env'], when: ColorWhen): 0 | 1 | 2 | 3 {
  if (when === 'never') return 0;
  const depth = (): 1 | 2 | 3 => (/^(truecolor|24bit)$/i.test(env.COLORTERM ?? '') ? 3 : /256/.test(env.TERM ?? '') ? 2 : 1);
  if (when === 'always') return depth();
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const n = Number(force);
    if (n === 0 || n === 1 || n === 2 || n === 3) return n;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  return depth();
}

/** Columns: the stream's own, then COLUMNS, then 80. */
function streamWidth(stream: OutStream, env: Io['env']): number {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 80;
}

/**
 * MEMORIES_FORCE_TTY, like gh's GH_FORCE_TTY: the terminal layout and colour in a pipe (for
 * less -R, fzf --ansi or watch), at the width it gives, or 80 for "1" or any other value.
 */
function forcedWidth(env: Io['env']): number | undefined {
  const value = env.MEMORIES_FORCE_TTY;
  if (value === undefined || value === '' || value === '0') return undefined;
  const width = Number(value);
  return Number.isInteger(width) && width > 1 ? width : 80;
}

/** The one decision about a stream that every renderer receives. */
export function decideView(stream: OutStream, env: Io['env'], when: ColorWhen): View {
  const forced = forcedWidth(env);
  if (forced !== undefined && !stream.isTTY) stream = { ...stream, isTTY: true, columns: forced };
  const level = colorLevel(stream, env, when);
  // chalk is loaded only to colour: setting it up costs about 3 ms, which a pipe need not pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require keeps it out of start-up
  const color = level === 0 ? PLAIN : new (require('chalk') as typeof ChalkModule).Chalk({ level });
  return { tty: stream.isTTY, width: streamWidth(stream, env), color };
}

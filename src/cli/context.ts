import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue';
import { attachCollection } from '../catalogue/collection';
import { loadCatalogue } from '../catalogue/load';
import type { LoadResult } from '../catalogue/load';
import { escapeLine } from '../render/escape';
import { renderLoadWarnings } from '../render/problems';
import type { View } from '../render/view';
import { MissingFolderError } from '../source/files';
import { CliError, EXIT, usageError } from './errors';
import type { ColorWhen, Io } from './io';
import { decideView } from './io';

/** Options every command shares, from the top-level flags. */
export interface GlobalOptions {
  data: string[];
  bundled: boolean;
  color: ColorWhen;
  pager: boolean;
}

/** What a command's run function receives: streams, the view of each, and the data folders. */
export interface Context {
  io: Io;
  out: View;
  err: View;
  folders: string[];
  /** Load the catalogue and the user's collection, printing a bounded list of problems to stderr; once per run. */
  catalogue(): Catalogue;
  /** The user's collection file: MEMORIES_COLLECTION, else $XDG_DATA_HOME/memories/collection.yaml. */
  collectionPath: string;
  /** Today as YYYY-MM-DD, in local time. */
  today(): string;
  /** Load the data folders and the collection, problems included, printing nothing. */
  load(folders?: string[]): LoadResult;
  /** Write to stdout; on a terminal the text is held until finish() so that it can be paged. */
  write(text: string): void;
  /** Deliver what write() held: through the pager when it is longer than the screen. */
  finish(): Promise<void>;
}

/**
 * The pager to use, or undefined for none: MEMORIES_PAGER, then PAGER, then less. An empty
 * value or "cat" means no pager.
 */
export function pagerCommand(env: Io['env']): string | undefined {
  const command = (env.MEMORIES_PAGER ?? env.PAGER ?? 'less').trim();
  return command === '' || command === 'cat' ? undefined : command;
}

/**
 * "reading data: 37/101 files" on a terminal's stderr while files are parsed, from the moment a
 * load has taken half a second (a warm or small load shows nothing), cleared when it ends.
 */
function progressLine(io: Io): { update(done: number, total: number): void; done(): void } {
  const started = io.now().getTime();
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = io.now().getTime();
      if (now - started < 500 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\rreading data: ${done}/${total} files`);
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** Parse the shared flags into options; a bad --color value is a usage error. */
export function globalOptions(flags: Record<string, unknown>): GlobalOptions {
  const color = String(flags.color ?? 'auto');
  if (color !== 'auto' && color !== 'always' && color !== 'never') {
    throw usageError(`--color must be auto, always or never, not "${escapeLine(color)}"`);
  }
  return { data: (flags.data as string[] | undefined) ?? [], bundled: flags.bundled !== false, color, pager: flags.pager !== false };
}

/** Folders in load order: bundled, then each --data, then each entry of MEMORIES_DATA. */
export function dataFolders(io: Io, options: GlobalOptions): string[] {
  const fromEnv = (io.env.MEMORIES_DATA ?? '').split(':').filter((f) => f !== '');
  return [...(options.bundled ? [io.bundledData] : []), ...options.data, ...fromEnv];
}

export function createContext(io: Io, options: GlobalOptions): Context {
  const folders = dataFolders(io, options);
  const collectionPath = io.env.MEMORIES_COLLECTION || join(io.env.XDG_DATA_HOME || join(io.env.HOME || homedir(), '.local', 'share'), 'memories', 'collection.yaml');
  const err = decideView(io.stderr, io.env, options.color);
  let loaded: Catalogue | undefined;
  const load = (which = folders): LoadResult => {
    try {
      const progress = io.stderr.isTTY ? progressLine(io) : undefined;
      let result: LoadResult;
      try {
        result = loadCatalogue(which, { parse: (file, problems) => io.heavy().parseFile(file, problems), cachePath: io.cachePath, progress: progress?.update });
      } finally {
        progress?.done();
      }
      // The collection needs yaml, so it is read only when there is one.
      if (existsSync(collectionPath)) {
        const mine = io.heavy().loadCollection(collectionPath);
        result.problems.list.push(...mine.problems.list);
        attachCollection(result.catalogue, mine.collection, result.problems);
        result.fileCount++;
      }
      return result;
    } catch (e) {
      if (e instanceof MissingFolderError) {
        throw new CliError(`${e.message}; check the path (given with --data, MEMORIES_DATA or to validate)`, EXIT.files);
      }
      // Thrown by the lazily loaded bundle, so recognised by name rather than by class.
      if (e instanceof Error && e.name === 'CollectionFileError') throw new CliError(e.message, EXIT.files);
      throw e;
    }
  };
  const out = decideView(io.stdout, io.env, options.color);
  const pager = options.pager && out.tty && io.page ? pagerCommand(io.env) : undefined;
  let held = '';
  return {
    io,
    out,
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
    err,
    folders,
    load,
    collectionPath,
    today() {
      const d = io.now();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
    catalogue() {
      if (loaded) return loaded;
      const result = load();
      if (result.problems.list.length > 0) io.stderr.write(renderLoadWarnings(result.problems.list, err));
      loaded = result.catalogue;
      return loaded;
    },
  };
}

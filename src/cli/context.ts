import type { Catalogue } from '../catalogue/catalogue';
import { loadCatalogue } from '../catalogue/load';
import type { LoadResult } from '../catalogue/load';
import { renderLoadWarnings } from '../render/problems';
import type { View } from '../render/view';
import { MissingFolderError } from '../source/read';
import { CliError, EXIT, usageError } from './errors';
import type { ColorWhen, Io } from './io';
import { decideView } from './io';

/** Options every command shares, from the top-level flags. */
export interface GlobalOptions {
  data: string[];
  bundled: boolean;
  color: ColorWhen;
}

/** What a command's run function receives: streams, the view of each, and the data folders. */
export interface Context {
  io: Io;
  out: View;
  err: View;
  folders: string[];
  /** Load the catalogue, printing a bounded list of problems to stderr; once per run. */
  catalogue(): Catalogue;
  /** Load and return everything, problems included, printing nothing. */
  load(folders?: string[]): LoadResult;
}

/** Parse the shared flags into options; a bad --color value is a usage error. */
export function globalOptions(flags: Record<string, unknown>): GlobalOptions {
  const color = String(flags.color ?? 'auto');
  if (color !== 'auto' && color !== 'always' && color !== 'never') {
    throw usageError(`--color must be auto, always or never, not "${color}"`);
  }
  return { data: (flags.data as string[] | undefined) ?? [], bundled: flags.bundled !== false, color };
}

/** Folders in load order: bundled, then each --data, then each entry of MEMORIES_DATA. */
export function dataFolders(io: Io, options: GlobalOptions): string[] {
  const fromEnv = (io.env.MEMORIES_DATA ?? '').split(':').filter((f) => f !== '');
  return [...(options.bundled ? [io.bundledData] : []), ...options.data, ...fromEnv];
}

export function createContext(io: Io, options: GlobalOptions): Context {
  const folders = dataFolders(io, options);
  const err = decideView(io.stderr, io.env, options.color);
  let loaded: Catalogue | undefined;
  const load = (which = folders): LoadResult => {
    try {
      return loadCatalogue(which);
    } catch (e) {
      if (e instanceof MissingFolderError) {
        throw new CliError(`${e.message}; check the path given with --data or MEMORIES_DATA`, EXIT.files);
      }
      throw e;
    }
  };
  return {
    io,
    out: decideView(io.stdout, io.env, options.color),
    err,
    folders,
    load,
    catalogue() {
      if (loaded) return loaded;
      const result = load();
      if (result.problems.list.length > 0) io.stderr.write(renderLoadWarnings(result.problems.list, err));
      loaded = result.catalogue;
      return loaded;
    },
  };
}

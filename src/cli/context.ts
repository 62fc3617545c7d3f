import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import type { Catalogue } from '../catalogue/catalogue';
import { indexCollection, isCollection } from '../catalogue/collection';
import type { CollectionIndex, KnownIds } from '../catalogue/collection';
import { loadCatalogue } from '../catalogue/load';
import type { LoadResult } from '../catalogue/load';
import { QueryError } from '../query/parse';
import { indexSections, liveIndex, storedIds, storedIndex } from '../query/search-index';
import type { SearchIndex, SearchSpec } from '../query/search-index';
import { storedViews, viewSections } from '../query/views';
import type { StoredViews, ViewsSpec } from '../query/views';
import { escapeLine } from '../render/escape';
import { renderLoadWarnings } from '../render/problems';
import type { View } from '../render/view';
import { listDataFiles, MissingFolderError } from '../source/files';
import type { Problem } from '../source/problem';
import { Problems } from '../source/problem';
import { storePaths } from '../store/paths';
import type { Stamp } from '../store/stamp';
import { Store } from '../store/store';
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
  /**
   * Load the catalogue and the user's collection, printing a bounded list of problems to
   * stderr; once per run. The commands that change the collection read it themselves, under
   * its lock, and load the catalogue without it (`collection: false`).
   */
  catalogue(options?: { collection?: boolean }): Catalogue;
  /** The user's collection file: MEMORIES_COLLECTION, else $XDG_DATA_HOME/memories/collection.yaml. */
  collectionPath: string;
  /** Today as YYYY-MM-DD, in local time. */
  today(): string;
  /** Load the data folders and the collection, problems included, printing nothing. */
  load(folders?: string[], withCollection?: boolean): LoadResult;
  /**
   * Run a search over the stored index of the data folders when it is fresh, printing the
   * problems the data had as catalogue() would; otherwise over the catalogue, storing an index
   * for next time.
   */
  searchIndex<R>(spec: SearchSpec, use: (index: SearchIndex) => R): R;
  /**
   * Answer from the stored views of `folders` (query/views.ts) when they are fresh: `use` gets
   * them with the problems the data had and the user's collection, and returns the answer, or
   * undefined when the views cannot give it. Undefined back means: answer from the catalogue,
   * which then keeps views for next time. Unless `quiet`, an answer prints the problems as
   * catalogue() would.
   */
  fromStore<R>(spec: ViewsSpec, folders: string[], use: (views: StoredViews, found: { problems: Problems; collection: CollectionIndex | undefined }) => R | undefined, options?: { quiet?: boolean }): R | undefined;
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
  const collectionPath = storePaths(io.env, homedir()).collection;
  const err = decideView(io.stderr, io.env, options.color);
  const store = new Store(io.store ?? { dir: undefined, build: '' });
  let loaded: Catalogue | undefined;
  // The problems of the data alone, without the collection's: what a search index stores.
  let dataProblems: Problem[] = [];
  // Views that fromStore found missing or unusable, to be kept when those folders are loaded.
  let wanted: { spec: ViewsSpec; folders: string[]; stamps: Stamp[] } | undefined;
  // Whether the data's problems are printed already (from stored views).
  let warned = false;

  /** Turn the errors about files the user named into exit 4, with what to do. */
  const filesNamed = <R>(run: () => R): R => {
    try {
      return run();
    } catch (e) {
      if (e instanceof MissingFolderError) {
        throw new CliError(`${e.message}; check the path (given with --data, MEMORIES_DATA or to validate)`, EXIT.files);
      }
      // Thrown by the lazily loaded bundle, so recognised by name rather than by class.
      if (e instanceof Error && e.name === 'CollectionFileError') throw new CliError(e.message, EXIT.files);
      throw e;
    }
  };

  // The collection needs yaml, so it is parsed only when there is one and it changed since it was
  // last decoded: the decoded collection is cached as a data file is (same stamps, same rules).
  const readCollection = (known: () => KnownIds, problems: Problems): CollectionIndex | undefined => {
    let stats: Stats;
    try {
      stats = statSync(collectionPath);
    } catch {
      return undefined;
    }
    const file = { path: collectionPath, stats };
    const { collection, own } = store.withFolderCache(dirname(collectionPath), isCollection, (cache, now) => {
      const hit = cache?.get(file);
      if (hit) return { collection: hit.records, own: hit.problems };
      const mine = io.heavy().loadCollection(collectionPath);
      cache?.set(file, mine.collection, mine.problems.list, now);
      return { collection: mine.collection, own: mine.problems.list };
    });
    problems.list.push(...own);
    return indexCollection(collection, known(), problems);
  };

  const load = (which = folders, withCollection = true): LoadResult =>
    filesNamed(() => {
      const progress = io.stderr.isTTY ? progressLine(io) : undefined;
      let result: LoadResult;
      try {
        result = loadCatalogue(which, { parse: (file, problems) => io.heavy().parseFile(file, problems), store, progress: progress?.update });
      } finally {
        progress?.done();
      }
      dataProblems = [...result.problems.list];
      const cat = result.catalogue;
      if (wanted && wanted.folders.length === which.length && wanted.folders.every((f, i) => f === which[i])) {
        store.keepSnapshot('views', which, wanted.stamps, dataProblems, viewSections(cat, result.fileCount, wanted.spec.tables(cat)));
        wanted = undefined;
      }
      if (withCollection) cat.collection = readCollection(() => ({ releases: cat.releaseById, works: cat.works }), result.problems);
      if (cat.collection) result.fileCount++;
      return result;
    });

  const warn = (problems: readonly Problem[]): void => {
    if (problems.length > 0) io.stderr.write(renderLoadWarnings(problems, err));
  };

  const catalogue = ({ collection = true } = {}): Catalogue => {
    if (loaded) return loaded;
    const result = load(folders, collection);
    if (!warned) warn(result.problems.list);
    loaded = result.catalogue;
    return loaded;
  };

  /** The stamps of the files of `which`, or undefined when some cannot be read (their problems are reported afresh by a load). */
  const stampsOf = (which: string[]): Stamp[] | undefined => {
    const listing = new Problems();
    const stamps = filesNamed(() => which.flatMap((f) => store.stamps(listDataFiles(f, listing))));
    return listing.list.length === 0 ? stamps : undefined;
  };

  /** Why a stored snapshot is not used, under MEMORIES_DEBUG; the user's own errors stand. */
  const unusable = (what: string, e: unknown): void => {
    if (e instanceof CliError || e instanceof QueryError) throw e;
    if (io.env.MEMORIES_DEBUG) io.stderr.write(`memories: the ${what} could not be used, so it is rebuilt: ${escapeLine(e instanceof Error ? e.message : String(e))}\n`);
  };

  const searchIndex = <R>(spec: SearchSpec, use: (index: SearchIndex) => R): R => {
    const stamps = store.enabled ? stampsOf(folders) : undefined;
    const snapshot = stamps ? store.snapshot('search', folders, stamps) : undefined;
    if (snapshot) {
      const problems = new Problems();
      let printed = false;
      try {
        problems.list.push(...snapshot.problems);
        const ids = (kind: 'works' | 'releases'): Set<string> => new Set(storedIds(snapshot, kind));
        const collection = filesNamed(() => readCollection(() => ({ releases: ids('releases'), works: ids('works') }), problems));
        warn(problems.list);
        printed = true;
        return use(storedIndex(snapshot, collection));
      } catch (e) {
        // An index that cannot be used (store/ checks every section it reads) is made again
        // from the files. If its problems are printed already, load without printing them twice.
        unusable('search index', e);
        if (printed) loaded = load().catalogue;
      } finally {
        snapshot.close();
      }
    }
    const cat = catalogue();
    const items = spec.items(cat);
    if (!stamps) return use(liveIndex(cat, items, spec.rows));
    // The index just made answers, as it will answer the next search.
    return use(storedIndex(store.keepSnapshot('search', folders, stamps, dataProblems, indexSections(cat, items, spec.rows)), cat.collection));
  };

  const fromStore: Context['fromStore'] = (spec, which, use, { quiet = false } = {}) => {
    const stamps = store.enabled ? stampsOf(which) : undefined;
    if (stamps === undefined || !store.worthViews(stamps)) return undefined;
    const snapshot = store.snapshot('views', which, stamps);
    if (!snapshot) {
      wanted = { spec, folders: which, stamps };
      return undefined;
    }
    try {
      const problems = new Problems();
      problems.list.push(...snapshot.problems);
      const views = storedViews(snapshot);
      const collection = filesNamed(() => readCollection(() => views.knownIds(), problems));
      // Printed first, as catalogue() prints them before a command can fail; if the views
      // cannot answer after all, the load that does answer does not print them again.
      if (!quiet) warn(problems.list);
      warned = !quiet;
      return use(views, { problems, collection });
    } catch (e) {
      unusable('stored views', e);
      wanted = { spec, folders: which, stamps };
      return undefined;
    } finally {
      snapshot.close();
    }
  };

  const out = decideView(io.stdout, io.env, options.color);
  // A real terminal only (not MEMORIES_FORCE_TTY), and never TERM=dumb, where less cannot run.
  const pager = options.pager && io.stdout.isTTY && io.env.TERM !== 'dumb' && io.page ? pagerCommand(io.env) : undefined;
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
    catalogue,
    searchIndex,
    fromStore,
  };
}

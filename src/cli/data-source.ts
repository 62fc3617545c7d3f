import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { Catalogue, Library } from '../catalogue/catalogue';
import { indexCollection, isCollection } from '../catalogue/collection';
import type { CollectionIndex, KnownIds } from '../catalogue/collection';
import { loadCatalogue } from '../catalogue/load';
import type { LoadResult } from '../catalogue/load';
import { QueryError } from '../query/parse';
import { indexSections, liveIndex, storedIds, storedIndex } from '../query/search-index';
import type { SearchIndex, SearchSpec } from '../query/search-index';
import { storedViews, viewSections } from '../query/views';
import type { StoredViews, ViewsSpec } from '../query/views';
import { renderLoadWarnings } from '../render/problems';
import type { View } from '../render/view';
import { listDataFiles, MissingFolderError } from '../source/files';
import type { FoundFile } from '../source/files';
import type { Problem } from '../source/problem';
import { Problems } from '../source/problem';
import type { Snapshot } from '../store/snapshot';
import type { Stamp } from '../store/stamp';
import type { Store } from '../store/store';
import { CliError, EXIT, isCollectionFileError } from './errors';
import type { Install, Io } from './io';

/**
 * Where a command's records come from: the data folders and the user's collection, loaded
 * from the files, or answered from what the store keeps (a search index, stored views) when
 * that was made from exactly these files. Either way the data's problems are printed once,
 * bounded, on stderr.
 */
export interface DataSource {
  folders: string[];
  /** The user's collection file: MEMORIES_COLLECTION, else $XDG_DATA_HOME/memories/collection.yaml. */
  collectionPath: string;
  /**
   * Load the catalogue and the user's collection, printing a bounded list of problems to
   * stderr; once per run.
   */
  library(): Library;
  /**
   * The catalogue alone, for the commands that change the collection: they read it
   * themselves, under its lock.
   */
  catalogue(): Catalogue;
  /** Load the data folders and the collection, problems included, printing nothing. */
  load(folders?: string[]): Loaded;
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
  fromStore<R>(
    spec: ViewsSpec,
    folders: string[],
    use: (views: StoredViews, found: { problems: Problems; collection: CollectionIndex | undefined }) => R | undefined,
    options?: { quiet?: boolean },
  ): R | undefined;
}

/**
 * "reading data: 37/101 files" on a terminal's stderr while files are parsed, from the moment a
 * load has taken half a second (a warm or small load shows nothing), cleared when it ends.
 */
function progressLine(io: Io): { update: (done: number, total: number) => void; done: () => void } {
  const started = io.now().getTime();
  let shown = false;
  let last = 0;
  return {
    update: (done, total) => {
      const now = io.now().getTime();
      if (now - started < 500 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\rreading data: ${done}/${total} files`);
    },
    done: () => {
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** A load of data folders and the collection; fileCount counts the collection file too. */
interface Loaded extends LoadResult {
  collection: CollectionIndex | undefined;
}

/** Turn the errors about files the user named into exit 4, with what to do. */
function filesNamed<R>(run: () => R): R {
  try {
    return run();
  } catch (e) {
    if (e instanceof MissingFolderError) {
      throw new CliError(`${e.message}; check the path (given with --data, MEMORIES_DATA or to validate)`, EXIT.files);
    }
    throw e;
  }
}

/** The errors that are the user's own: they stand, whatever answered. */
const stands = (e: unknown): boolean => e instanceof CliError || e instanceof QueryError || isCollectionFileError(e);

export function createDataSource(
  io: Io,
  heavy: Install['heavy'],
  folders: string[],
  collectionPath: string,
  store: Store,
  err: View,
): DataSource {
  let loaded: Catalogue | undefined;
  // The collection, once read beside `loaded`.
  let mine: { collection: CollectionIndex | undefined } | undefined;
  // The problems of the data alone, without the collection's: what a snapshot stores.
  let dataProblems: Problem[] = [];
  // Views that fromStore found missing or unusable, to be kept when those folders are loaded.
  let wanted: { spec: ViewsSpec; folders: string[]; stamps: Stamp[] } | undefined;
  // Whether the data's problems are printed already (from a snapshot).
  let warned = false;
  // Each folder is listed once a run, and its files stat'ed once: the stamps a snapshot is
  // checked against and the files a load then reads are the same (listing the bundled data
  // twice cost about 2 ms of every run of list or show).
  const listings = new Map<string, { files: FoundFile[]; problems: readonly Problem[] }>();
  const listFolder = (folder: string, problems: Problems): FoundFile[] => {
    let listing = listings.get(folder);
    if (!listing) {
      const own = new Problems();
      listing = { files: listDataFiles(folder, own), problems: own.list };
      listings.set(folder, listing);
    }
    problems.list.push(...listing.problems);
    return listing.files;
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
    const { collection, own } = filesNamed(() =>
      store.withFolderCache(dirname(collectionPath), [file], isCollection, (cache, now) => {
        const hit = cache?.get(file);
        if (hit) return { collection: hit.records, own: hit.problems };
        const mine = heavy().loadCollection(collectionPath);
        cache?.set(file, mine.collection, mine.problems.list, now);
        return { collection: mine.collection, own: mine.problems.list };
      }),
    );
    problems.list.push(...own);
    return indexCollection(collection, known(), problems);
  };

  const known = (cat: Catalogue) => (): KnownIds => ({ releases: cat.releaseById, works: cat.works });

  const load = (which = folders, withCollection = true): Loaded =>
    filesNamed(() => {
      const progress = io.stderr.isTTY ? progressLine(io) : undefined;
      let result: LoadResult;
      try {
        result = loadCatalogue(which, {
          parse: (file, problems) => heavy().parseFile(file, problems),
          list: listFolder,
          store,
          progress: progress?.update,
        });
      } finally {
        progress?.done();
      }
      dataProblems = [...result.problems.list];
      const cat = result.catalogue;
      if (wanted && wanted.folders.length === which.length && wanted.folders.every((f, i) => f === which[i])) {
        store.keepSnapshot('views', which, wanted.stamps, dataProblems, viewSections(cat, result.fileCount, wanted.spec.tables(cat)));
        wanted = undefined;
      }
      const collection = withCollection ? readCollection(known(cat), result.problems) : undefined;
      return { ...result, collection, fileCount: result.fileCount + (collection ? 1 : 0) };
    });

  const warn = (problems: readonly Problem[]): void => {
    if (problems.length > 0) io.stderr.write(renderLoadWarnings(problems, err));
  };

  /** The catalogue, loaded once, and with it the collection when asked for (read then if an earlier call left it out). */
  const open = (withCollection: boolean): Library => {
    if (!loaded) {
      const result = load(folders, withCollection);
      if (!warned) warn(result.problems.list);
      loaded = result.catalogue;
      if (withCollection) mine = { collection: result.collection };
    } else if (withCollection && !mine) {
      const problems = new Problems();
      mine = { collection: readCollection(known(loaded), problems) };
      warn(problems.list);
    }
    return { catalogue: loaded, collection: mine?.collection };
  };

  /** The stamps of the files of `which`, or undefined when nothing is kept or some cannot be read (a load reports their problems afresh). */
  const stampsOf = (which: string[]): Stamp[] | undefined => {
    if (!store.enabled) return undefined;
    const listing = new Problems();
    const stamps = filesNamed(() => which.flatMap((f) => store.stamps(listFolder(f, listing))));
    return listing.list.length === 0 ? stamps : undefined;
  };

  /** What a snapshot's answer is given: the data's problems and the user's collection now. */
  type Found = { problems: Problems; collection: CollectionIndex | undefined };
  /**
   * The one way a snapshot answers: its problems and the current collection are read, and
   * printed unless `quiet` (first, as catalogue() prints them before a command can fail;
   * `warned` keeps a load after all from printing them again), then `use` answers.
   */
  const answer = <R>(
    name: 'search' | 'views',
    which: string[],
    stamps: Stamp[],
    known: (snapshot: Snapshot) => KnownIds,
    use: (snapshot: Snapshot, found: Found) => R,
    quiet = false,
  ) =>
    store.answerFrom(
      name,
      which,
      stamps,
      (snapshot) => {
        const problems = new Problems();
        problems.list.push(...snapshot.problems);
        const collection = readCollection(() => known(snapshot), problems);
        if (!quiet) warn(problems.list);
        warned = !quiet;
        return use(snapshot, { problems, collection });
      },
      stands,
    );

  const searchIndex = <R>(spec: SearchSpec, use: (index: SearchIndex) => R): R => {
    const stamps = stampsOf(folders);
    if (stamps) {
      const ids = (snapshot: Snapshot, kind: 'works' | 'releases'): Set<string> => new Set(storedIds(snapshot, kind));
      const found = answer(
        'search',
        folders,
        stamps,
        (snapshot) => ({ releases: ids(snapshot, 'releases'), works: ids(snapshot, 'works') }),
        (snapshot, { collection }) => use(storedIndex(snapshot, collection)),
      );
      if (found.kind === 'answered') return found.answer;
    }
    const library = open(true);
    const cat = library.catalogue;
    const items = spec.items(cat);
    if (!stamps) return use(liveIndex(library, items, spec.rows));
    // The index just made answers, as it will answer the next search.
    return use(
      storedIndex(store.keepSnapshot('search', folders, stamps, dataProblems, indexSections(cat, items, spec.rows)), library.collection),
    );
  };

  const fromStore: DataSource['fromStore'] = (spec, which, use, { quiet = false } = {}) => {
    const stamps = stampsOf(which);
    if (stamps === undefined) return undefined;
    // One reader of the views serves both the collection's known ids and the answer.
    let views: StoredViews | undefined;
    const viewsOf = (snapshot: Snapshot): StoredViews => (views ??= storedViews(snapshot));
    const found = answer(
      'views',
      which,
      stamps,
      (snapshot) => viewsOf(snapshot).knownIds(),
      (snapshot, seen) => use(viewsOf(snapshot), seen),
      quiet,
    );
    if (found.kind === 'answered' && found.answer !== undefined) return found.answer;
    if (found.kind !== 'answered') wanted = { spec, folders: which, stamps };
    return undefined;
  };

  return {
    folders,
    collectionPath,
    library: () => open(true),
    catalogue: () => open(false).catalogue,
    load: (which) => load(which),
    searchIndex,
    fromStore,
  };
}

import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main';
import type { Install, Io } from '../src/cli/io';
import { Problems, problemText } from '../src/source/problem';
import { parseSource } from '../src/source/parse';
import * as heavy from '../src/cli/heavy';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFile } from '../src/catalogue/decode';
import { buildCatalogue } from '../src/catalogue/catalogue';
import type { Catalogue } from '../src/catalogue/catalogue';

/** The date the tests run on, whatever the clock says. */
const TODAY = new Date('2026-11-21T12:00:00Z');

/** Every command memories has, as its help lists them. */
export const COMMANDS = [
  'list',
  'segments',
  'staff',
  'releases',
  'search',
  'fields',
  'show',
  'review',
  'validate',
  'own',
  'want',
  'unown',
  'unwant',
  'collection',
  'watched',
  'unwatch',
  'log',
  'compare',
  'completion',
];

/** Releases of the bundled catalogue, for the tests that write them to a collection. */
export const SOME_RELEASES = [
  'memories-us-dvd-2004',
  'memories-gb-dvd-2004',
  'memories-jp-dvd-1999',
  'memories-jp-4k-2025',
  'robot-carnival-jp-dvd',
  'neo-tokyo-us-adv-dvd',
  'short-peace-us-sentai-bluray',
  'genius-party-us-bluray',
];

export const BUNDLED = fileURLToPath(new URL('../data', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const fixture = (name: string): string => `${FIXTURES}/${name}`;

export interface RunOptions {
  tty?: boolean;
  width?: number;
  env?: Record<string, string>;
  /** Keep folder caches and search indexes in this folder, as the installed CLI does in XDG_CACHE_HOME. */
  cacheDir?: string;
  /** Keep search indexes only (no folder caches) in this folder, so a search that loads the catalogue parses files. */
  indexDir?: string;
  /** The build the run claims to be (see StoreOptions.build). */
  build?: string;
  /** The store's clock; by default ten seconds ahead, so that files just written are old enough to be kept. */
  storeNow?: () => number;
  /** Replace the lazily loaded parts, to count or refuse what a run parses. */
  heavy?: typeof heavy;
  /** What the run reads from standard input. */
  stdin?: string;
  /** How long a writer waits for the collection's lock; 100 ms unless given. */
  lockWaitMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Run the CLI in-process with a fake terminal: a pipe by default, no colour unless asked. */
export async function run(args: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const indexDir = options.indexDir ?? options.cacheDir;
  const io: Io = {
    stdout: { write: (s) => void (stdout += s), isTTY: tty, columns: options.width ?? 100 },
    stderr: { write: (s) => void (stderr += s), isTTY: tty, columns: options.width ?? 100 },
    // No colour unless a test asks for it through env, and never the real user's collection.
    env: { MEMORIES_COLLECTION: join(tmpdir(), 'memories-no-collection', 'collection.yaml'), ...(options.env ?? { NO_COLOR: '1' }) },
    readStdin: () => options.stdin ?? '',
    now: () => TODAY,
    lockWaitMs: options.lockWaitMs ?? 100,
  };
  const install: Install = {
    bundledData: BUNDLED,
    heavy: () => options.heavy ?? heavy,
    ...(indexDir === undefined
      ? {}
      : {
          store: {
            dir: indexDir,
            build: options.build ?? 'test',
            folderCaches: options.cacheDir !== undefined,
            now: options.storeNow ?? (() => Date.now() + 10_000),
          },
        }),
  };
  const code = await main(args, io, install);
  return { stdout, stderr, code };
}

/** Decode YAML text as one file, returning the records and problems. */
export function decodeText(text: string, path = 'test.yaml'): { problems: Problems; records: ReturnType<typeof decodeFile> } {
  const problems = new Problems();
  const source = parseSource(path, text, problems);
  const records = source ? decodeFile(source, problems) : { anthologies: [], staff: [], releases: [], reviews: [] };
  return { problems, records };
}

/** Build a catalogue from several YAML texts, in order. */
export function catalogueOf(...texts: string[]): { catalogue: Catalogue; problems: Problems } {
  const problems = new Problems();
  const parts = texts.map((t, i) => {
    const source = parseSource(`file${i + 1}.yaml`, t, problems);
    return source ? decodeFile(source, problems) : { anthologies: [], staff: [], releases: [], reviews: [] };
  });
  return { catalogue: buildCatalogue(parts, problems), problems };
}

/** "file:line:col: message" lines, for compact assertions. */
export function describeProblems(problems: Problems): string[] {
  return problems.list.map((p) => `${p.file}:${p.line}:${p.col}: ${problemText(p)}`);
}

import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cachePathFor, hashName } from '../catalogue/cache';
import { describeFsError } from '../source/files';
import { EXIT } from './errors';
import type { Heavy } from './io';
import { main } from './main';
import { outStream } from './out-stream';
import { runPager } from './pager';
import type * as V8 from 'node:v8';

// The process boundary: the only place that reads process streams, argv and env.
// Built as dist/memories.cjs, so __dirname is dist/ and the bundled data sits beside it.
const stdout = outStream(1, () => process.stdout);
const stderr = outStream(2, () => process.stderr);

// Output that could not be written (a full disk, say) is a file-system error: say so, exit 4.
process.on('exit', () => {
  const failed = stdout.failed();
  if (!failed) return;
  stderr.write(`memories: could not write the output: ${describeFsError(failed)}\n`);
  process.exitCode = EXIT.files;
});

// Ctrl-C keeps Node's default: the process ends at once, even in the middle of a long parse,
// and the shell reports 130. No terminal mode is ever changed, so nothing needs resetting; a
// collection write cut short leaves the old file whole, and the next run removes its temporary
// file and takes over its lock (src/store/). While a pager runs, pager.ts leaves Ctrl-C to it.

// V8's optimizing compiler (TurboFan) compiles hot functions on another thread, and Node waits
// for those compilations before it exits, although their code will never run: a search of
// 1,000 anthologies from its index waited 10 to 17 ms for a 17 ms compile of its loop
// (docs/benchmarks.md). A run known to be short goes on without it.
const shortRun = (): void => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require keeps it out of start-up
  (require('node:v8') as typeof V8).setFlagsFromString('--no-turbofan');
};

// yaml, the decoder and the file writers are a bundle of their own, loaded on first use.
let loaded: Heavy | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require is what keeps it out of start-up
const heavy = (): Heavy => (loaded ??= require('./parse.cjs') as Heavy);

// The bundled data's cache sits beside the bundle, written at build time; user folders' caches
// live in the XDG cache folder.
const bundledData = join(__dirname, '..', 'data');
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'memories');
const cachePath = (folder: string): string => (folder === bundledData ? join(__dirname, 'bundled-cache.json') : cachePathFor(cacheDir, folder));

main(process.argv.slice(2), {
  stdout,
  stderr,
  env: process.env,
  bundledData,
  heavy,
  shortRun,
  readStdin: () => readFileSync(0, 'utf8'),
  now: () => new Date(),
  cachePath,
  indexPath: (key) => join(cacheDir, `search-${hashName(key)}.json`),
  // What a search index holds follows the code that wrote it, so an index is kept per build.
  build: `${statSync(__filename).mtimeMs}`,
  page: runPager,
}).then((code) => {
  process.exitCode = code;
});

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { cachePathFor, hashName } from '../catalogue/cache';
import type { Heavy } from './io';
import { main } from './main';
import { runPager } from './pager';

// The process boundary: the only place that reads process streams, argv and env.
// Built as dist/memories.cjs, so __dirname is dist/ and the bundled data sits beside it.
const stdout = process.stdout;
const stderr = process.stderr;

// A closed pipe (memories list | head -1) is a normal end, not an error.
let closed = false;
stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') closed = true;
  else throw e;
});

// Ctrl-C keeps Node's default: the process ends at once, even in the middle of a long parse,
// and the shell reports 130. No terminal mode is ever changed, so nothing needs resetting; a
// collection write in progress removes its temporary file (write-file-atomic), and a lock left
// behind is taken over by the next run. While a pager runs, pager.ts leaves Ctrl-C to it.
// A run starts without V8's optimizing compiler (launch.ts says why); long work turns it on:
// parsing YAML, loading a large catalogue, and what follows them. Without it a cold parse of
// 1,000 anthologies took twice as long.
let long = false;
const longRun = (): void => {
  if (!long) setFlagsFromString('--turbofan');
  long = true;
};

// yaml, the decoder and the file writers are a bundle of their own, loaded on first use.
let loaded: Heavy | undefined;
const heavy = (): Heavy => {
  longRun();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require is what keeps it out of start-up
  return (loaded ??= require('./parse.cjs') as Heavy);
};

// The bundled data's cache sits beside the bundle, written at build time; user folders' caches
// live in the XDG cache folder.
const bundledData = join(__dirname, '..', 'data');
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'memories');
const cachePath = (folder: string): string => (folder === bundledData ? join(__dirname, 'bundled-cache.json') : cachePathFor(cacheDir, folder));

main(process.argv.slice(2), {
  stdout: {
    write: (s) => {
      if (!closed) stdout.write(s);
    },
    isTTY: stdout.isTTY === true,
    columns: stdout.columns,
    rows: stdout.rows,
  },
  stderr: { write: (s) => stderr.write(s), isTTY: stderr.isTTY === true, columns: stderr.columns },
  env: process.env,
  bundledData,
  heavy,
  longRun,
  now: () => new Date(),
  cachePath,
  indexPath: (key) => join(cacheDir, `search-${hashName(key)}.json`),
  // What a search index holds follows the code that wrote it, so an index is kept per build.
  build: `${statSync(__filename).mtimeMs}`,
  page: runPager,
}).then((code) => {
  process.exitCode = code;
});

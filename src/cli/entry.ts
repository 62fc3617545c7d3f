import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { escapeLine } from '../render/escape';
import { describeFsError } from '../source/files';
import { storePaths } from '../store/paths';
import { EXIT } from './errors';
import type { Heavy } from './io';
import { main } from './main';
import { outStream } from './out-stream';
import { runPager } from './pager';

/** A digest of the sources and the lockfile, set by the build (esbuild.config.mjs). */
declare const MEMORIES_BUILD: string;

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

// yaml, the decoder and the file writers are a bundle of their own, loaded on first use.
let loaded: Heavy | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require is what keeps it out of start-up
const heavy = (): Heavy => (loaded ??= require('./parse.cjs') as Heavy);

// The bundled data's cache sits beside the bundle, written at build time; user folders' caches
// and the search indexes live in the XDG cache folder (store/paths.ts).
const bundledData = join(__dirname, '..', 'data');

void main(
  process.argv.slice(2),
  { stdout, stderr, env: process.env, readStdin: () => readFileSync(0, 'utf8'), now: () => new Date(), page: runPager },
  {
    bundledData,
    heavy,
    store: {
      dir: storePaths(process.env, homedir).cacheDir,
      // What is kept follows the code that wrote it, so everything is kept per build.
      build: MEMORIES_BUILD,
      fixed: new Map([[bundledData, join(__dirname, 'bundled-cache.json')]]),
      // Lines quote paths and error messages: escaped, as every message is.
      debug: process.env.MEMORIES_DEBUG ? (line) => stderr.write(`${escapeLine(line)}\n`) : undefined,
    },
  },
).then((code) => {
  process.exitCode = code;
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Starts dist/memories.cjs through a V8 code cache: compiling the bundle from scratch was about
 * a fifth of every run (docs/benchmarks.md). The cache is written at build time by a run with
 * MEMORIES_WRITE_CODE_CACHE=1. V8 itself rejects a cache that does not match the bundle or this
 * Node, and the bundle then simply compiles as usual.
 *
 * The bundle is written already wrapped, as one function expression (esbuild.config.mjs), and
 * called as Node calls a CommonJS module, with this file's own require, module and folder: the
 * two files sit side by side in dist/, so the bundle's require('./parse.cjs') finds the same
 * file, and node:module (about 0.5 ms to load) is not needed. Wrapping it here copied its
 * 440 kB once more in every run.
 */
const file = join(__dirname, 'memories.cjs');
const cacheFile = `${file}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache: compile normally.
}
const script = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData });
if (process.env.MEMORIES_DEBUG && script.cachedDataRejected)
  process.stderr.write(`memories: the code cache ${cacheFile} was rejected; the bundle was compiled instead\n`);
(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, __dirname);
if (process.env.MEMORIES_WRITE_CODE_CACHE) {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}

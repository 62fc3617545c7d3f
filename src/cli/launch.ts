import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Starts dist/memories.cjs through a V8 code cache: compiling the bundle from scratch was about
 * a fifth of every run (docs/benchmarks.md). The cache is written at build time by a run with
 * MEMORIES_WRITE_CODE_CACHE=1. V8 itself rejects a cache that does not match the bundle or this
 * Node, and the bundle then simply compiles as usual.
 */
const file = join(__dirname, 'memories.cjs');
const cacheFile = `${file}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache: compile normally.
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
if (process.env.MEMORIES_DEBUG && script.cachedDataRejected)
  process.stderr.write(`memories: the code cache ${cacheFile} was rejected; the bundle was compiled instead\n`);
const bundle = new Module(file, module);
bundle.filename = file;
(script.runInThisContext() as (...args: unknown[]) => void).call(
  bundle.exports,
  bundle.exports,
  Module.createRequire(file),
  bundle,
  file,
  dirname(file),
);
if (process.env.MEMORIES_WRITE_CODE_CACHE) {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}

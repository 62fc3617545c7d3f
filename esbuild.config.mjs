// Builds the CLI. Start-up is most of a short run, so the build is where it is won, by doing
// less work at run time and never by changing how V8 runs (docs/benchmarks.md has the figures):
// - dist/memories.cjs: everything a run needs when the data is already decoded, as one
//   CommonJS file, the fastest to load measured here; modules only some runs need
//   (child_process for commander, os, unicode-segmenter) get stand-ins that load them on first use,
//   and cli-table3 measures with our width, without loading string-width;
// - dist/parse.cjs: yaml and the decoder, loaded only when a file must be parsed;
// - dist/launch.cjs: starts memories.cjs through a V8 code cache, so it is not compiled anew;
// - output is written to the descriptors directly (src/cli/out-stream.ts), not through streams.
// Then a first run decodes the bundled data into dist/bundled-cache.json, and a few more
// write the code cache. The build id, a digest of the sources and the lockfile, keys every
// cache and index a run keeps (src/store/), so an upgrade never reads an older build's.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

// Built-in modules needed only by some runs get a stand-in that loads the real one on first use:
// - child_process, which commander requires at load time for executable subcommands (memories
//   has none): a stand-in for all of it, for commander only, since an ES import of it (the
//   pager's, once) finds none of the module's names on it;
// - os, whose homedir() src/store/paths.ts asks only when HOME is not set (loading os is about
//   half a million instructions of every run): the one function src/cli imports.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const standIns = {
      child_process: {
        importer: /[\\/]node_modules[\\/]commander[\\/]/,
        contents: "let m; module.exports = new Proxy({}, { get: (_, key) => (m ??= require('node:child_process'))[key] });",
      },
      os: { importer: /[\\/]src[\\/]cli[\\/]/, contents: "exports.homedir = () => require('node:os').homedir();" },
    };
    b.onResolve({ filter: /^(node:)?(child_process|os)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return standIns[name].importer.test(args.importer) ? { path: name, namespace: 'lazy' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: standIns[args.path].contents, loader: 'js' }));
  },
};

// unicode-segmenter decodes its tables when it is loaded, about 2 ms, and only text outside the
// simple scripts needs it (src/render/width.ts): its one function loads the module on first call.
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onResolve({ filter: /^unicode-segmenter\/grapheme$/ }, (args) =>
      args.namespace === 'lazy-segmenter' ? undefined : { path: 'grapheme', namespace: 'lazy-segmenter' },
    );
    b.onLoad({ filter: /^grapheme$/, namespace: 'lazy-segmenter' }, () => ({
      contents: "let m; exports.splitGraphemes = (s) => (m ??= require('unicode-segmenter/grapheme')).splitGraphemes(s);",
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

// cli-table3 measures cells with string-width 4, which loads an emoji regex and measures some
// clusters otherwise than render/width.ts: in the bundle it measures with ours. (Its padding
// and cutting are ours in every run, src/render/table-engine.ts.)
const oneWidth = {
  name: 'one-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/]cli-table3[\\/]/.test(args.importer) ? { path: 'string-width', namespace: 'one-width' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'one-width' }, () => ({
      contents: "module.exports = require('./src/render/width.ts').displayWidth;",
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

const buildId = createHash('sha256');
for (const file of [
  ...readdirSync('src', { recursive: true })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join('src', f)),
  'package-lock.json',
]) {
  buildId.update(`${file}\0`).update(readFileSync(file));
}

// English names for every two-letter language and region code, asked of ICU once here rather
// than in each run (src/util/names.ts); the same Node that builds is the one that runs.
const names = await build({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  stdin: { contents: "module.exports = require('./src/util/names.ts').namesTable();", resolveDir: process.cwd() },
});
const namesTable = JSON.stringify(
  new Function('module', 'require', `${names.outputFiles[0].text}; return module.exports;`)({ exports: {} }, () => undefined),
);

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/memories.cjs',
  external: ['./parse.cjs'],
  plugins: [lazyBuiltins, lazySegmenter, oneWidth],
  // Written as the function Node would wrap a CommonJS module in, so that launch.cjs compiles
  // the file's text as it is read, with no copy of it made to wrap it (src/cli/launch.ts).
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '});' },
  define: { MEMORIES_BUILD: JSON.stringify(buildId.digest('hex').slice(0, 16)), MEMORIES_NAMES: JSON.stringify(namesTable) },
});
await build({ ...common, entryPoints: ['src/cli/heavy.ts'], outfile: 'dist/parse.cjs' });
await build({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/launch.cjs' });
rmSync('dist/memories.cjs.cache', { force: true });

// Only the bundled data: the developer's own MEMORIES_DATA folders and collection stay out of
// the build (they would be checked, cached and reported as if they were the bundled data).
const run = (args, env = {}) =>
  spawnSync(process.execPath, ['bin/memories.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MEMORIES_DATA: '', MEMORIES_COLLECTION: 'dist/no-collection.yaml', ...env },
  });
const check = run(['validate']);
if (check.status !== 0) process.stderr.write(`warning: the bundled data has problems:\n${check.stdout}${check.stderr}`);

// The code cache holds the functions compiled by the runs that write it; each run starts from
// the cache the one before wrote, so together they cover list, show and a search answered from
// what is stored: the bundled data's views, and the index of a copy of it with old file times,
// so that the index is written (files changed in the last two seconds never are). Both are
// written first, so the cache holds what a warm run compiles, not what writing them does.
const scratch = mkdtempSync(join(tmpdir(), 'memories-build-'));
try {
  const data = join(scratch, 'data');
  cpSync('data', data, { recursive: true });
  const past = new Date('2020-01-01T00:00:00Z');
  for (const name of readdirSync(data)) utimesSync(join(data, name), past, past);
  const copied = Date.now();
  const search = ['--no-bundled', '--data', data, 'search', 'director:otomo'];
  const scratchEnv = { XDG_CACHE_HOME: join(scratch, 'cache') };
  // The copy's ctimes are now, and nothing changed in the last two seconds is kept (src/store/stamp.ts).
  const wait = copied + 2100 - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  run(search, scratchEnv);
  run(['list'], scratchEnv);
  for (const args of [['list'], ['show', 'memories', '--no-pager'], search]) run(args, { ...scratchEnv, MEMORIES_WRITE_CODE_CACHE: '1' });
  // A cache V8 rejects (made under other flags, say) would quietly cost every run its compile time.
  const rejected = run(['list'], { MEMORIES_DEBUG: '1' }).stderr.match(/.*code cache.*/);
  if (rejected) process.stderr.write(`warning: ${rejected[0]}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

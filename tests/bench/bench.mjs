// npm run bench: whole-process timings of memories against `node -e 0` in the same run,
// with NODE_EXTRA_CA_CERTS unset on both sides. Writes docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'memories.js');
const env = { ...process.env, NO_COLOR: '1' };
delete env.NODE_EXTRA_CA_CERTS;
const quick = process.argv.includes('--quick');

// Peak memory comes from a run of its own, in which a preloaded script reports the process's
// maximum resident set size (getrusage) as it exits; the timed runs carry nothing extra.
const peakFile = join(tmpdir(), `memories-bench-peak-${process.pid}`);
const peakScript = `${peakFile}.cjs`;
writeFileSync(
  peakScript,
  `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(peakFile)}, String(process.resourceUsage().maxRSS)));\n`,
);

/** Run once; return wall milliseconds. */
function once(args, extraEnv = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 3) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Peak resident memory of one run, in MB. */
function peakOf(args, extraEnv = {}) {
  rmSync(peakFile, { force: true });
  spawnSync(process.execPath, ['-r', peakScript, ...args], { env: { ...env, ...extraEnv }, stdio: 'ignore' });
  return existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) / 1024 : NaN;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of `runs` alternating runs of the floor and the command, so both see the same machine. */
function measure(args, runs, extraEnv, before) {
  const floor = [];
  const cmd = [];
  for (let i = 0; i < runs; i++) {
    if (before) before();
    floor.push(once(['-e', '0']));
    cmd.push(once(args, extraEnv));
  }
  if (before) before();
  return { floor: median(floor), ms: median(cmd), peak: peakOf(args, extraEnv) };
}

const rows = [];
function row(label, args, runs, { env: extraEnv, before, target } = {}) {
  const m = measure(args, runs, extraEnv, before);
  const r = { label, ...m, ratio: m.ms / m.floor, target };
  rows.push(r);
  console.error(
    `${label}: ${m.ms.toFixed(0)} ms, ${(m.ms / m.floor).toFixed(2)}x of node -e 0 (${m.floor.toFixed(0)} ms), peak ${m.peak.toFixed(0)} MB`,
  );
  return r;
}

const cacheHome = join(tmpdir(), 'memories-bench-cache');
const clearCache = () => rmSync(cacheHome, { recursive: true, force: true });
// The search indexes only, so that a search finds the folders read but has to index them again.
const clearIndexes = () => {
  const dir = join(cacheHome, 'memories');
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (f.startsWith('search-')) rmSync(join(dir, f));
};
const cacheEnv = { XDG_CACHE_HOME: cacheHome };
const mem = (...args) => [bin, ...args];

const bytes = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);

row('bundled: list', mem('list'), quick ? 9 : 21, { env: cacheEnv, target: '1.5x' });
row('bundled: show memories', mem('show', 'memories', '--no-pager'), quick ? 5 : 11, { env: cacheEnv });

const sizes = quick ? [10, 1000] : [10, 1000, 10000];
const sizeNotes = [];
for (const n of sizes) {
  const dir = generate(join(tmpdir(), `memories-bench-v2-${n}`), n);
  const data = ['--no-bundled', '--data', dir];
  const runs = n >= 10000 ? 3 : n >= 1000 ? 5 : 9;
  // Warm searches take tens of milliseconds, where this machine's noise is a large part: more runs.
  const searchRuns = quick ? 9 : 21;
  sizeNotes.push(
    `${n} anthologies: ${(bytes(dir) / 1e6).toFixed(1)} MB of YAML in ${readdirSync(dir).filter((f) => f.endsWith('.yaml')).length} files`,
  );
  const parseAll = `const y=require(${JSON.stringify(join(root, 'node_modules', 'yaml'))});const fs=require('fs');for(const f of fs.readdirSync(${JSON.stringify(dir)}))if(f.endsWith('.yaml'))y.parseDocument(fs.readFileSync(${JSON.stringify(dir)}+'/'+f,'utf8'))`;
  const parse = row(`${n}: bare yaml parse of the files`, ['-e', parseAll], runs);
  // The cold target is a ratio to the bare parse, given beside the target.
  const ofParse = (r) => `${(r.ms / parse.ms).toFixed(2)}x of bare parse`;
  const validate = row(`${n}: cold validate`, mem(...data, 'validate'), runs, {
    env: cacheEnv,
    before: clearCache,
    target: n === 1000 ? '1.3x of bare parse; < 300 MB' : n === 10000 ? '< 1 GB' : undefined,
  });
  const search = row(`${n}: cold search director:otomo`, mem(...data, 'search', 'director:otomo'), runs, {
    env: cacheEnv,
    before: clearCache,
    target: n === 1000 ? '1.3x of bare parse' : n === 10000 ? '< 1 GB' : undefined,
  });
  for (const r of [validate, search]) r.target = r.target ? `${r.target} (${ofParse(r)})` : ofParse(r);
  // Read the folder once (list), so the searches below find its files decoded in the cache.
  spawnSync(process.execPath, mem(...data, 'list'), { env: { ...env, ...cacheEnv } });
  row(`${n}: first search after list (indexes)`, mem(...data, 'search', 'director:otomo'), runs, { env: cacheEnv, before: clearIndexes });
  const indexTimes = () =>
    JSON.stringify(
      readdirSync(join(cacheHome, 'memories'))
        .filter((f) => f.startsWith('search-'))
        .map((f) => [f, statSync(join(cacheHome, 'memories', f)).mtimeMs]),
    );
  const indexed = indexTimes();
  row(`${n}: warm search director:otomo`, mem(...data, 'search', 'director:otomo'), searchRuns, {
    env: cacheEnv,
    target: n === 1000 ? '2x' : n === 10000 ? '4x' : undefined,
  });
  row(`${n}: warm search director:="Atsuko Kanno 1881"`, mem(...data, 'search', 'director:="Atsuko Kanno 1881"'), searchRuns, {
    env: cacheEnv,
  });
  // A warm search that rebuilt its index would be timing the wrong thing.
  if (indexTimes() !== indexed) throw new Error(`${n}: a warm search rewrote the search index; run one with MEMORIES_DEBUG=1 to see why`);
  // What every warm command should cost: reading only what it prints (the stored views).
  const warm = n === 1000 ? '2x' : n === 10000 ? '4x' : undefined;
  row(`${n}: warm list`, mem(...data, 'list'), runs, { env: cacheEnv });
  row(`${n}: warm list --limit 20`, mem(...data, 'list', '--limit', '20'), searchRuns, { env: cacheEnv, target: warm });
  row(`${n}: warm show anthology-1`, mem(...data, 'show', 'anthology-1', '--no-pager'), searchRuns, { env: cacheEnv, target: warm });
  row(`${n}: warm show "Koji Umetsu 1" (a name, not an id)`, mem(...data, 'show', 'Koji Umetsu 1', '--no-pager'), runs, { env: cacheEnv });
  row(`${n}: warm compare release-1 release-2`, mem(...data, 'compare', 'release-1', 'release-2'), searchRuns, {
    env: cacheEnv,
    target: warm,
  });
  row(`${n}: warm validate`, mem(...data, 'validate'), searchRuns, { env: cacheEnv, target: warm });
}
// Hostile files at each cap of docs/data-format.md: validate must stay within 2x of yaml's bare
// parse of the same file (before, aliases and large mappings made it quadratic).
const hostile = join(tmpdir(), 'memories-bench-hostile');
const anthology = (id, extra = '') =>
  `  - id: ${id}\n    title: T\n    year: 1990\n    segments:\n      - { id: ${id}-1, title: One }\n${extra}`;
const caps = [
  [
    '1,000 aliases among 10,000 records',
    `staff:\n${Array.from({ length: 10000 }, (_, i) => `  - { id: p-${i}, name: P ${i} }`).join('\n')}\nanthologies:\n  - id: a\n    title: A\n    year: 1990\n    studios: &s [S]\n    segments:\n${Array.from({ length: 999 }, (_, i) => `      - { id: s-${i}, title: S, studios: *s }`).join('\n')}\n`,
  ],
  [
    '80,000 keys in one mapping (over the cap)',
    `anthologies:\n${anthology('a', `    links:\n${Array.from({ length: 80000 }, (_, i) => `      k${i}: v`).join('\n')}\n`)}`,
  ],
  ['1,000,000-character value', `anthologies:\n${anthology('a', `    synopsis: "${'x'.repeat(999_000)}"\n`)}`],
];
for (const [label, text] of caps) {
  rmSync(hostile, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', hostile]);
  writeFileSync(join(hostile, 'h.yaml'), text);
  const yamlPath = JSON.stringify(join(root, 'node_modules', 'yaml'));
  const parse = row(
    `cap: bare yaml parse, ${label}`,
    [
      '-e',
      `require(${yamlPath}).parseDocument(require('fs').readFileSync(${JSON.stringify(join(hostile, 'h.yaml'))},'utf8'), { uniqueKeys: false })`,
    ],
    3,
  );
  const check = row(`cap: validate, ${label}`, mem('--no-bundled', 'validate', hostile), 3, { env: cacheEnv, before: clearCache });
  check.target = `2x of bare parse (${(check.ms / parse.ms).toFixed(2)}x)`;
}
// A 200,000-character CJK paragraph wrapped in an 80-column pseudo-terminal (\`script\` on both sides).
writeFileSync(join(hostile, 'h.yaml'), `anthologies:\n${anthology('long', `    synopsis: "${'大友克洋の夢。'.repeat(200_000 / 7)}"\n`)}`);
const inTerminal = (args) => [
  '-e',
  `require('child_process').spawnSync('script', ['-qec', ${JSON.stringify(args)}, '/dev/null'], { stdio: 'ignore', env: { ...process.env, COLUMNS: '80' } })`,
];
const ptyFloor = row('pty: script around node -e 0', inTerminal(`${process.execPath} -e 0`), 11);
// Terminal tables, laid out by cli-table3 (loaded only for them), against the same pty floor.
for (const [command, target] of [
  ['list', 2],
  ['staff', 2.5],
]) {
  const r = row(`pty: bundled ${command} at 80 columns`, inTerminal(`${process.execPath} ${bin} ${command} --no-pager`), 11, {
    env: cacheEnv,
  });
  r.target = `${target}x of the pty floor (${(r.ms / ptyFloor.ms).toFixed(2)}x)`;
}
const wrap = row(
  'pty: show of a 200,000-character CJK synopsis at 80 columns',
  inTerminal(`${process.execPath} ${bin} --no-bundled --data ${hostile} show long --no-pager`),
  3,
  { env: cacheEnv },
);
wrap.target = `well under 1 s (${(wrap.ms - ptyFloor.ms).toFixed(0)} ms over the pty floor)`;
rmSync(hostile, { recursive: true, force: true });
clearCache();
rmSync(peakScript, { force: true });
rmSync(peakFile, { force: true });

const table = rows
  .map(
    (r) =>
      `| ${r.label} | ${r.ms.toFixed(0)} | ${r.floor.toFixed(0)} | ${r.ratio.toFixed(2)}x | ${r.peak.toFixed(0)} | ${r.target ?? ''} |`,
  )
  .join('\n');
const node = process.version;
const doc = `# Benchmarks

Written by \`npm run bench\` (tests/bench/bench.mjs). Whole-process wall times, medians of
alternating runs of each command and of \`node -e 0\` (the floor) on the same machine,
with \`NODE_EXTRA_CA_CERTS\` unset for both. Peak memory is the resident high-water mark
(getrusage's maximum RSS) of one more run, so that measuring it does not slow the timed runs.
"Cold" runs start with an empty cache; "warm" runs follow one that filled it.
Node ${node}, ${new Date().toISOString().slice(0, 10)}.

${sizeNotes.map((s) => `- ${s}`).join('\n')}

| run | ms | node -e 0 ms | ratio | peak MB | target |
| --- | ---: | ---: | ---: | ---: | --- |
${table}
`;
const notes = readFileSync(join(root, 'docs', 'benchmarks.md'), 'utf8').split('<!-- notes -->')[1] ?? '\n';
writeFileSync(join(root, 'docs', 'benchmarks.md'), `${doc}\n<!-- notes -->${notes}`);
console.error('wrote docs/benchmarks.md');
